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

class UserFormatTest {
  private final LogFormat csv = LogFormats.create("delimited", Map.of(
      "delimiter", ",",
      "comment", "#",
      "fields", "ts:timestamp:timestamp, ip:string:client_ip, status:int:http_status,"
          + " bytes:long:response_bytes, path:string:endpoint, took:double:latency_ms,"
          + " user:string::identifier, note"));

  @Test
  void delimitedFieldsFillColumnsAndAttributes() {
    assertTrue(csv.isHeader("# ts,ip,status"));
    LogEvent ev = parse(csv,
        "2026-11-20T10:00:00Z,203.0.113.7:4431,404,512,/a/b?x=1,12.5,alice,\"said \"\"hi\"\", ok\"");
    assertEquals(micros("2026-11-20T10:00:00Z"), ev.timestampMicros);
    assertEquals("203.0.113.7", ev.clientIp);
    assertEquals("4431", ev.attributes.get("client_port"));
    assertEquals(404, ev.httpStatus);
    assertEquals("WARN", ev.alertLevel);
    assertEquals(512L, ev.responseBytes);
    assertEquals("/a/b", ev.endpoint);
    assertEquals("x=1", ev.attributes.get("query"));
    assertEquals(12.5, ev.latencyMs);
    assertEquals("alice", ev.attributes.get("user"));
    assertEquals("said \"hi\", ok", ev.attributes.get("note"));
    LogEvent more = parse(csv, "1795168800,-,200,0,/,0,-,,x,y");
    assertEquals(1795168800L * 1_000_000L, more.timestampMicros);
    assertNull(more.clientIp);
    assertFalse(more.attributes.containsKey("note"));
    assertEquals("x", more.attributes.get("extra_1"));
    assertEquals("y", more.attributes.get("extra_2"));
    // a quoted value takes the same readers as one read in place: Apache's time, an IPv6 client
    LogEvent quoted = parse(csv,
        "\"20/Nov/2026:10:00:00 +0000\",\"[2001:db8::7]:443\",200,\"70000\",/,\"0.25\",-,-");
    assertEquals(micros("2026-11-20T10:00:00Z"), quoted.timestampMicros);
    assertEquals("2001:db8::7", quoted.clientIp);
    assertEquals("443", quoted.attributes.get("client_port"));
    assertEquals(70000L, quoted.responseBytes);
    assertEquals(0.25, quoted.latencyMs);
  }

  @Test
  void fieldKindsComeFromColumnsOrAreDeclared() {
    Map<String, PrivacyKind> kinds = new java.util.HashMap<>();
    for (Field f : csv.fields()) {
      kinds.put(f.name(), f.kind());
    }
    assertEquals(PrivacyKind.ADDRESS, kinds.get("client_ip"));
    assertEquals(PrivacyKind.URL, kinds.get("endpoint"));
    assertEquals(PrivacyKind.IDENTIFIER, kinds.get("user"));
    assertEquals(PrivacyKind.FREE_TEXT, kinds.get("note"));
  }

  @Test
  void tabAndSpaceDelimitersAndNoQuote() {
    LogFormat tsv = LogFormats.create("delimited", Map.of("delimiter", "\\t", "quote", "",
        "fields", "level:string:alert_level,msg:string:message"));
    LogEvent ev = parse(tsv, "warning\t\"quoted\" as is");
    assertEquals("WARN", ev.alertLevel);
    assertEquals("warning", ev.attributes.get("level_raw"));
    assertEquals("\"quoted\" as is", ev.message);
    LogFormat spaced = LogFormats.create("delimited", Map.of("delimiter", "space",
        "fields", "host:string:hostname,app:string:service,msg:string:message"));
    LogEvent sp = parse(spaced, "  web-1   api  \"hello world\"");
    assertEquals("web-1", sp.hostname);
    assertEquals("api", sp.service);
    assertEquals("hello world", sp.message);
  }

  @Test
  void delimitedRejectsWithReasons() {
    assertEquals("expected 8 fields, found 2 (line ends after ip)", reason(csv, "1,2"));
    assertEquals("expected a number for status at column 24, found 'OK'",
        reason(csv, "2026-11-20T10:00:00Z,-,OK,1,/,1,a,b"));
    assertTrue(reason(csv, "yesterday,-,200,1,/,1,a,b").startsWith("bad timestamp"));
    assertTrue(reason(csv, "1,-,200,1,/,1,a,\"open").startsWith("unterminated quoted note"));
  }

  @Test
  void regexWithNamedGroups() {
    LogFormat rx = LogFormats.create("regex", Map.of(
        "pattern", "(?<time>\\S+) \\[(?<level>\\w+)\\] (?<user>\\S+): (?<msg>.*)",
        "fields", "time:timestamp:timestamp,level:string:alert_level,msg:string:message"));
    LogEvent ev = parse(rx, "2026-11-20T10:00:00+01:00 [error] bob: disk full");
    assertEquals(micros("2026-11-20T10:00:00+01:00"), ev.timestampMicros);
    assertEquals("ERROR", ev.alertLevel);
    assertEquals("disk full", ev.message);
    assertEquals("bob", ev.attributes.get("user"));
    assertEquals("line does not match the pattern", reason(rx, "no match here"));
    assertTrue(rx.fields().stream().anyMatch(f -> f.name().equals("user")));
  }

  @Test
  void everyProblemOfADefinitionIsReportedByKey() {
    FormatOptionsException e = assertThrows(FormatOptionsException.class,
        () -> LogFormats.create("delimited", Map.of("delimiter", ";;", "colour", "red",
            "fields", "a:string, b:date, c:string:clientip, a:int, d:string:http_status,"
                + " e:string::secretive")));
    assertEquals(List.of("colour", "fields[1].type", "fields[2].column", "fields[3].name",
        "fields[4].type", "fields[5].kind", "delimiter"),
        e.problems().stream().map(FormatOptionsException.Problem::key).toList());
    assertTrue(e.getMessage().startsWith("format delimited: colour: unknown key"), e.getMessage());
    FormatOptionsException rx = assertThrows(FormatOptionsException.class,
        () -> LogFormats.create("regex", Map.of("pattern", "(?<a>x", "fields", "a")));
    assertEquals("pattern", rx.problems().get(0).key());
    FormatOptionsException group = assertThrows(FormatOptionsException.class,
        () -> LogFormats.create("regex", Map.of("pattern", "(?<a>x)", "fields", "b")));
    assertEquals("fields[0].name: no group (?<b>...) in the pattern",
        group.problems().get(0).key() + ": " + group.problems().get(0).message());
    assertThrows(FormatOptionsException.class, () -> LogFormats.create("delimited", Map.of()));
  }
}
