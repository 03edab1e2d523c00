package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFormatTest {
  private final LogFormat f = LogFormats.create("json", Map.of());
  private final List<String> lines = Fixtures.lines("json.log");

  @Test
  void defaultMappingFillsColumns() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals(micros("2024-03-03T10:15:42.123Z"), ev.timestampMicros);
    assertEquals("INFO", ev.alertLevel);
    assertEquals("INFO", ev.attributes.get("level_raw"));
    assertEquals("User logged in successfully", ev.message);
    assertEquals("auth-service", ev.service);
    assertEquals("evt-0001", ev.remoteLogId);
    assertEquals("node-a.internal", ev.hostname);
    assertEquals("node-a", ev.nodeName);
    assertEquals("203.0.113.50", ev.publicIp);
    assertEquals("10.0.0.50", ev.privateIp);
    assertEquals("1.4.2", ev.version);
    assertEquals("198.51.100.7", ev.clientIp);
    assertEquals(
        Map.of("level_raw", "INFO", "metadata.user_id", "12345",
            "metadata.roles", "[\"admin\",\"dev\"]"),
        ev.attributes);
  }

  @Test
  void alternativeNamesOffsetsAndNumbers() {
    LogEvent ev = parse(f, lines.get(1));
    assertEquals(micros("2024-03-03T10:15:42Z"), ev.timestampMicros);
    assertEquals("WARN", ev.alertLevel);
    assertEquals("WARNING", ev.attributes.get("level_raw"));
    assertEquals("High memory usage detected", ev.message);
    assertEquals("42", ev.remoteLogId);
    assertEquals("93.5", ev.attributes.get("mem.used_pct"));
    assertEquals("false", ev.attributes.get("mem.swap"));
  }

  @Test
  void epochSecondsAndMillis() {
    LogEvent s = parse(f, lines.get(2));
    assertEquals(1709460942_000_000L, s.timestampMicros);
    assertEquals("ERROR", s.alertLevel);
    assertFalse(s.attributes.containsKey("retry"));
    LogEvent ms = parse(f, lines.get(3));
    assertEquals(1709460942_123_000L, ms.timestampMicros);
    assertEquals("CRITICAL", ms.alertLevel);
    assertEquals("db-2", ms.hostname);
    assertEquals(1709460942_500_000L, parse(f, lines.get(6)).timestampMicros);
    assertEquals("INFO", parse(f, lines.get(6)).alertLevel);
  }

  @Test
  void spaceSeparatedCommaFractionAndEmergency() {
    LogEvent ev = parse(f, lines.get(4));
    assertEquals(micros("2024-03-03T10:15:42.500Z"), ev.timestampMicros);
    assertEquals("EMERGENCY", ev.alertLevel);
    assertEquals("n7", ev.nodeName);
  }

  @Test
  void missingTimestampIsNull() {
    LogEvent ev = parse(f, lines.get(5));
    assertNull(ev.timestampMicros);
    assertEquals("CRITICAL", ev.alertLevel);
  }

  @Test
  void customMapping() {
    LogFormat custom =
        LogFormats.create("json", Map.of("timestamp", "ts", "level", "lvl", "message", "text, m"));
    LogEvent ev = parse(custom, "{\"ts\":\"2024-01-01T00:00:00Z\",\"lvl\":\"Warning\",\"m\":\"b\","
        + "\"text\":\"a\",\"message\":\"stays\",\"@timestamp\":\"x\"}");
    assertEquals(micros("2024-01-01T00:00:00Z"), ev.timestampMicros);
    assertEquals("WARN", ev.alertLevel);
    assertEquals("a", ev.message);
    assertEquals("b", ev.attributes.get("m"));
    assertEquals("stays", ev.attributes.get("message"));
    assertEquals("x", ev.attributes.get("@timestamp"));
  }

  @Test
  void nestedMappedField() {
    LogFormat custom = LogFormats.create("json", Map.of("level", "log.level"));
    LogEvent ev = parse(custom, "{\"log\":{\"level\":\"error\",\"logger\":\"a.b\"}}");
    assertEquals("ERROR", ev.alertLevel);
    assertEquals("a.b", ev.attributes.get("log.logger"));
    assertFalse(ev.attributes.containsKey("log.level"));
  }

  @Test
  void levelsAreNormalized() {
    String[][] cases = {
      {"WARNING", "WARN"}, {"warn", "WARN"}, {"err", "ERROR"}, {"Error", "ERROR"},
      {"crit", "CRITICAL"}, {"critical", "CRITICAL"}, {"emerg", "EMERGENCY"},
      {"emergency", "EMERGENCY"}, {"fatal", "CRITICAL"}, {"notice", "NOTICE"},
      {"alert", "ALERT"}, {"trace", "DEBUG"}, {"debug", "DEBUG"}, {"info", "INFO"},
      {"3", "ERROR"}, {"50", "ERROR"}, {"whatever", null}
    };
    for (String[] c : cases) {
      LogEvent ev = parse(f, "{\"level\":\"" + c[0] + "\"}");
      assertEquals(c[1], ev.alertLevel, c[0]);
      assertEquals(c[0], ev.attributes.get("level_raw"));
    }
  }

  @Test
  void byteOrderMarkAndLeadingBlanks() {
    assertEquals("a", parse(f, "\uFEFF{\"message\":\"a\"}").message);
    assertEquals("b", parse(f, "  {\"message\":\"b\"}").message);
    assertTrue(reason(f, "  {\"a\":}")
            .startsWith("invalid JSON at column 8: Unexpected character ('}'"),
        reason(f, "  {\"a\":}"));
  }

  @Test
  void errors() {
    assertEquals("empty line", reason(f, ""));
    assertTrue(reason(f, "[1,2]").startsWith("line is not a JSON object"));
    assertTrue(reason(f, "hello").startsWith("line is not a JSON object"));
    assertTrue(reason(f, "{\"a\":1")
            .startsWith("invalid JSON near column 7: Unexpected end-of-input"),
        reason(f, "{\"a\":1"));
    assertEquals("invalid JSON near column 10: Unrecognized token 'x': was expecting (JSON String,"
        + " Number, Array, Object or token 'null', 'true' or 'false')", reason(f, "{\"a\":1} x"));
    assertEquals("unexpected JSON token START_OBJECT after the JSON object at column 10",
        reason(f, "{\"a\":1} {}"));
    assertEquals(
        "field 'time': bad timestamp 'yesterday': expected yyyy-MM-ddTHH:mm:ss",
        reason(f, "{\"time\":\"yesterday\"}"));
    assertEquals(
        "field 'time': bad timestamp '2024-02-30T00:00:00Z': day 30 out of range",
        reason(f, "{\"time\":\"2024-02-30T00:00:00Z\"}"));
  }

  @Test
  void unknownOptionsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> LogFormats.create("json", Map.of("levle", "x")));
    assertTrue(e.getMessage().contains("unknown option 'levle'"), e.getMessage());
    assertTrue(e.getMessage().contains("level"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LogFormats.create("json", Map.of("level", " , ")));
  }
}
