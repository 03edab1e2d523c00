package io.logyard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.format.MalformedLineException;
import org.junit.jupiter.api.Test;

/** The benchmark measures parsing, not rejecting: every generated line must parse. */
class BenchDataTest {
  @Test
  void everyGeneratedLineParses() throws MalformedLineException {
    for (String name : BenchData.formats()) {
      LogFormat f = LogFormats.create(name, BenchData.options(name));
      String[] lines = BenchData.lines(name, 2_000);
      assertEquals(2_000, lines.length);
      for (String line : lines) {
        try {
          f.parse(line);
        } catch (MalformedLineException e) {
          throw new AssertionError(name + ": " + e.reason() + " for: " + line, e);
        }
      }
    }
  }
}
