package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CombinedFormatTest {
  private final LogFormat f = LogFormats.create("combined", Map.of());
  private final List<String> lines = Fixtures.lines("combined.log");

  @Test
  void fullLineFillsEveryColumn() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals("203.0.113.7", ev.clientIp);
    assertEquals(micros("2024-03-03T10:15:42Z"), ev.timestampMicros);
    assertEquals("GET", ev.httpMethod);
    assertEquals("/shop/cart", ev.endpoint);
    assertEquals(200, ev.httpStatus);
    assertEquals(5120L, ev.responseBytes);
    assertEquals("https://example.test/shop", ev.referrer);
    assertEquals("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/123.0", ev.userAgent);
    assertEquals("INFO", ev.alertLevel);
    assertEquals("GET /shop/cart?item=42&qty=1 HTTP/1.1", ev.message);
    assertEquals(Map.of("protocol", "HTTP/1.1", "query", "item=42&qty=1"), ev.attributes);
  }

  @Test
  void userOffsetAndDashes() {
    LogEvent ev = parse(f, lines.get(1));
    assertEquals(micros("2024-03-03T10:15:43+01:00"), ev.timestampMicros);
    assertEquals("alice", ev.attributes.get("auth_user"));
    assertFalse(ev.attributes.containsKey("ident"));
    assertNull(ev.referrer);
    assertEquals("curl/8.5.0", ev.userAgent);
    assertEquals(201, ev.httpStatus);
    assertEquals("HTTP/2.0", ev.attributes.get("protocol"));
  }

  @Test
  void ipv6ClientDashBytesAnd404() {
    LogEvent ev = parse(f, lines.get(2));
    assertEquals("2001:db8::42", ev.clientIp);
    assertEquals(micros("2024-03-03T10:15:44-05:30"), ev.timestampMicros);
    assertEquals(0L, ev.responseBytes);
    assertEquals("WARN", ev.alertLevel);
  }

  @Test
  void vhostPrefixAnd5xx() {
    LogEvent ev = parse(f, lines.get(3));
    assertEquals("shop.example.test:443", ev.attributes.get("vhost"));
    assertEquals("192.0.2.10", ev.clientIp);
    assertEquals("HEAD", ev.httpMethod);
    assertEquals("/", ev.endpoint);
    assertEquals("ERROR", ev.alertLevel);
  }

  @Test
  void escapedQuotesInsideFields() {
    LogEvent ev = parse(f, lines.get(4));
    assertEquals("q=%22shoes%22", ev.attributes.get("query"));
    assertEquals("Mozilla/5.0 \"quoted\" agent", ev.userAgent);
    assertEquals("Mozilla/5.0 \"nginx-escaped\"", parse(f, lines.get(10)).userAgent);
  }

  @Test
  void dashRequestKeepsRawRequest() {
    LogEvent ev = parse(f, lines.get(5));
    assertNull(ev.httpMethod);
    assertNull(ev.endpoint);
    assertEquals("-", ev.attributes.get("request"));
    assertEquals(408, ev.httpStatus);
    assertEquals(0L, ev.responseBytes);
    assertNull(ev.userAgent);
  }

  @Test
  void tlsBytesAsRequestAreKeptVerbatim() {
    LogEvent ev = parse(f, lines.get(6));
    assertNull(ev.httpMethod);
    assertEquals("\\x16\\x03\\x01\\x02\\x00\\x01", ev.attributes.get("request"));
    assertEquals(ev.attributes.get("request"), ev.message);
  }

  @Test
  void trailingFieldsAreKept() {
    LogEvent ev = parse(f, lines.get(7));
    assertEquals("198.51.100.1, 10.0.0.5", ev.attributes.get("extra_1"));
    assertEquals("0.004", ev.attributes.get("extra_2"));
    LogEvent xff = parse(f, lines.get(8));
    assertEquals("batch-runner", xff.attributes.get("client_host"));
    assertNull(xff.clientIp);
    assertEquals("203.0.113.99, 10.1.2.3", xff.attributes.get("x_forwarded_for"));
  }

  @Test
  void hostPortClients() {
    LogEvent ev = parse(f, lines.get(9));
    assertEquals("10.0.0.8", ev.clientIp);
    assertEquals("51234", ev.attributes.get("client_port"));
    assertEquals("*", ev.endpoint);
    LogEvent v6 = parse(f, lines.get(10));
    assertEquals("2001:db8::7", v6.clientIp);
    assertEquals("8443", v6.attributes.get("client_port"));
  }

  @Test
  void leapDayAndExtremeOffset() {
    assertEquals(micros("2024-02-29T23:59:59+14:00"), parse(f, lines.get(11)).timestampMicros);
  }

  @Test
  void iso8601TimeInBrackets() {
    LogEvent ev = parse(f, "192.0.2.1 - - [2024-03-05T10:15:42+01:00] \"GET / HTTP/1.1\" 200 5");
    assertEquals(micros("2024-03-05T10:15:42+01:00"), ev.timestampMicros);
  }

  @Test
  void commonLineWithoutReferrerParses() {
    LogEvent ev =
        parse(f, "::1 - - [26/Dec/2016:16:16:29 +0200] \"GET /favicon.ico HTTP/1.1\" 404 209");
    assertNull(ev.referrer);
    assertNull(ev.userAgent);
    assertEquals(209L, ev.responseBytes);
  }

  @Test
  void errorsSayWhatAndWhere() {
    assertEquals("empty line", reason(f, ""));
    assertEquals("empty line", reason(f, "   \r"));
    assertEquals(
        "expected '\"' opening the request at column 42, found 'GET'",
        reason(f, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] GET / HTTP/1.1 200 5"));
    assertEquals(
        "bad timestamp '32/Oct/2000:13:55:36 -0700': day 32 out of range",
        reason(f, "1.2.3.4 - - [32/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5"));
    assertEquals(
        "bad timestamp '10/Foo/2000:13:55:36 -0700': unknown month 'Foo'",
        reason(f, "1.2.3.4 - - [10/Foo/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5"));
    assertEquals(
        "expected ']' closing the timestamp opened at column 13",
        reason(f, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700 \"GET / HTTP/1.1\" 200 5"));
    assertEquals(
        "expected the status code at column 59, found 'OK'",
        reason(f, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" OK 5"));
    assertEquals(
        "expected the response size at column 62, found end of line",
        reason(f, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200"));
    assertEquals(
        "expected client, ident and user before the timestamp at column 11, found 2 fields",
        reason(f, "1.2.3.4 - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5"));
    assertEquals(
        "unterminated request: no closing '\"' for the quote at column 42",
        reason(f, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1 200 5"));
  }
}
