package io.logyard.format;

import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcsUsageFormatTest {
  private final LogFormat f = LogFormats.create("gcs-usage", Map.of());
  private final List<String> lines = Fixtures.lines("gcs-usage.log");

  @Test
  void headerRow() {
    assertTrue(f.isHeader(lines.get(0)));
    assertFalse(f.isHeader(lines.get(1)));
    assertEquals("header row, not an event", reason(f, lines.get(0)));
  }

  @Test
  void getObject() {
    LogEvent ev = parse(f, lines.get(1));
    assertEquals(1709627412123456L, ev.timestampMicros);
    assertEquals("198.51.100.20", ev.clientIp);
    assertEquals("GET", ev.httpMethod);
    assertEquals("/download/storage/v1/b/shop-assets/o/logo.png", ev.endpoint);
    assertEquals("generation=1709000000000000&alt=media", ev.attributes.get("query"));
    assertEquals(200, ev.httpStatus);
    assertEquals(20480L, ev.responseBytes);
    assertEquals(15.234, ev.latencyMs);
    assertEquals("https://shop.example.test/", ev.referrer);
    assertEquals("Mozilla/5.0 (X11; Linux x86_64)", ev.userAgent);
    assertEquals("ADPycdtExample01", ev.remoteLogId);
    assertEquals("INFO", ev.alertLevel);
    assertEquals("1", ev.attributes.get("c_ip_type"));
    assertEquals("0", ev.attributes.get("cs_bytes"));
    assertEquals("storage.googleapis.com", ev.attributes.get("cs_host"));
    assertEquals("GET_Object", ev.attributes.get("cs_operation"));
    assertEquals("shop-assets", ev.attributes.get("cs_bucket"));
    assertEquals("logo.png", ev.attributes.get("cs_object"));
    assertFalse(ev.attributes.containsKey("c_ip_region"));
  }

  @Test
  void ipv6DoubledQuotesAndExtraColumns() {
    LogEvent ev = parse(f, lines.get(2));
    assertEquals("2", ev.attributes.get("c_ip_type"));
    assertEquals("2001:db8:ff::1", ev.clientIp);
    assertEquals("gcloud-python/2.14.0 \"quoted\" part", ev.userAgent);
    assertEquals("WARN", ev.alertLevel);
    LogEvent extra = parse(f, lines.get(3));
    assertEquals("ERROR", extra.alertLevel);
    assertEquals("added later", extra.attributes.get("extra_1"));
  }

  @Test
  void errors() {
    assertEquals("empty line", reason(f, ""));
    assertEquals("expected 17 comma-separated fields, found 3 (line ends after c_ip_type)",
        reason(f, "\"1\",\"2\",\"3\""));
    assertEquals("expected a number for time_micros at column 1, found 'soon'",
        reason(f, lines.get(1).replace("\"1709627412123456\"", "\"soon\"")));
    assertTrue(reason(f, "\"17096").startsWith("unterminated quoted time_micros"));
  }
}
