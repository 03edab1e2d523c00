package io.logyard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logyard.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
  private static final String LINES = String.join("\n",
      "203.0.113.57 - - [20/Nov/2026:10:00:03 +0000] \"GET /api/v1/users?id=7 HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"",
      "this is not an access log line",
      "2001:db8:1:2:3:4:5:6 - - [20/Nov/2026:10:00:04 +0100] \"POST /login HTTP/1.1\" 302 - \"https://example.com/\" \"Mozilla/5.0\"") + "\n";

  @TempDir Path dir;

  private record Out(int code, List<JsonNode> json, String stderr) {}

  private Out parse(String... args) {
    Cli.Result r = Cli.capture(args);
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> json = r.out().lines().map(l -> {
      try {
        return m.readTree(l);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + l, e);
      }
    }).toList();
    return new Out(r.code(), json, r.err());
  }

  @Test
  void oneJsonObjectPerLineInOrderWithErrorsInPlace() throws IOException {
    Path f = dir.resolve("access.log.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
      o.write(LINES.getBytes(StandardCharsets.UTF_8));
    }
    Out r = parse("parse", "--format", "combined", "--raw", f.toString());
    assertEquals(0, r.code(), r.stderr());
    assertEquals(3, r.json().size());
    JsonNode first = r.json().get(0);
    assertEquals("2026-11-20T10:00:03Z", first.get("timestamp").asText());
    assertEquals("203.0.113.57", first.get("client_ip").asText());
    assertEquals("/api/v1/users", first.get("endpoint").asText());
    assertEquals(200, first.get("http_status").asInt());
    assertTrue(first.get("http_status").isNumber());
    assertEquals(2, r.json().get(1).get("line_number").asInt());
    assertFalse(r.json().get(1).get("error").asText().isBlank());
    assertEquals("2026-11-20T09:00:04Z", r.json().get(2).get("timestamp").asText());
    assertTrue(r.stderr().contains("3 lines, 2 parsed, 1 errors"), r.stderr());
  }

  @Test
  void documentsWithManyRecordsPrintOneObjectPerRecord() throws IOException {
    Path f = dir.resolve("trail.json");
    Files.writeString(f, String.join("\n",
        "{\"Records\": [",
        "  {\"eventTime\": \"2026-11-20T10:00:00Z\", \"eventName\": \"GetObject\","
            + " \"eventSource\": \"s3.amazonaws.com\", \"sourceIPAddress\": \"203.0.113.5\"},",
        "  {\"eventTime\": \"later\", \"eventName\": \"PutObject\"},",
        "  {\"eventTime\": \"2026-11-20T10:00:02Z\", \"eventName\": \"DeleteObject\"}",
        "]}") + "\n");
    Out r = parse("parse", "--format", "aws-cloudtrail", "--raw", f.toString());
    assertEquals(0, r.code(), r.stderr());
    assertEquals(3, r.json().size());
    assertEquals("GetObject", r.json().get(0).get("message").asText());
    assertEquals("203.0.113.5", r.json().get(0).get("client_ip").asText());
    assertEquals(2, r.json().get(1).get("record").asInt());
    assertTrue(r.json().get(1).get("error").asText().startsWith("field 'eventTime'"));
    assertEquals("DeleteObject", r.json().get(2).get("message").asText());
  }

  @Test
  void privacyPolicyAppliesUnlessRaw() throws IOException {
    Path f = dir.resolve("access.log");
    Files.writeString(f, LINES);
    Out r = parse("parse", "--format", "combined", "--set", "privacy.hmac_key_file=" + dir.resolve("key"), f.toString());
    assertEquals(0, r.code(), r.stderr());
    assertEquals("203.0.113.0", r.json().get(0).get("client_ip").asText());
    assertEquals("2001:db8:1:2::", r.json().get(2).get("client_ip").asText());
  }

  @Test
  void unreadableFileAndUnknownFormatFailClearly() throws IOException {
    Out missing = parse("parse", "--format", "combined", "--raw", dir.resolve("nope.log").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.stderr().contains("nope.log"), missing.stderr());
    Out unknown = parse("parse", "--format", "klingon", "--raw", dir.resolve("nope.log").toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.stderr().contains("unknown log format 'klingon'"), unknown.stderr());
  }

  @Test
  void reasonsAndSecretFieldsAreScrubbedUnlessRaw() throws IOException {
    Path json = dir.resolve("app.log");
    Files.writeString(json, String.join("\n",
        "{\"@timestamp\":\"2026-11-20T10:01:06Z\",\"level\":\"INFO\",\"message\":\"user settings saved\","
            + "\"password\":\"JsonFieldPass99\",\"token\":\"JsonFieldToken88\"}",
        "{\"level\":\"INFO\",\"token\":Hunter2BareTokenPLANT}") + "\n");
    Path access = dir.resolve("access.log");
    Files.writeString(access, String.join("\n",
        "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET / HTTP/1.1\" 200 password=ReasonSizePassPLANT \"-\" \"x\"",
        "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET / HTTP/1.1\" 200 reason.plant@example.com \"-\" \"x\"",
        "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET / HTTP/1.1\" 200 198.51.100.234 \"-\" \"x\"",
        "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET /cb?code=OAuthCode12345 HTTP/1.1\" 302 0 \"-\" \"x\"")
        + "\n");
    String key = "privacy.hmac_key_file=" + dir.resolve("key");
    Out j = parse("parse", "--format", "json", "--set", key, json.toString());
    Out a = parse("parse", "--format", "combined", "--set", key, access.toString());
    assertEquals(0, j.code(), j.stderr());
    assertEquals(0, a.code(), a.stderr());
    String all = j.json().toString() + a.json().toString();
    for (String planted : List.of("JsonFieldPass99", "JsonFieldToken88", "Hunter2BareTokenPLANT",
        "ReasonSizePassPLANT", "reason.plant@example.com", "198.51.100.234", "OAuthCode12345")) {
      assertFalse(all.contains(planted), planted + " survived in: " + all);
    }
    assertEquals("[REDACTED]", j.json().get(0).get("attributes").get("password").asText());
    assertTrue(a.json().get(3).get("message").asText().contains("code=[REDACTED]"), all);
    Out raw = parse("parse", "--format", "combined", "--raw", access.toString());
    assertTrue(raw.json().toString().contains("ReasonSizePassPLANT"), "--raw shows the input as it is");
  }

  @Test
  void errorMessagesQuoteNoAddressOrEmail() throws IOException {
    Path missing = dir.resolve("alice@example.com").resolve("203.0.113.57.log");
    Out r = parse("parse", "--format", "combined", "--raw", missing.toString());
    assertEquals(1, r.code());
    assertFalse(r.stderr().contains("alice@example.com"), r.stderr());
    assertFalse(r.stderr().contains("203.0.113.57"), r.stderr());
    assertTrue(r.stderr().contains("203.0.113.0.log"), r.stderr());
  }
}
