package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxErrorFormatTest {
  private final LogFormat f = LogFormats.create("nginx-error", null);
  private final List<String> lines = Fixtures.lines("nginx-error.log");

  @Test
  void entryWithContextTail() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals(micros("2026-11-20T10:00:00Z"), ev.timestampMicros);
    assertEquals("ERROR", ev.alertLevel);
    assertEquals("error", ev.attributes.get("level_raw"));
    assertEquals("1234", ev.attributes.get("pid"));
    assertEquals("0", ev.attributes.get("tid"));
    assertEquals("45", ev.attributes.get("connection"));
    assertEquals("open() \"/usr/share/nginx/html/favicon.ico\" failed (2: No such file or"
        + " directory)", ev.message);
    assertEquals("192.0.2.1", ev.clientIp);
    assertEquals("localhost", ev.attributes.get("server"));
    assertEquals("GET", ev.httpMethod);
    assertEquals("/favicon.ico", ev.endpoint);
    assertEquals("HTTP/1.1", ev.attributes.get("protocol"));
    assertEquals("localhost", ev.attributes.get("host"));
    assertEquals("http://localhost/index.html", ev.referrer);
  }

  @Test
  void upstreamIpv6AndQuery() {
    LogEvent ev = parse(f, lines.get(1));
    assertEquals("CRITICAL", ev.alertLevel);
    assertEquals("2001:db8::1", ev.clientIp);
    assertEquals("/login.php", ev.endpoint);
    assertEquals("next=%2F", ev.attributes.get("query"));
    assertEquals("fastcgi://unix:/run/php/php-fpm.sock:", ev.attributes.get("upstream"));
    assertTrue(ev.message.endsWith("while connecting to upstream"));
  }

  @Test
  void entriesWithoutConnectionOrTail() {
    LogEvent ev = parse(f, lines.get(2));
    assertEquals("NOTICE", ev.alertLevel);
    assertEquals("signal process started", ev.message);
    assertNull(ev.attributes.get("connection"));
    assertNull(ev.clientIp);
    assertEquals("EMERGENCY", parse(f, lines.get(4)).alertLevel);
  }

  @Test
  void timezoneAndErrors() {
    LogFormat paris = LogFormats.create("nginx-error", Map.of("timezone", "Europe/Paris"));
    assertEquals(micros("2026-11-20T10:00:00+01:00"), parse(paris, lines.get(0)).timestampMicros);
    assertEquals("empty line", reason(f, ""));
    assertTrue(reason(f, "20 Nov 2026 boom").startsWith("expected a time like"));
    assertEquals("unknown level 'loud' at column 22",
        reason(f, "2026/11/20 10:00:00 [loud] 1#1: x"));
    assertTrue(reason(f, "2026/13/20 10:00:00 [error] 1#1: x").startsWith("bad timestamp"));
  }
}
