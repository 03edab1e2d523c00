package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogfmtFormatTest {
  private final LogFormat f = LogFormats.create("logfmt", null);
  private final List<String> lines = Fixtures.lines("logfmt.log");

  @Test
  void pairsMapToColumnsAndAttributes() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals(micros("2026-11-20T10:00:00.123Z"), ev.timestampMicros);
    assertEquals("INFO", ev.alertLevel);
    assertEquals("request done", ev.message);
    assertEquals("web-1", ev.hostname);
    assertEquals("api", ev.service);
    assertEquals(Map.of("level_raw", "info", "method", "GET", "path", "/api/items",
        "status", "200", "duration", "12.5ms"), ev.attributes);
  }

  @Test
  void quotedValuesEpochTimesBareKeysAndEmptyValues() {
    LogEvent two = parse(f, lines.get(1));
    assertEquals(micros("2026-11-20T10:00:01Z"), two.timestampMicros);
    assertEquals("WARN", two.alertLevel);
    assertEquals("SELECT 1", two.attributes.get("query"));
    LogEvent three = parse(f, lines.get(2));
    assertEquals(1795168801L * 1_000_000L, three.timestampMicros);
    assertEquals("upstream failed: \"timeout\"", three.message);
    assertEquals("true", three.attributes.get("retry"));
    LogEvent four = parse(f, lines.get(3));
    assertEquals("", four.message);
    assertEquals("billing", four.service);
    assertEquals(micros("2026-11-20T10:00:03+01:00"), four.timestampMicros);
  }

  @Test
  void mappingIsConfigurableLikeJson() {
    LogFormat custom = LogFormats.create("logfmt", Map.of("message", "path"));
    assertEquals("/api/items", parse(custom, lines.get(0)).message);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LogFormats.create("logfmt", Map.of("colour", "x")));
    assertTrue(e.getMessage().startsWith("format logfmt: unknown option 'colour'"));
  }

  @Test
  void rejectsWithReasons() {
    assertEquals("empty line", reason(f, ""));
    assertEquals("no key=value pair in the line", reason(f, "just some words"));
    assertEquals("unterminated quoted value of 'msg' starting at column 5",
        reason(f, "msg=\"oops level=info"));
    assertEquals("expected a key at column 1, found '=x'", reason(f, "=x a=b"));
    assertTrue(reason(f, "ts=yesterday msg=x").startsWith("field 'ts': bad timestamp"));
  }
}
