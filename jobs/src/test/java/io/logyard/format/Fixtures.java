package io.logyard.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Test helpers: fixture lines and expected timestamps computed with java.time. */
final class Fixtures {
  private Fixtures() {}

  static List<String> lines(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/formats/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture formats/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Epoch micros of an ISO-8601 instant or offset date-time. */
  static long micros(String iso) {
    Instant i = iso.endsWith("Z") ? Instant.parse(iso) : OffsetDateTime.parse(iso).toInstant();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  static LogEvent parse(LogFormat f, String line) {
    try {
      return f.parse(line);
    } catch (MalformedLineException e) {
      throw new AssertionError("expected '" + line + "' to parse, got: " + e.reason(), e);
    }
  }

  static String reason(LogFormat f, String line) {
    try {
      LogEvent ev = f.parse(line);
      throw new AssertionError("expected '" + line + "' to be rejected, got " + ev.attributes);
    } catch (MalformedLineException e) {
      return e.reason();
    }
  }
}
