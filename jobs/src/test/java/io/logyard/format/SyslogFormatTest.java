package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 5424's and RFC 3164's examples, and lines as Linux syslog daemons write them. */
class SyslogFormatTest {
  private final LogFormat f = LogFormats.create("syslog", Map.of("year", "2026"));
  private final List<String> lines = Fixtures.lines("syslog.log");

  @Test
  void rfc5424() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals(micros("2003-10-11T22:14:15.003Z"), ev.timestampMicros);
    assertEquals("mymachine.example.com", ev.hostname);
    assertEquals("su", ev.service);
    assertEquals("ID47", ev.attributes.get("msgid"));
    assertNull(ev.attributes.get("pid"));
    assertEquals("auth", ev.attributes.get("facility"));
    assertEquals("crit", ev.attributes.get("severity"));
    assertEquals("CRITICAL", ev.alertLevel);
    assertEquals("1", ev.attributes.get("version"));
    assertEquals("'su root' failed for lonvick on /dev/pts/8", ev.message);
    LogEvent local = parse(f, lines.get(1));
    assertEquals(micros("2003-08-24T05:14:15.000003-07:00"), local.timestampMicros);
    assertEquals("8710", local.attributes.get("pid"));
    assertEquals("local4", local.attributes.get("facility"));
    assertEquals("NOTICE", local.alertLevel);
  }

  @Test
  void structuredData() {
    LogEvent ev = parse(f, lines.get(2));
    assertEquals("[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]",
        ev.attributes.get("structured_data"));
    assertEquals("An application event log entry...", ev.message);
    LogEvent two = parse(f, lines.get(3));
    assertTrue(two.attributes.get("structured_data").endsWith("[examplePriority@32473 class=\"high\"]"));
    assertNull(two.message);
    LogEvent escaped = parse(f, "<13>1 - - - - - [a@1 x=\"q\\\"]\"] \uFEFFhello");
    assertEquals("[a@1 x=\"q\\\"]\"]", escaped.attributes.get("structured_data"));
    assertEquals("hello", escaped.message);
    assertNull(escaped.timestampMicros);
  }

  @Test
  void bsd() {
    LogEvent ev = parse(f, lines.get(4));
    assertEquals(micros("2026-10-11T22:14:15Z"), ev.timestampMicros);
    assertEquals("mymachine", ev.hostname);
    assertEquals("su", ev.service);
    assertEquals("CRITICAL", ev.alertLevel);
    assertEquals("'su root' failed for lonvick on /dev/pts/8", ev.message);
    LogEvent file = parse(f, lines.get(5));
    assertNull(file.alertLevel);
    assertEquals("sshd", file.service);
    assertEquals("1234", file.attributes.get("pid"));
    assertEquals("web-1", file.hostname);
    assertEquals(micros("2026-11-20T10:00:00Z"), file.timestampMicros);
    assertEquals(micros("2026-11-03T09:05:01Z"), parse(f, lines.get(6)).timestampMicros);
    LogEvent iso = parse(f, lines.get(7));
    assertEquals(micros("2026-11-20T10:00:00.123456+01:00"), iso.timestampMicros);
    assertEquals("kernel", iso.service);
    assertEquals("[    1.234567] Linux version 6.1.0", iso.message);
  }

  @Test
  void timezoneOption() {
    LogFormat paris = LogFormats.create("syslog", Map.of("year", "2026", "timezone", "Europe/Paris"));
    assertEquals(micros("2026-11-20T10:00:00+01:00"), parse(paris, lines.get(5)).timestampMicros);
    assertThrows(IllegalArgumentException.class,
        () -> LogFormats.create("syslog", Map.of("year", "next")));
  }

  @Test
  void rejectsWithReasons() {
    assertEquals("empty line", reason(f, ""));
    assertTrue(reason(f, "<999>1 x").startsWith("expected a priority <0> to <191> at column 1"));
    assertTrue(reason(f, "Foo 20 10:00:00 h a: m").startsWith("bad timestamp 'Foo 20 10:00:00'"));
    assertEquals("expected ']' closing the structured data opened at column 17",
        reason(f, "<13>1 - - - - - [a@1 x=\"]"));
  }
}
