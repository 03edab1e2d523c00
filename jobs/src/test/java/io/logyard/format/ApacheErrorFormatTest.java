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

class ApacheErrorFormatTest {
  private final LogFormat f = LogFormats.create("apache-error", Map.of());
  private final List<String> lines = Fixtures.lines("apache-error.log");

  @Test
  void apache22() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals(micros("2023-10-11T14:32:52Z"), ev.timestampMicros);
    assertEquals("ERROR", ev.alertLevel);
    assertEquals("198.51.100.3", ev.clientIp);
    assertEquals("client denied by server configuration: /srv/www/private", ev.message);
    LogEvent notice = parse(f, lines.get(1));
    assertEquals("NOTICE", notice.alertLevel);
    assertNull(notice.clientIp);
    assertEquals("Apache/2.2.34 (Unix) configured -- resuming normal operations", notice.message);
  }

  @Test
  void apache24() {
    LogEvent ev = parse(f, lines.get(2));
    assertEquals(micros("2024-03-05T10:42:29.902022Z"), ev.timestampMicros);
    assertEquals("ERROR", ev.alertLevel);
    assertEquals("core", ev.attributes.get("module"));
    assertEquals("35708", ev.attributes.get("pid"));
    assertEquals("140233244448512", ev.attributes.get("tid"));
    assertEquals("203.0.113.88", ev.clientIp);
    assertEquals("51234", ev.attributes.get("client_port"));
    assertEquals("AH00128", ev.attributes.get("error_code"));
    assertEquals("https://www.example.test/start", ev.referrer);
    assertEquals("AH00128: File does not exist: /srv/www/favicon.ico", ev.message);

    LogEvent warn = parse(f, lines.get(3));
    assertEquals("WARN", warn.alertLevel);
    assertEquals("35709", warn.attributes.get("pid"));
    assertNull(warn.attributes.get("tid"));

    LogEvent debug = parse(f, lines.get(4));
    assertEquals("DEBUG", debug.alertLevel);
    assertEquals("10.0.0.4:8080", debug.attributes.get("remote_ip"));
    assertEquals("2001:db8::77", debug.clientIp);

    LogEvent php = parse(f, lines.get(5));
    assertNull(php.attributes.get("module"));
    assertEquals("192.0.2.99", php.clientIp);
    assertTrue(php.message.startsWith("PHP Warning:"));

    assertEquals("DEBUG", parse(f, lines.get(6)).alertLevel);
    LogEvent emerg = parse(f, lines.get(7));
    assertEquals("EMERGENCY", emerg.alertLevel);
    assertEquals(micros("2024-03-05T10:42:34Z"), emerg.timestampMicros);
  }

  @Test
  void timezoneOption() {
    LogFormat paris = LogFormats.create("apache-error", Map.of("timezone", "Europe/Paris"));
    assertEquals(micros("2023-10-11T14:32:52+02:00"), parse(paris, lines.get(0)).timestampMicros);
    assertEquals(micros("2023-12-03T04:47:44+01:00"), parse(paris, lines.get(1)).timestampMicros);
    LogFormat fixed = LogFormats.create("apache-error", Map.of("timezone", "-05:00"));
    assertEquals(micros("2023-10-11T14:32:52-05:00"), parse(fixed, lines.get(0)).timestampMicros);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LogFormats.create("apache-error", Map.of("timezone", "Mars/Olympus")));
    assertTrue(e.getMessage().contains("unknown zone 'Mars/Olympus'"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> LogFormats.create("apache-error", Map.of("tz", "UTC")));
  }

  @Test
  void errors() {
    assertEquals("empty line", reason(f, ""));
    assertEquals("expected '[' opening the time at column 1, found 'PHP'",
        reason(f, "PHP Fatal error: out of memory"));
    assertEquals("unknown level 'loud' at column 29",
        reason(f, "[Wed Oct 11 14:32:52 2023] [loud] boom"));
    assertEquals("bad timestamp 'Wed Oct 32 14:32:52 2023': day 32 out of range",
        reason(f, "[Wed Oct 32 14:32:52 2023] [error] boom"));
  }
}
