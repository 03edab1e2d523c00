package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixture lines follow the examples of AWS's ALB and Classic ELB access log documentation. */
class AwsAlbFormatTest {
  private final LogFormat alb = LogFormats.create("aws-alb", null);
  private final LogFormat elb = LogFormats.create("aws-elb", null);
  private final List<String> albLines = Fixtures.lines("aws-alb.log");
  private final List<String> elbLines = Fixtures.lines("aws-elb.log");

  @Test
  void httpEntryFieldByField() {
    LogEvent ev = parse(alb, albLines.get(0));
    assertEquals(micros("2018-07-02T22:23:00.186641Z"), ev.timestampMicros);
    assertEquals("192.168.131.39", ev.clientIp);
    assertEquals("2817", ev.attributes.get("client_port"));
    assertEquals("10.0.0.1", ev.attributes.get("target_ip"));
    assertEquals("80", ev.attributes.get("target_port"));
    assertEquals(200, ev.httpStatus);
    assertEquals(366L, ev.responseBytes);
    assertEquals("GET", ev.httpMethod);
    assertEquals("/", ev.endpoint);
    assertEquals("HTTP/1.1", ev.attributes.get("protocol"));
    assertEquals("curl/7.46.0", ev.userAgent);
    assertEquals("Root=1-58337262-36d228ad5d99923122bbe354", ev.remoteLogId);
    assertEquals(1.0, ev.latencyMs);
    assertEquals("INFO", ev.alertLevel);
    assertEquals("http", ev.attributes.get("type"));
    assertEquals("app/my-loadbalancer/50dc6c495c0c9188", ev.attributes.get("elb"));
    assertEquals("0", ev.attributes.get("matched_rule_priority"));
    assertEquals("2018-07-02T22:22:48.364000Z", ev.attributes.get("request_creation_time"));
    assertEquals("forward", ev.attributes.get("actions_executed"));
    assertEquals("10.0.0.1:80", ev.attributes.get("target_port_list"));
    assertEquals("200", ev.attributes.get("target_status_code_list"));
    assertEquals("TID_1234abcd5678ef90", ev.attributes.get("conn_trace_id"));
    assertFalse(ev.attributes.containsKey("domain_name"));
    assertFalse(ev.attributes.containsKey("ssl_cipher"));
  }

  @Test
  void httpsQueryAndCertificate() {
    LogEvent ev = parse(alb, albLines.get(1));
    assertEquals("/api/items", ev.endpoint);
    assertEquals("id=7&sig=abc", ev.attributes.get("query"));
    assertEquals("TLSv1.2", ev.attributes.get("ssl_protocol"));
    assertEquals("www.example.com", ev.attributes.get("domain_name"));
    assertEquals(171.0, ev.latencyMs);
    assertTrue(ev.attributes.get("chosen_cert_arn").startsWith("arn:aws:acm:"));
  }

  @Test
  void ipv6ClientWithoutBrackets() {
    LogEvent ev = parse(alb, albLines.get(2));
    assertEquals("2001:db8:85a3::8a2e:370:7334", ev.clientIp);
    assertEquals("2817", ev.attributes.get("client_port"));
    assertEquals("https://example.com:80/", ev.attributes.get("redirect_url"));
    assertEquals("HTTP/2.0", ev.attributes.get("protocol"));
  }

  @Test
  void placeholdersAndFieldsAwsAddsLater() {
    LogEvent ev = parse(alb, albLines.get(3));
    assertNull(ev.latencyMs);
    assertEquals("-1", ev.attributes.get("target_processing_time"));
    assertFalse(ev.attributes.containsKey("target_ip"));
    assertFalse(ev.attributes.containsKey("target_status_code"));
    assertEquals(502, ev.httpStatus);
    assertEquals("ERROR", ev.alertLevel);
    assertEquals("TargetConnectionErrorCodes", ev.attributes.get("error_reason"));
    assertEquals("Ambiguous", ev.attributes.get("classification"));
    assertEquals("Mozilla/5.0 (Windows NT 10.0; Win64; x64) \"quoted\"", ev.userAgent);
    assertEquals("example.com", ev.attributes.get("extra_1"));
    assertEquals("/new", ev.attributes.get("extra_2"));
    assertEquals("TransformSuccess", ev.attributes.get("extra_3"));
    assertFalse(ev.attributes.containsKey("target_group_arn"));
  }

  @Test
  void webSocketsAndOlderLayout() {
    assertEquals(101, parse(alb, albLines.get(4)).httpStatus);
    assertNull(parse(alb, albLines.get(4)).userAgent);
    LogEvent old = parse(alb, albLines.get(5));
    assertEquals("app/old-layout/50dc6c495c0c9188", old.attributes.get("elb"));
    assertFalse(old.attributes.containsKey("trace_id"));
  }

  @Test
  void rejectsWithReasons() {
    assertEquals("empty line", reason(alb, ""));
    assertTrue(reason(alb, "http 2018-07-02T22:23:00Z app/x 1.2.3.4:5 - 0 0 0 200")
        .startsWith("line ends after 9 fields: expected at least 16"));
    assertEquals("expected a decimal number for request_processing_time at column 103,"
        + " found 'fast'", reason(alb, albLines.get(0).replace(" 0.000 0.001", " fast 0.001")));
    assertEquals("expected the elb_status_code at column 121, found 'OK'",
        reason(alb, albLines.get(0).replace(" 200 200 ", " OK 200 ")));
    assertTrue(reason(alb, albLines.get(0).replace("2018-07-02T22:23", "2018-17-02T22:23"))
        .startsWith("bad timestamp"));
  }

  @Test
  void classicElb() {
    LogEvent ev = parse(elb, elbLines.get(0));
    assertEquals(micros("2015-05-13T23:39:43.945958Z"), ev.timestampMicros);
    assertEquals("my-loadbalancer", ev.attributes.get("elb"));
    assertEquals("192.168.131.39", ev.clientIp);
    assertEquals("10.0.0.1", ev.attributes.get("target_ip"));
    assertEquals(200, ev.httpStatus);
    assertEquals(29L, ev.responseBytes);
    assertEquals("/", ev.endpoint);
    assertEquals(1.178, ev.latencyMs);
    LogEvent tcp = parse(elb, elbLines.get(2));
    assertNull(tcp.httpStatus);
    assertNull(tcp.httpMethod);
    assertEquals("- - - ", tcp.message);
    assertEquals("TLSv1.2", parse(elb, elbLines.get(3)).attributes.get("ssl_protocol"));
    LogEvent timeout = parse(elb, elbLines.get(4));
    assertEquals(504, timeout.httpStatus);
    assertNull(timeout.latencyMs);
    assertEquals("/slow", timeout.endpoint);
  }

  @Test
  void clientAndTargetForms() {
    // {value, client_ip, client_host, client_port}, each read where it stands in a line
    String[][] cases = {
      {"192.0.2.1:2817", "192.0.2.1", null, "2817"},
      {"[2001:db8::1]:443", "2001:db8::1", null, "443"},
      {"2001:db8::8a2e:370", "2001:db8::8a2e", null, "370"},
      {"lb-host:80", null, "lb-host", "80"},
      {"lb-host", null, "lb-host", null},
      {"[]:80", null, "", "80"},
      {"host:", null, "host:", null},
    };
    for (String[] c : cases) {
      String line = "a:1 " + c[0] + " b:2";
      int from = 4;
      int to = from + c[0].length();
      LogEvent client = new LogEvent();
      AwsAlbFormat.client(client, line, from, to, from + 1);
      assertEquals(c[1], client.clientIp, c[0]);
      assertEquals(c[2], client.attributes.get("client_host"), c[0]);
      assertEquals(c[3], client.attributes.get("client_port"), c[0]);
      LogEvent target = new LogEvent();
      AwsAlbFormat.target(target, line, from, to, from + 1);
      assertEquals(c[1] != null ? c[1] : c[2], target.attributes.get("target_ip"), c[0]);
      assertEquals(c[3], target.attributes.get("target_port"), c[0]);
    }
  }
}
