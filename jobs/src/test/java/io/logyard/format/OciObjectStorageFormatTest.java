package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciObjectStorageFormatTest {
  private final LogFormat f = LogFormats.create("oci-objectstorage", Map.of());
  private final List<String> lines = Fixtures.lines("oci-objectstorage.log");

  @Test
  void loggingServiceRecord() {
    LogEvent ev = parse(f, lines.get(0));
    assertEquals(micros("2024-03-05T11:00:00.100Z"), ev.timestampMicros);
    assertEquals("198.51.100.61", ev.clientIp);
    assertEquals("GET", ev.httpMethod);
    assertEquals("/n/exampletenancy/b/reports/o/2024/03/q1.csv", ev.endpoint);
    assertEquals(200, ev.httpStatus);
    assertEquals("Oracle-JavaSDK/3.30.0 (Linux/5.15; Java/17)", ev.userAgent);
    assertEquals("Object retrieved", ev.message);
    assertEquals("2b8f3c1e-0000-4b5a-9c7d-example00001", ev.remoteLogId);
    assertEquals(150.0, ev.latencyMs);
    assertEquals("INFO", ev.alertLevel);
    assertEquals("reports", ev.attributes.get("bucketName"));
    assertEquals("fra-1:exampleRequestId01", ev.attributes.get("opcRequestId"));
    assertEquals("false", ev.attributes.get("isPar"));
    assertEquals("ocid1.log.oc1.eu-frankfurt-1.example", ev.attributes.get("oracle.logid"));
    assertEquals("com.oraclecloud.objectstorage.getobject", ev.attributes.get("type"));
    assertFalse(ev.attributes.containsKey("clientIpAddress"));
  }

  @Test
  void wrappedRecord() {
    LogEvent ev = parse(f, lines.get(1));
    assertEquals(micros("2024-03-05T11:00:01Z"), ev.timestampMicros);
    assertEquals("2001:db8:9::1", ev.clientIp);
    assertEquals("/reports/new.csv", ev.endpoint);
    assertEquals("uploadId=example", ev.attributes.get("query"));
    assertEquals(404, ev.httpStatus);
    assertEquals("WARN", ev.alertLevel);
    assertEquals(20.0, ev.latencyMs);
    assertEquals("v-example-2", ev.attributes.get("additionalDetails.versionId"));
    assertEquals("BucketNotFound", ev.attributes.get("errorCode"));
    assertEquals("eu-frankfurt-1", ev.attributes.get("regionId"));
    assertEquals("1709636401000", ev.attributes.get("datetime"));
  }

  @Test
  void errors() {
    assertEquals("empty line", reason(f, ""));
    assertTrue(reason(f, "{\"time\":\"2024-03-05T11:00:01Z\"}").startsWith(
        "not an OCI Object Storage log record"));
    assertTrue(reason(f, "{\"data\":{\"statusCode\":\"abc\"}}").startsWith(
        "field 'data.statusCode': expected an HTTP status"));
    assertTrue(reason(f, "not json").startsWith("line is not a JSON object"));
  }
}
