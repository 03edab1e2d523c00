package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ScanTest {
  @Test
  void numberTextIsTheTextItselfAndSharedUpTo65535WithoutLeadingZeros() {
    for (String text : new String[] {"0", "7", "42", "443", "8080", "49152", "65535", "65536", "1700000000", "007", "0443"}) {
      String line = "port " + text + " end";
      int from = 5, to = 5 + text.length();
      long n = Scan.parseUnsigned(line, from, to);
      String a = Scan.numberText(line, from, to, n);
      assertEquals(text, a);
      String b = Scan.numberText("x" + line, from + 1, to + 1, n);
      if (n < 65536 && !text.startsWith("0") || text.equals("0")) {
        assertSame(a, b, text + " is shared");
      } else {
        assertNotSame(a, b, text + " is a copy");
      }
    }
  }
}
