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

class S3AccessFormatTest {
  private final LogFormat f = LogFormats.create("s3-access", Map.of());
  private final List<String> lines = Fixtures.lines("s3-access.log");

  @Test
  void everyDocumentedField() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals(micros("2024-03-05T08:30:12Z"), ev.timestampMicros);
    assertEquals("198.51.100.44", ev.clientIp);
    assertEquals("GET", ev.httpMethod);
    assertEquals("/media-prod/videos/intro.mp4", ev.endpoint);
    assertEquals(206, ev.httpStatus);
    assertEquals(1048576L, ev.responseBytes);
    assertEquals("https://www.example.test/watch", ev.referrer);
    assertEquals("Mozilla/5.0 (Macintosh) Safari/605.1.15", ev.userAgent);
    assertEquals("7QZ9EXAMPLE1A2B3", ev.remoteLogId);
    assertEquals(118.0, ev.latencyMs);
    assertEquals("INFO", ev.alertLevel);
    assertEquals("GET /media-prod/videos/intro.mp4?partNumber=2 HTTP/1.1", ev.message);
    Map<String, String> a = ev.attributes;
    assertEquals("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
        a.get("bucket_owner"));
    assertEquals("media-prod", a.get("bucket"));
    assertEquals("arn:aws:iam::111122223333:user/deploy-bot", a.get("requester"));
    assertEquals("7QZ9EXAMPLE1A2B3", a.get("request_id"));
    assertEquals("REST.GET.OBJECT", a.get("operation"));
    assertEquals("videos/intro.mp4", a.get("key"));
    assertEquals("GET /media-prod/videos/intro.mp4?partNumber=2 HTTP/1.1", a.get("request_uri"));
    assertEquals("partNumber=2", a.get("query"));
    assertNull(a.get("error_code"));
    assertEquals("1048576", a.get("bytes_sent"));
    assertEquals("52428800", a.get("object_size"));
    assertEquals("118", a.get("total_time_ms"));
    assertEquals("31", a.get("turnaround_time_ms"));
    assertEquals("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo",
        a.get("version_id"));
    assertEquals("SbZ1dG9nLWhvc3QtaWQtZXhhbXBsZS0wMDE=", a.get("host_id"));
    assertEquals("SigV4", a.get("signature_version"));
    assertEquals("TLS_AES_128_GCM_SHA256", a.get("cipher_suite"));
    assertEquals("QueryString", a.get("auth_type"));
    assertEquals("media-prod.s3.eu-west-1.amazonaws.com", a.get("host_header"));
    assertEquals("TLSv1.3", a.get("tls_version"));
    assertNull(a.get("access_point_arn"));
    assertNull(a.get("acl_required"));
  }

  @Test
  void olderShorterLayoutAndErrorCode() {
    LogEvent ev = parse(f, lines.get(1));
    assertEquals(404, ev.httpStatus);
    assertEquals("WARN", ev.alertLevel);
    assertEquals("NoSuchKey", ev.attributes.get("error_code"));
    assertNull(ev.attributes.get("requester"));
    assertEquals("aws-cli/2.15.0 Python/3.11.6", ev.userAgent);
  }

  @Test
  void fieldsAwsAddsLaterAreKept() {
    LogEvent ev = parse(f, lines.get(2));
    assertEquals("2001:db8:44::9", ev.clientIp);
    assertEquals(503, ev.httpStatus);
    assertEquals("ERROR", ev.alertLevel);
    assertEquals(0L, ev.responseBytes);
    assertEquals("future-field-1", ev.attributes.get("extra_1"));
    assertEquals("future field 2", ev.attributes.get("extra_2"));
  }

  @Test
  void dashesEverywhere() {
    LogEvent ev = parse(f, lines.get(3));
    assertNull(ev.clientIp);
    assertNull(ev.httpStatus);
    assertNull(ev.httpMethod);
    assertNull(ev.message);
    assertEquals(0L, ev.responseBytes);
    assertEquals("INFO", ev.alertLevel);
    assertEquals(Map.of("bucket_owner", ev.attributes.get("bucket_owner"), "bucket", "media-prod"),
        ev.attributes);
  }

  @Test
  void errors() {
    assertEquals("empty line", reason(f, ""));
    String truncated = lines.get(1).substring(0, lines.get(1).indexOf(" \"-\""));
    assertTrue(reason(f, truncated).startsWith("line ends after 15 fields at column"),
        reason(f, truncated));
    assertEquals("expected the http_status at column 19, found 'OK'",
        reason(f, "o b - - - - - - - OK - - - - - - -"));
    assertEquals("expected a number for bytes_sent at column 23, found 'x'",
        reason(f, "o b - - - - - - - - - x - - - - -"));
    assertEquals("expected a number for object_size at column 25, found 'big'",
        reason(f, "o b - - - - - - - - - - big - - - -"));
    assertEquals("expected ']' closing the time opened at column 5",
        reason(f, "o b [05/Mar/2024:08:30:12 +0000 - -"));
    assertEquals("bad timestamp '05/Mar/2024:08:30:12': missing UTC offset",
        reason(f, "o b [05/Mar/2024:08:30:12] - -"));
  }
}
