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

class AzureStorageFormatTest {
  private final LogFormat f = LogFormats.create("azure-storage", Map.of());
  private final List<String> lines = Fixtures.lines("azure-storage.log");

  @Test
  void version1() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals(micros("2024-03-05T09:12:01.486123Z"), ev.timestampMicros);
    assertEquals(200, ev.httpStatus);
    assertEquals(18.0, ev.latencyMs);
    assertEquals("/images/cat.jpg", ev.endpoint);
    assertEquals("timeout=30", ev.attributes.get("query"));
    assertEquals("f3a9c1d2-701e-0042-2a4f-6fexample01", ev.remoteLogId);
    assertEquals("198.51.100.7", ev.clientIp);
    assertEquals("53211", ev.attributes.get("client_port"));
    assertEquals(53410L, ev.responseBytes);
    assertEquals("azsdk-python-storage-blob/12.19.0 Python/3.11.6 (Linux)", ev.userAgent);
    assertEquals("https://portal.example.test/", ev.referrer);
    assertEquals("GetBlob", ev.message);
    assertEquals("INFO", ev.alertLevel);
    Map<String, String> a = ev.attributes;
    assertEquals("1.0", a.get("log_version"));
    assertEquals("Success", a.get("request_status"));
    assertEquals("10", a.get("server_latency_ms"));
    assertEquals("authenticated", a.get("authentication_type"));
    assertEquals("blob", a.get("service_type"));
    assertEquals("/shopdata/images/cat.jpg", a.get("requested_object_key"));
    assertEquals("\"0x8DC3CEXAMPLE\"", a.get("etag_identifier"));
    assertEquals("Tuesday, 05-Mar-24 09:00:00 GMT", a.get("last_modified_time"));
    assertEquals("a1b2c3d4-0000-1111-2222-333344445555", a.get("client_request_id"));
    assertNull(a.get("request_md5"));
  }

  @Test
  void version2WithOauthFieldsAndHtmlEncoding() {
    LogEvent ev = parse(f, lines.get(1));
    assertEquals(403, ev.httpStatus);
    assertEquals("WARN", ev.alertLevel);
    assertEquals("2001:db8::5", ev.clientIp);
    assertEquals("/shopdata/uploads/r&d;v2.txt", ev.attributes.get("requested_object_key"));
    assertEquals("Azure-Storage-Go/0.3 \"custom\"", ev.userAgent);
    assertNull(ev.referrer);
    assertEquals("oauth", ev.attributes.get("authentication_type"));
    assertEquals("9f8e7d6c-0000-1111-2222-333344445555", ev.attributes.get("user_object_id"));
    assertEquals("user@example.test", ev.attributes.get("user_principal_name"));
    assertEquals("https://storage.azure.com", ev.attributes.get("audience"));
    assertEquals(
        "{\"action\":\"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write\"}",
        ev.attributes.get("authorization_detail"));
  }

  @Test
  void serverErrorAndExtraField() {
    LogEvent ev = parse(f, lines.get(2));
    assertEquals("ERROR", ev.alertLevel);
    assertEquals("/", ev.endpoint);
    assertEquals("comp=list", ev.attributes.get("query"));
    assertEquals("extra-a", ev.attributes.get("extra_1"));
  }

  @Test
  void errors() {
    assertEquals("empty line", reason(f, ""));
    assertEquals(
        "unsupported Storage Analytics log version '3.0' at column 1 (expected 1.0 or 2.0)",
        reason(f, "3.0;2024-03-05T09:12:01Z;GetBlob"));
    assertEquals(
        "expected 30 ';'-separated fields for version 1.0, found 3 (line ends after"
            + " operation_type)",
        reason(f, "1.0;2024-03-05T09:12:01Z;GetBlob"));
    assertTrue(reason(f, lines.get(0).replace(";200;", ";OK;")).startsWith(
        "expected the http-status-code at column"));
    assertTrue(reason(f, lines.get(0).replace("2024-03-05T09", "2024-13-05T09"))
        .startsWith("bad timestamp '2024-13-05T09:12:01.4861234Z': month 13 out of range"));
  }
}
