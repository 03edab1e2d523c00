package io.logyard.format;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;

/**
 * {@code gcp-logging}: Cloud Logging LogEntry records, one JSON object per line, as a log sink
 * exports them to Cloud Storage ({@code <log>/yyyy/mm/dd/hh:mm:ss_hh:mm:ss_S0.json}). Severity,
 * timestamp (else receiveTimestamp), insertId, httpRequest and the payload fill the columns; for
 * audit logs (protoPayload) the service, method and caller. Every other field is kept under its
 * JSON path ({@code resource.labels.zone}, {@code jsonPayload.user}, {@code labels.k}).
 */
public final class GcpLoggingFormat extends JsonRecordFormat {
  private static final List<Field> FIELDS = List.of(
      Field.column("timestamp", FieldType.TIMESTAMP, "timestamp, else receiveTimestamp"),
      Field.column("alert_level", FieldType.STRING, "severity (DEFAULT is INFO)")
          .as(PrivacyKind.PLAIN),
      Field.column("message", FieldType.STRING,
          "textPayload, jsonPayload.message, else protoPayload.methodName"),
      Field.column("remote_log_id", FieldType.STRING, "insertId").as(PrivacyKind.PLAIN),
      Field.column("service", FieldType.STRING,
          "protoPayload.serviceName, else resource.type").as(PrivacyKind.PLAIN),
      Field.column("client_ip", FieldType.STRING,
          "httpRequest.remoteIp, else protoPayload.requestMetadata.callerIp")
          .as(PrivacyKind.ADDRESS),
      Field.column("http_method", FieldType.STRING, "httpRequest.requestMethod")
          .as(PrivacyKind.PLAIN),
      Field.column("endpoint", FieldType.STRING, "path of httpRequest.requestUrl")
          .as(PrivacyKind.URL),
      Field.column("http_status", FieldType.INT, "httpRequest.status"),
      Field.column("response_bytes", FieldType.LONG, "httpRequest.responseSize"),
      Field.column("user_agent", FieldType.STRING, "httpRequest.userAgent"),
      Field.column("referrer", FieldType.STRING, "httpRequest.referer").as(PrivacyKind.URL),
      Field.column("latency_ms", FieldType.DOUBLE, "httpRequest.latency ('0.25s')"),
      Field.attribute("severity", FieldType.STRING, "LogSeverity as written")
          .as(PrivacyKind.PLAIN),
      Field.attribute("logName", FieldType.STRING, "projects/P/logs/L").as(PrivacyKind.PLAIN),
      Field.attribute("receiveTimestamp", FieldType.STRING, "time Logging received it")
          .as(PrivacyKind.PLAIN),
      Field.attribute("resource.type", FieldType.STRING, "monitored resource type")
          .as(PrivacyKind.PLAIN),
      Field.attribute("resource.labels.project_id", FieldType.STRING, "project of the resource")
          .as(PrivacyKind.PLAIN),
      Field.attribute("trace", FieldType.STRING, "trace resource name").as(PrivacyKind.PLAIN),
      Field.attribute("spanId", FieldType.STRING, "span ID").as(PrivacyKind.PLAIN),
      Field.attribute("httpRequest.requestUrl", FieldType.STRING, "request URL")
          .as(PrivacyKind.URL),
      Field.attribute("query", FieldType.STRING, "query string of httpRequest.requestUrl")
          .as(PrivacyKind.QUERY),
      Field.attribute("client_port", FieldType.STRING, "port of the client address")
          .as(PrivacyKind.PLAIN),
      Field.attribute("client_host", FieldType.STRING, "client when not an address"),
      Field.attribute("httpRequest.latency", FieldType.STRING, "latency as written")
          .as(PrivacyKind.PLAIN),
      Field.attribute("httpRequest.serverIp", FieldType.STRING, "server address")
          .as(PrivacyKind.ADDRESS),
      Field.attribute("httpRequest.protocol", FieldType.STRING, "HTTP/1.1, HTTP/2 ...")
          .as(PrivacyKind.PLAIN),
      Field.attribute("protoPayload.serviceName", FieldType.STRING, "audit: API service")
          .as(PrivacyKind.PLAIN),
      Field.attribute("protoPayload.methodName", FieldType.STRING, "audit: method called")
          .as(PrivacyKind.PLAIN),
      Field.attribute("protoPayload.resourceName", FieldType.STRING, "audit: resource"),
      Field.attribute("protoPayload.authenticationInfo.principalEmail", FieldType.STRING,
          "audit: caller identity").as(PrivacyKind.IDENTIFIER),
      Field.attribute("protoPayload.requestMetadata.callerIp", FieldType.STRING,
          "audit: caller address when httpRequest.remoteIp fills client_ip")
          .as(PrivacyKind.ADDRESS),
      Field.attribute("protoPayload.requestMetadata.callerSuppliedUserAgent", FieldType.STRING,
          "audit: caller user agent"),
      Field.attribute("protoPayload.status.code", FieldType.STRING, "audit: gRPC status code")
          .as(PrivacyKind.PLAIN));

  public GcpLoggingFormat() {
    super("gcp-logging", FIELDS, null);
  }

  @Override
  boolean map(LogEvent ev, String key, JsonToken token, String text)
      throws MalformedLineException {
    switch (key) {
      case "timestamp":
        ev.timestampMicros = JsonFormat.timestamp(key, text, token);
        return true;
      case "severity":
        ev.alertLevel = Levels.normalize(text);
        return false;
      case "insertId":
        ev.remoteLogId = text;
        return true;
      case "textPayload":
      case "jsonPayload.message":
        ev.message = text;
        return true;
      case "httpRequest.requestMethod":
        ev.httpMethod = Scan.method(text, 0, text.length());
        return true;
      case "httpRequest.requestUrl":
        Scan.setUrl(text, ev);
        return false;
      case "httpRequest.status":
        status(ev, key, text);
        return true;
      case "httpRequest.responseSize":
        ev.responseBytes = number(key, text);
        return true;
      case "httpRequest.userAgent":
        ev.userAgent = text;
        return true;
      case "httpRequest.referer":
        ev.referrer = text;
        return true;
      case "httpRequest.remoteIp":
        Scan.setClient(text, 0, text.length(), ev);
        return true;
      case "httpRequest.latency":
        ev.latencyMs = Math.round(decimal(key, text, "s") * 1_000_000.0) / 1000.0;
        return false;
      case "protoPayload.serviceName":
        ev.service = text;
        return false;
      default:
        return false;
    }
  }

  @Override
  void finish(LogEvent ev) throws MalformedLineException {
    if (ev.timestampMicros == null) {
      String received = ev.attributes.get("receiveTimestamp");
      if (received != null) {
        ev.timestampMicros = JsonFormat.timestamp("receiveTimestamp", received,
            JsonToken.VALUE_STRING);
      }
    }
    if (ev.alertLevel == null) {
      ev.alertLevel = Scan.INFO;
    }
    if (ev.message == null) {
      ev.message = ev.attributes.get("protoPayload.methodName");
    }
    if (ev.service == null) {
      ev.service = ev.attributes.get("resource.type");
    }
    if (ev.clientIp == null && !ev.attributes.containsKey("client_host")) {
      String caller = ev.attributes.remove("protoPayload.requestMetadata.callerIp");
      if (caller != null) {
        Scan.setClient(caller, 0, caller.length(), ev);
      }
    }
  }
}
