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

/** Fixture lines follow the examples of AWS's VPC Flow Logs documentation. */
class AwsVpcFlowFormatTest {
  private final LogFormat f = LogFormats.create("aws-vpc-flow", null);
  private final List<String> lines = Fixtures.lines("aws-vpc-flow.log");

  @Test
  void defaultFormatFieldByField() {
    assertTrue(f.isHeader(lines.get(0)));
    LogEvent ev = parse(f, lines.get(1));
    assertEquals(micros("2014-12-14T04:06:50Z"), ev.timestampMicros);
    assertEquals("172.31.16.139", ev.clientIp);
    assertEquals(4249L, ev.responseBytes);
    assertEquals("ACCEPT OK", ev.message);
    assertEquals("INFO", ev.alertLevel);
    assertEquals("2", ev.attributes.get("version"));
    assertEquals("123456789010", ev.attributes.get("account_id"));
    assertEquals("eni-1235b8ca123456789", ev.attributes.get("interface_id"));
    assertEquals("172.31.16.21", ev.attributes.get("dstaddr"));
    assertEquals("20641", ev.attributes.get("srcport"));
    assertEquals("22", ev.attributes.get("dstport"));
    assertEquals("6", ev.attributes.get("protocol"));
    assertEquals("20", ev.attributes.get("packets"));
    assertEquals("1418530070", ev.attributes.get("end"));
    assertEquals("WARN", parse(f, lines.get(2)).alertLevel);
    assertEquals("REJECT OK", parse(f, lines.get(2)).message);
    assertEquals("ACCEPT NODATA", parse(f, lines.get(1).replace(" OK", " NODATA")).message);
  }

  @Test
  void noDataAndIpv6() {
    LogEvent nodata = parse(f, lines.get(3));
    assertNull(nodata.clientIp);
    assertEquals("NODATA", nodata.message);
    assertFalse(nodata.attributes.containsKey("action"));
    assertEquals("WARN", parse(f, lines.get(4)).alertLevel);
    assertEquals("2001:db8:1234:a100:8d6e:3477:df66:f105", parse(f, lines.get(5)).clientIp);
  }

  @Test
  void theHeaderLineDefinesACustomLayout() {
    ObjectSinkRecorder r = ObjectSinkRecorder.read(f, Fixtures.lines("aws-vpc-flow-custom.log"));
    assertEquals(1, r.skipped);
    assertEquals(List.of(), r.reasons);
    assertEquals(List.of(1L, 2L), r.records);
    LogEvent ev = r.events.get(0);
    assertEquals("10.0.1.5", ev.clientIp);
    assertEquals("i-01234567890123456", ev.attributes.get("instance_id"));
    assertEquals("203.0.113.5", ev.attributes.get("pkt_dstaddr"));
    assertEquals("egress", ev.attributes.get("flow_direction"));
    assertEquals(micros("2014-12-14T04:06:50Z"), ev.timestampMicros);
    assertNull(ev.message);
  }

  @Test
  void aFieldTheHeaderNamesTwiceKeepsItsLastValue() {
    ObjectSinkRecorder r = ObjectSinkRecorder.read(f,
        List.of("version srcaddr version dstport", "2 10.0.0.1 3 443"));
    assertEquals(List.of(), r.reasons);
    LogEvent ev = r.events.get(0);
    assertEquals(List.of("version", "dstport"), List.copyOf(ev.attributes.keySet()));
    assertEquals("3", ev.attributes.get("version"));
  }

  @Test
  void theFieldsOptionDefinesTheLayoutOfLinesReadAlone() {
    LogFormat custom = LogFormats.create("aws-vpc-flow",
        Map.of("fields", "instance-id,interface-id,srcaddr,dstaddr,pkt-srcaddr,pkt-dstaddr,"
            + "flow-direction,start"));
    LogEvent ev = parse(custom, Fixtures.lines("aws-vpc-flow-custom.log").get(2));
    assertEquals("ingress", ev.attributes.get("flow_direction"));
    assertThrows(IllegalArgumentException.class,
        () -> LogFormats.create("aws-vpc-flow", Map.of("fields", " ")));
  }

  @Test
  void aHeaderIsALineOfFieldNamesOnly() {
    assertTrue(f.isHeader("version account-id interface-id srcaddr"));
    assertTrue(f.isHeader("version,srcaddr,\tpkt-srcaddr ecs-task-id  "));
    assertTrue(f.isHeader("${version} ${vpc-id} ${flow-direction}"));
    assertTrue(f.isHeader("reject_reason"));
    for (String line : lines.subList(1, lines.size())) {
      assertFalse(f.isHeader(line), line);
    }
    for (String line : List.of("", " \t", "2", "version 2", "version srcaddr ACCEPT",
        "version account-id 123456789010", "-", "- version", "eni-1235b8ca123456789 version",
        "ACCEPT OK", "version something-else", "123version", "_version", "version.")) {
      assertFalse(f.isHeader(line), line);
    }
  }

  @Test
  void rejectsWithReasons() {
    assertEquals("empty line", reason(f, ""));
    assertEquals("expected 14 space-separated fields, found 3 (line ends after interface_id)",
        reason(f, "2 123456789010 eni-1"));
    assertEquals("expected a number for packets at column 76, found 'many'",
        reason(f, lines.get(1).replace(" 20 4249", " many 4249")));
  }
}
