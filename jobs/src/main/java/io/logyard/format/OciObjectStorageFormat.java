package io.logyard.format;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code oci-objectstorage}: OCI Object Storage service logs (read and write access events), one
 * JSON record per line, as the OCI Logging service writes them (CloudEvents-style: {@code data},
 * {@code id}, {@code oracle}, {@code source}, {@code specversion}, {@code time}, {@code type}),
 * also when wrapped in {@code {"logContent": ..., "datetime": ..., "regionId": ...}} as search
 * exports and Service Connector deliver them.
 *
 * <p>Attributes are the record's fields flattened to dotted keys, with the {@code logContent.}
 * and {@code data.} prefixes dropped ({@code data.bucketName} is {@code bucketName}). Undocumented
 * fields are kept the same way.
 */
public final class OciObjectStorageFormat extends BaseFormat {
  private static final List<Field> FIELDS = fieldList();

  public OciObjectStorageFormat() {
    super("oci-objectstorage", FIELDS);
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    Collector c = new Collector();
    JsonScan.scan(line, c);
    return c.finish();
  }

  private static final class Collector implements JsonScan.Sink {
    private final LogEvent ev = new LogEvent(40);
    private boolean sawData;
    private String time;
    private JsonToken timeToken;
    private String timeKey;
    private int timePriority = Integer.MAX_VALUE;
    private String startTime;
    private String endTime;

    @Override
    public void value(String rawKey, JsonToken token, String text) throws MalformedLineException {
      String key = rawKey;
      if (key.startsWith("logContent.")) {
        key = key.substring("logContent.".length());
      }
      if (key.startsWith("data.")) {
        key = key.substring("data.".length());
        sawData = true;
      }
      switch (key) {
        case "time":
          candidateTime(key, text, token, 0);
          break;
        case "startTime":
          startTime = text;
          candidateTime(key, text, token, 1);
          break;
        case "datetime":
          candidateTime(key, text, token, 2);
          break;
        case "endTime":
          endTime = text;
          break;
        case "clientIpAddress":
          ev.clientIp = text;
          break;
        case "requestAction":
          ev.httpMethod = Scan.method(text, 0, text.length());
          break;
        case "requestResourcePath":
          Scan.setTarget(text, 0, text.length(), ev);
          break;
        case "statusCode":
          long status = Scan.parseUnsigned(text, 0, text.length());
          if (status < 0 || status > 999) {
            throw Scan.malformed("field '" + rawKey + "': expected an HTTP status, found '"
                + Scan.clip(text, 0, text.length()) + "'");
          }
          ev.httpStatus = Scan.status((int) status);
          break;
        case "userAgent":
          ev.userAgent = text;
          break;
        case "message":
          ev.message = text;
          break;
        case "id":
          ev.remoteLogId = text;
          break;
        default:
          break;
      }
      ev.attributes.put(key, text);
    }

    private void candidateTime(String key, String text, JsonToken token, int priority) {
      if (priority < timePriority) {
        time = text;
        timeToken = token;
        timeKey = key;
        timePriority = priority;
      }
    }

    LogEvent finish() throws MalformedLineException {
      if (!sawData) {
        throw Scan.malformed(
            "not an OCI Object Storage log record: no 'data' object with the request's fields");
      }
      if (time != null) {
        ev.timestampMicros = JsonFormat.timestamp(timeKey, time, timeToken);
      }
      if (startTime != null && endTime != null) {
        try {
          long start = Timestamps.parseIso(startTime, 0, startTime.length());
          long stop = Timestamps.parseIso(endTime, 0, endTime.length());
          if (stop >= start) {
            ev.latencyMs = (stop - start) / 1000.0;
          }
        } catch (MalformedLineException e) {
          throw Scan.malformed("field 'startTime'/'endTime': " + e.reason());
        }
      }
      for (String k : COLUMN_ONLY) {
        ev.attributes.remove(k);
      }
      ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
      return ev;
    }
  }

  /** Fields that fill a column and are not repeated in the attributes. */
  private static final String[] COLUMN_ONLY = {
    "clientIpAddress", "requestAction", "statusCode", "userAgent", "message", "id"
  };

  /** The privacy kind of an attribute. */
  private static PrivacyKind kind(String name) {
    switch (name) {
      case "credentials":
        return PrivacyKind.SECRET;
      case "principalId":
      case "principalName":
        return PrivacyKind.IDENTIFIER;
      case "requestResourcePath":
        return PrivacyKind.URL;
      case "query":
        return PrivacyKind.QUERY;
      case "apiType":
      case "authenticationType":
      case "isPar":
      case "additionalDetails.isDeleteMarker":
      case "startTime":
      case "endTime":
      case "time":
      case "datetime":
      case "specversion":
      case "type":
      case "errorCode":
        return PrivacyKind.PLAIN;
      default:
        return PrivacyKind.FREE_TEXT;
    }
  }

  private static List<Field> fieldList() {
    List<Field> f = new ArrayList<>();
    f.add(Field.column("timestamp", FieldType.TIMESTAMP, "time, else data.startTime, datetime"));
    f.add(Field.column("client_ip", FieldType.STRING, "data.clientIpAddress").as(PrivacyKind.ADDRESS));
    f.add(Field.column("http_method", FieldType.STRING, "data.requestAction"));
    f.add(Field.column("endpoint", FieldType.STRING, "data.requestResourcePath, no query").as(PrivacyKind.URL));
    f.add(Field.column("http_status", FieldType.INT, "data.statusCode"));
    f.add(Field.column("user_agent", FieldType.STRING, "data.userAgent"));
    f.add(Field.column("message", FieldType.STRING, "data.message"));
    f.add(Field.column("remote_log_id", FieldType.STRING, "id of the log record"));
    f.add(Field.column("latency_ms", FieldType.DOUBLE, "data.endTime - data.startTime"));
    f.add(Field.column("alert_level", FieldType.STRING, "ERROR for 5xx, WARN for 4xx, else INFO").as(PrivacyKind.PLAIN));
    String[][] attrs = {
      {"additionalDetails.versionId", "version of a put or deleted object"},
      {"additionalDetails.isDeleteMarker", "DeleteObjectVersion: a delete marker"},
      {"additionalDetails.retentionRuleName", "retention rule involved"},
      {"apiType", "native, s3-compatible or swift"},
      {"authenticationType", "user, service, resource, instance"},
      {"bucketCreator", "OCID of the bucket creator"},
      {"bucketId", "OCID of the bucket"},
      {"bucketName", "bucket name"},
      {"compartmentId", "OCID of the compartment"},
      {"compartmentName", "compartment name"},
      {"credentials", "request security credentials"},
      {"startTime", "request start"},
      {"endTime", "request end"},
      {"errorCode", "short error code"},
      {"eTag", "entity tag of the resource"},
      {"isPar", "pre-authenticated request"},
      {"namespace", "Object Storage namespace"},
      {"namespaceName", "Object Storage namespace (older records)"},
      {"objectName", "object name"},
      {"opcRequestId", "request id for tracing"},
      {"principalId", "OCID of the requestor"},
      {"principalName", "name of the requestor"},
      {"region", "region of the request"},
      {"requestResourcePath", "path of the request"},
      {"query", "query string of requestResourcePath"},
      {"tenantId", "OCID of the tenancy"},
      {"tenantName", "tenancy name"},
      {"vcnId", "VCN of the request"},
      {"source", "resource that emitted the record"},
      {"specversion", "CloudEvents spec version"},
      {"time", "event time"},
      {"type", "event type, e.g. com.oraclecloud.objectstorage.getobject"},
      {"oracle.compartmentid", "compartment of the log"},
      {"oracle.ingestedtime", "time Logging ingested the record"},
      {"oracle.loggroupid", "log group OCID"},
      {"oracle.logid", "log OCID"},
      {"oracle.tenantid", "tenancy OCID"},
      {"datetime", "wrapper: epoch milliseconds"},
      {"regionId", "wrapper: region"}
    };
    for (String[] a : attrs) {
      f.add(Field.attribute(a[0], FieldType.STRING, a[1]).as(kind(a[0])));
    }
    return List.copyOf(f);
  }
}
