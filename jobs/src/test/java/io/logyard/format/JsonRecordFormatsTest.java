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

/** gcp-logging, azure-monitor and aws-cloudtrail: the providers' documented record shapes. */
class JsonRecordFormatsTest {
  private final LogFormat gcp = LogFormats.create("gcp-logging", null);
  private final LogFormat azure = LogFormats.create("azure-monitor", null);
  private final LogFormat trail = LogFormats.create("aws-cloudtrail", null);

  @Test
  void gcpHttpRequest() {
    LogEvent ev = parse(gcp, Fixtures.lines("gcp-logging.log").get(0));
    assertEquals(micros("2026-11-20T10:00:00.123456Z"), ev.timestampMicros);
    assertEquals("WARN", ev.alertLevel);
    assertEquals("WARNING", ev.attributes.get("severity"));
    assertEquals("1abcdefg2h3", ev.remoteLogId);
    assertEquals("GET", ev.httpMethod);
    assertEquals("/api/items", ev.endpoint);
    assertEquals("page=2", ev.attributes.get("query"));
    assertEquals(503, ev.httpStatus);
    assertEquals(3541L, ev.responseBytes);
    assertEquals("203.0.113.7", ev.clientIp);
    assertEquals("https://example.com/", ev.referrer);
    assertEquals(125.312, ev.latencyMs);
    assertEquals("http_load_balancer", ev.service);
    assertEquals("global", ev.attributes.get("resource.labels.zone"));
    assertEquals("10.128.0.5", ev.attributes.get("httpRequest.serverIp"));
  }

  @Test
  void gcpPayloads() {
    List<String> lines = Fixtures.lines("gcp-logging.log");
    LogEvent text = parse(gcp, lines.get(1));
    assertEquals("Container started", text.message);
    assertEquals("web", text.attributes.get("labels.k8s-pod/app"));
    LogEvent json = parse(gcp, lines.get(2));
    assertEquals("payment failed", json.message);
    assertEquals("ERROR", json.alertLevel);
    assertEquals(micros("2026-11-20T10:00:04Z"), json.timestampMicros);
    assertEquals("alice@example.com", json.attributes.get("jsonPayload.user.email"));
    LogEvent audit = parse(gcp, lines.get(3));
    assertEquals("storage.buckets.delete", audit.message);
    assertEquals("storage.googleapis.com", audit.service);
    assertEquals("NOTICE", audit.alertLevel);
    assertEquals("198.51.100.4", audit.clientIp);
    assertEquals("bob@example.com",
        audit.attributes.get("protoPayload.authenticationInfo.principalEmail"));
    assertTrue(reason(gcp, "{\"timestamp\":\"soon\"}").startsWith("field 'timestamp': bad"));
  }

  @Test
  void azureMonitorRecords() {
    List<String> lines = Fixtures.lines("azure-monitor.log");
    LogEvent blob = parse(azure, lines.get(0));
    assertEquals(micros("2026-11-20T10:00:00.123456Z"), blob.timestampMicros);
    assertEquals("GetBlob", blob.message);
    assertEquals("StorageRead", blob.service);
    assertEquals("203.0.113.9", blob.clientIp);
    assertEquals("50432", blob.attributes.get("client_port"));
    assertEquals(200, blob.httpStatus);
    assertEquals("/logs/a.txt", blob.endpoint);
    assertEquals("sv=2021-08-06&sig=SECRET", blob.attributes.get("query"));
    assertEquals("Azure-Storage/12.0 (.NET 6.0)", blob.userAgent);
    assertEquals(12.0, blob.latencyMs);
    assertEquals("INFO", blob.alertLevel);
    assertEquals("a1b2c3d4-0000-0000-0000-000000000001", blob.remoteLogId);
    assertEquals("blob", blob.attributes.get("properties.serviceType"));
    LogEvent vault = parse(azure, lines.get(1));
    assertEquals("ERROR", vault.alertLevel);
    assertEquals(403, vault.httpStatus);
    assertEquals("198.51.100.20", vault.clientIp);
    assertEquals("INFO", parse(azure, lines.get(2)).alertLevel);
  }

  @Test
  void azureMonitorRecordsDocument() {
    ObjectSinkRecorder r = ObjectSinkRecorder.read(azure, Fixtures.lines("azure-monitor-records.json"));
    assertEquals(List.of(), r.reasons);
    assertEquals(2, r.events.size());
    assertEquals(List.of(1L, 2L), r.records);
    assertEquals("SecretGet", r.events.get(1).message);
    ObjectSinkRecorder lines = ObjectSinkRecorder.read(azure, Fixtures.lines("azure-monitor.log"));
    assertEquals(3, lines.events.size());
  }

  @Test
  void cloudTrailDocumentYieldsOneEventPerRecord() {
    ObjectSinkRecorder r =
        ObjectSinkRecorder.read(trail, Fixtures.lines("aws-cloudtrail-document.json"));
    assertEquals(3, r.events.size());
    assertEquals(List.of(1L, 2L, 3L, 4L), r.records);
    assertEquals(1, r.reasons.size());
    assertTrue(r.reasons.get(0).startsWith("field 'eventTime': bad timestamp 'yesterday'"));
    LogEvent start = r.events.get(0);
    assertEquals(micros("2023-07-19T21:17:28Z"), start.timestampMicros);
    assertEquals("StartInstances", start.message);
    assertEquals("ec2.amazonaws.com", start.service);
    assertEquals("192.0.2.0", start.clientIp);
    assertEquals("e755e09c-42f9-4c5c-9064-EXAMPLE228c7", start.remoteLogId);
    assertEquals("arn:aws:iam::888888888888:user/Mary", start.attributes.get("userIdentity.arn"));
    assertEquals("AKIAIOSFODNN7EXAMPLE", start.attributes.get("userIdentity.accessKeyId"));
    assertEquals("[{\"instanceId\":\"i-EXAMPLE56126103cb\"}]",
        start.attributes.get("requestParameters.instancesSet.items"));
    assertEquals("INFO", start.alertLevel);
    LogEvent denied = r.events.get(1);
    assertEquals("WARN", denied.alertLevel);
    assertEquals("2001:db8::17", denied.clientIp);
    assertEquals("logs-bucket", denied.attributes.get("requestParameters.bucketName"));
    assertEquals("arn:aws:iam::888888888888:role/reader",
        denied.attributes.get("userIdentity.sessionContext.sessionIssuer.arn"));
    LogEvent internal = r.events.get(2);
    assertNull(internal.clientIp);
    assertEquals("AWS Internal", internal.attributes.get("client_host"));
  }

  @Test
  void cloudTrailRecordPerLineAndBrokenDocuments() {
    assertEquals(3, ObjectSinkRecorder.read(trail, Fixtures.lines("aws-cloudtrail.log"))
        .events.size());
    assertEquals("not a CloudTrail record: no eventTime or eventName", reason(trail, "{}"));
    ObjectSinkRecorder broken = ObjectSinkRecorder.read(trail,
        List.of("{\"Records\": [", "{\"eventTime\": \"2023-07-19T21:17:28Z\", \"eventName\": \"A\"},"));
    assertEquals(1, broken.events.size());
    assertEquals(1, broken.reasons.size());
    assertTrue(broken.reasons.get(0).startsWith("invalid JSON document after record 1"),
        broken.reasons.get(0));
    ObjectSinkRecorder empty = ObjectSinkRecorder.read(trail, List.of("", "  "));
    assertEquals(2, empty.skipped);
    assertFalse(empty.events.size() > 0);
  }
}
