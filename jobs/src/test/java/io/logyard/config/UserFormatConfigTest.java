package io.logyard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logyard.format.LogEvent;
import io.logyard.format.LogFormats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A source's format defined in place: {@code format: {type: delimited|regex, ..., fields}}. */
class UserFormatConfigTest {
  private static String config(String source) {
    return "warehouse:\n  path: /tmp/wh\nsources:\n"
        + source.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }

  private static LogyardConfig load(String source) {
    return ConfigLoader.parseYaml("t.yaml", config(source), Map.of(), Map.of());
  }

  private static List<String> problems(String source) {
    return assertThrows(ConfigException.class, () -> load(source)).problems();
  }

  @Test
  void aDelimitedFormatDefinedInPlaceBecomesItsTypeAndOptions() throws Exception {
    LogyardConfig.Source s = load("""
        - name: app
          provider: local
          uri: /tmp/logs
          format:
            type: delimited
            delimiter: "|"
            fields:
              - {name: ts, type: timestamp, column: timestamp}
              - {name: ip, column: client_ip}
              - {name: user, kind: identifier}
              - msg:string:message
        """).sources().get(0);
    assertEquals("delimited", s.format());
    assertEquals(Map.of("delimiter", "|",
        "fields", "ts:timestamp:timestamp:,ip:string:client_ip:,user:string::identifier,"
            + "msg:string:message"), s.formatOptions());
    LogEvent ev = LogFormats.create(s.format(), s.formatOptions())
        .parse("2026-11-20T10:00:00Z|192.0.2.1|alice|hello");
    assertEquals("hello", ev.message);
    assertEquals("192.0.2.1", ev.clientIp);
  }

  @Test
  void everyProblemOfADefinitionHasItsKeyPath() {
    assertEquals(List.of(
        "sources[0].format.fields[1].colour: unknown key at line 12 (expected one of name, type, column, kind)",
        "sources[0].format.fields[2].name: missing value",
        "sources[0].format.fields[0].type: one of string, int, long, double, timestamp, found 'date'",
        "sources[0].format.fields[1].column: one of timestamp, message, alert_level, service,"
            + " hostname, nodeName, version, remote_log_id, public_ip, private_ip, client_ip,"
            + " http_method, endpoint, http_status, response_bytes, referrer, user_agent,"
            + " latency_ms, found 'ip'",
        "sources[0].format.pattern: not a valid regular expression: Unclosed group near index 7"),
        problems("""
        - name: app
          provider: local
          uri: /tmp/logs
          format:
            type: regex
            pattern: "(?<ts>x"
            fields:
              - {name: ts, type: date}
              - {name: ip, column: ip, colour: red}
              - {type: string}
        """));
    assertEquals(List.of("sources[0].format.type: found 'csv': one of delimited, regex (or write"
        + " the name of a built-in format as format's value)"), problems("""
        - name: app
          provider: local
          uri: /tmp/logs
          format: {type: csv}
        """));
  }

  @Test
  void namedFormatsKeepTheirOptionsAndProblemsUnderFormatOptions() {
    assertEquals(List.of("sources[0].format_options.fields[0].type: one of string, int, long,"
        + " double, timestamp, found 'when'"), problems("""
        - name: app
          provider: local
          uri: /tmp/logs
          format: delimited
          format_options: {fields: "a:when"}
        """));
  }
}
