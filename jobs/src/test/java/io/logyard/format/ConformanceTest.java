package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every line of the public samples in shared/conformance/ is parsed or rejected with a reason;
 * a handful of lines are checked value by value.
 */
class ConformanceTest {
  private static Path dir;

  @BeforeAll
  static void locate() {
    dir = Path.of(System.getProperty("user.dir")).resolve("../../shared/conformance").normalize();
    Assumptions.assumeTrue(Files.isDirectory(dir), "no conformance samples at " + dir);
  }

  /** Each sample file and the format it is in. */
  private static final Map<String, String> FORMAT_OF = Map.of(
      "apache-access-edge-cases.log", "combined",
      "s3-server-access.log", "s3-access");

  private static List<String> lines(String file) throws IOException {
    return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
  }

  /** Parses every line; returns the events, null where the line was rejected. */
  private static List<LogEvent> parseAll(String file, LogFormat f) throws IOException {
    List<LogEvent> out = new ArrayList<>();
    for (String line : lines(file)) {
      try {
        out.add(f.parse(line));
      } catch (MalformedLineException e) {
        assertNotNull(e.reason(), line);
        assertFalse(e.reason().isBlank(), line);
        out.add(null);
      }
    }
    return out;
  }

  @Test
  void everyLineOfEverySampleIsParsedOrRejectedWithAReason() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(x -> x.toString().endsWith(".log")).toList()) {
        String name = p.getFileName().toString();
        String format = FORMAT_OF.getOrDefault(name, null);
        List<String> formats = format != null && LogFormats.names().contains(format)
            ? List.of(format) : LogFormats.names();
        for (String fmt : formats) {
          parseAll(name, LogFormats.create(fmt, Map.of()));
        }
      }
    }
  }

  @Test
  void apacheEdgeCasesAllParseAsCombined() throws IOException {
    List<String> lines = lines("apache-access-edge-cases.log");
    List<LogEvent> ev =
        parseAll("apache-access-edge-cases.log", LogFormats.create("combined", null));
    for (int i = 0; i < ev.size(); i++) {
      if (!lines.get(i).isBlank()) {
        assertNotNull(ev.get(i), "line " + (i + 1) + ": " + lines.get(i));
      }
    }
    // IPv6 client, no referrer or agent
    assertEquals("::1", ev.get(0).clientIp);
    assertEquals(404, ev.get(0).httpStatus);
    assertEquals("/favicon.ico", ev.get(0).endpoint);
    assertEquals(Fixtures.micros("2016-12-26T16:16:29+02:00"), ev.get(0).timestampMicros);
    // "-" request with 408 and bytes -
    LogEvent dash = ev.get(2);
    assertNull(dash.httpMethod);
    assertNull(dash.endpoint);
    assertEquals("-", dash.attributes.get("request"));
    assertEquals(408, dash.httpStatus);
    assertEquals(0L, dash.responseBytes);
    assertEquals("WARN", dash.alertLevel);
    // host name as client
    assertNull(ev.get(4).clientIp);
    assertEquals("monitoring-server", ev.get(4).attributes.get("client_host"));
    // X-Forwarded-For list, IPv6 client
    LogEvent xff = ev.get(8);
    assertEquals("2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6", xff.clientIp);
    assertEquals("10.225.192.17, 10.2.2.121", xff.attributes.get("x_forwarded_for"));
    assertEquals("/A%20Beka%20G1%20Howe/029_AND_30/15%20reading%20elephants.mp4", xff.endpoint);
    assertEquals("10.0.0.2,10.0.0.1", ev.get(7).attributes.get("x_forwarded_for"));
    assertFalse(ev.get(6).attributes.containsKey("x_forwarded_for"));
    // an extra number before the referrer
    LogEvent extra = ev.get(10);
    assertEquals("3413", extra.attributes.get("extra_1"));
    assertNull(extra.referrer);
    assertTrue(extra.userAgent.startsWith("Mozilla/5.0 (Windows NT 6.1"));
    // ident and user
    assertEquals("user-identity", ev.get(12).attributes.get("ident"));
    assertEquals("frank", ev.get(12).attributes.get("auth_user"));
    assertEquals(Fixtures.micros("2000-10-10T13:55:36-07:00"), ev.get(12).timestampMicros);
    // host:port client, script as method
    assertEquals("127.0.0.1", ev.get(13).clientIp);
    assertEquals("80", ev.get(13).attributes.get("client_port"));
    assertNull(ev.get(13).httpMethod);
    assertEquals("<SCRIPT>NXSSTEST</SCRIPT> / HTTP/1.1", ev.get(13).attributes.get("request"));
    // vhost prefix, TLS bytes as request
    LogEvent vhost = ev.get(14);
    assertEquals("127.0.1.1:80", vhost.attributes.get("vhost"));
    assertEquals("127.0.0.1", vhost.clientIp);
    assertEquals("\\x16\\x03\\x03\\x01\\x8f\\x01", vhost.attributes.get("request"));
    // "- - HTTP/1.0" and "\n" are not request lines
    assertEquals("- - HTTP/1.0", ev.get(15).attributes.get("request"));
    assertEquals(Fixtures.micros("2024-06-14T12:20:12+05:30"), ev.get(15).timestampMicros);
    assertEquals("\\n", ev.get(16).attributes.get("request"));
    assertEquals("98", ev.get(16).attributes.get("extra_1"));
  }

  @Test
  void s3SamplesAllParse() throws IOException {
    List<String> lines = lines("s3-server-access.log");
    List<LogEvent> ev = parseAll("s3-server-access.log", LogFormats.create("s3-access", null));
    for (int i = 0; i < ev.size(); i++) {
      if (!lines.get(i).isBlank()) {
        assertNotNull(ev.get(i), "line " + (i + 1) + ": " + lines.get(i));
      }
    }
    LogEvent first = ev.get(0);
    assertEquals(Fixtures.micros("2019-08-01T00:24:41Z"), first.timestampMicros);
    assertEquals("89.160.20.156", first.clientIp);
    assertEquals("arn:aws:sts::123456:assumed-role/AWSServiceRoleForTrustedAdvisor/"
        + "TrustedAdvisor_627959692251_784ab70b-8cc9-4d37-a2ec-2ff4d0c08af9",
        first.attributes.get("requester"));
    assertEquals("44EE8651683CB4DA", first.remoteLogId);
    assertEquals("REST.GET.LOCATION", first.attributes.get("operation"));
    assertEquals("GET", first.httpMethod);
    assertEquals("/test-s3-ks/", first.endpoint);
    assertEquals("location&aws-account=627959692251", first.attributes.get("query"));
    assertEquals(200, first.httpStatus);
    assertEquals(142L, first.responseBytes);
    assertEquals("142", first.attributes.get("bytes_sent"));
    assertNull(first.attributes.get("object_size"));
    assertEquals(17.0, first.latencyMs);
    assertNull(first.referrer);
    assertTrue(first.userAgent.startsWith("AWS-Support-TrustedAdvisor, aws-internal/3"));
    assertEquals("SigV4", first.attributes.get("signature_version"));
    assertEquals("TLSv1.2", first.attributes.get("tls_version"));
    // requester ARN with '@', BATCH.DELETE.OBJECT with a bare '-' request URI
    LogEvent batch = ev.get(4);
    assertEquals("arn:aws:iam::123456:user/test@elastic.co", batch.attributes.get("requester"));
    assertEquals("BATCH.DELETE.OBJECT", batch.attributes.get("operation"));
    assertNull(batch.httpMethod);
    assertNull(batch.attributes.get("request_uri"));
    assertEquals("BATCH.DELETE.OBJECT", batch.message);
    assertEquals(204, batch.httpStatus);
    assertEquals("344017", batch.attributes.get("object_size"));
    // '-' remote IP, svc: requester
    LogEvent svc = ev.get(6);
    assertNull(svc.clientIp);
    assertEquals("svc:delivery.logs.amazonaws.com", svc.attributes.get("requester"));
    assertEquals(0L, svc.responseBytes);
    assertEquals("773", svc.attributes.get("object_size"));
    assertEquals(103.0, svc.latencyMs);
    // trailing access point ARN and aclRequired
    LogEvent ap = ev.get(7);
    assertEquals("arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP",
        ap.attributes.get("access_point_arn"));
    assertEquals("Yes", ap.attributes.get("acl_required"));
    // '-' status
    LogEvent noStatus = ev.get(8);
    assertNull(noStatus.httpStatus);
    assertEquals("INFO", noStatus.alertLevel);
    assertNull(noStatus.attributes.get("acl_required"));
    // lifecycle expiration with '"-"' request URI
    LogEvent expire = ev.get(9);
    assertEquals("S3.EXPIRE.OBJECT", expire.message);
    assertEquals("AmazonS3", expire.attributes.get("requester"));
    assertEquals("317", expire.attributes.get("object_size"));
    assertEquals("qsEq9bDa2VyxyZ4cz0c7oBnF67VYTTij", expire.attributes.get("version_id"));
  }
}
