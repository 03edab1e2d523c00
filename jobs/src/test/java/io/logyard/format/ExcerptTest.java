package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExcerptTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "short|10|short",
        "abc def|5|'abc '",
        "abc def|4|'abc '",
        "abc def|3|abc",
        "to bob@example.com now|10|'to '",
        "ip 203.0.113.77 x|8|'ip '",
        "(AKIAIOSFODNN7EXAMPLE)|10|(",
        "aaaaaaaaaaaaaaaaaaaa|6|aaaaaa",
        "bob@example.com|6|''",
        "2001:db8::1|6|''",
      })
  void cutsBetweenWords(String s, int max, String expected) {
    assertEquals(expected, Excerpt.head(s, max));
  }

  @Test
  void nullStaysNull() {
    assertNull(Excerpt.head(null, 5));
  }

  @Test
  void reasonsQuoteFieldsWithoutAFragmentOfAWord() {
    String field = "x".repeat(50) + " someone@example.com";
    assertEquals("x".repeat(50) + " ...", Scan.clip(field, 0, field.length()));
  }
}
