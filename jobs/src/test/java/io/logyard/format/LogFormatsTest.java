package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatsTest {
  @Test
  void everyNameCreatesItsFormat() {
    for (String name : LogFormats.names()) {
      LogFormat f = LogFormats.create(name, Map.of());
      assertEquals(name, f.name());
      assertTrue(!f.fields().isEmpty(), name);
    }
  }

  @Test
  void unknownFormatListsKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogFormats.create("apache", Map.of()));
    assertTrue(e.getMessage().contains("unknown log format 'apache'"), e.getMessage());
    for (String name : LogFormats.names()) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  @Test
  void optionsOfFormatsWithoutOptionsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> LogFormats.create("combined", Map.of("level", "x")));
    assertEquals("format combined: unknown option 'level' (it takes no options)", e.getMessage());
  }
}
