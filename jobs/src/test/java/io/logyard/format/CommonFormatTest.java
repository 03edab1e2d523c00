package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonFormatTest {
  private final LogFormat f = LogFormats.create("common", null);
  private final List<String> lines = Fixtures.lines("common.log");

  @Test
  void classicLine() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals("203.0.113.7", ev.clientIp);
    assertEquals(micros("2024-03-03T10:15:42Z"), ev.timestampMicros);
    assertEquals("GET", ev.httpMethod);
    assertEquals("/index.html", ev.endpoint);
    assertEquals(200, ev.httpStatus);
    assertEquals(2326L, ev.responseBytes);
    assertEquals("INFO", ev.alertLevel);
    assertEquals(Map.of("protocol", "HTTP/1.0"), ev.attributes);
  }

  @Test
  void identUserQueryAndDashBytes() {
    LogEvent ev = parse(f, lines.get(1));
    assertEquals("ident1", ev.attributes.get("ident"));
    assertEquals("bob", ev.attributes.get("auth_user"));
    assertEquals("download=1", ev.attributes.get("query"));
    assertEquals("/private/report.pdf", ev.endpoint);
    assertEquals(0L, ev.responseBytes);
    assertEquals("WARN", ev.alertLevel);
    assertEquals(micros("2024-03-03T10:15:43-07:00"), ev.timestampMicros);
  }

  @Test
  void dashRequest() {
    LogEvent ev = parse(f, lines.get(2));
    assertEquals("-", ev.attributes.get("request"));
    assertNull(ev.httpMethod);
  }

  @Test
  void referrerAndAgentAreExtrasInCommon() {
    LogEvent ev = parse(f, lines.get(3));
    assertNull(ev.referrer);
    assertNull(ev.userAgent);
    assertEquals("curl/8.5.0", ev.attributes.get("extra_2"));
    assertTrue(f.fields().stream().noneMatch(x -> "user_agent".equals(x.column())));
  }
}
