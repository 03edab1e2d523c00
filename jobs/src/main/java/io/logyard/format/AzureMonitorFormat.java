package io.logyard.format;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;

/**
 * {@code azure-monitor}: Azure Monitor resource logs archived to a storage account by diagnostic
 * settings ({@code insights-logs-<category>/resourceId=/SUBSCRIPTIONS/.../y=/m=/d=/h=/m=00/PT1H.json}):
 * one JSON record per line, or, in older archives, one {@code {"records": [...]}} document per
 * object (read through {@link #forObject}). The common schema's fields fill the columns;
 * {@code properties} and every other field are kept under their JSON path. Storage logs'
 * {@code statusCode}, {@code uri} and {@code properties.userAgentHeader} fill the HTTP columns.
 */
public final class AzureMonitorFormat extends JsonRecordFormat {
  private static final List<Field> FIELDS = List.of(
      Field.column("timestamp", FieldType.TIMESTAMP, "time"),
      Field.column("alert_level", FieldType.STRING,
          "level, else ERROR for a failed resultType, else INFO").as(PrivacyKind.PLAIN),
      Field.column("message", FieldType.STRING, "operationName").as(PrivacyKind.PLAIN),
      Field.column("service", FieldType.STRING, "category").as(PrivacyKind.PLAIN),
      Field.column("client_ip", FieldType.STRING, "callerIpAddress without its port")
          .as(PrivacyKind.ADDRESS),
      Field.column("remote_log_id", FieldType.STRING, "correlationId").as(PrivacyKind.PLAIN),
      Field.column("latency_ms", FieldType.DOUBLE, "durationMs"),
      Field.column("http_status", FieldType.INT, "statusCode (storage logs)"),
      Field.column("endpoint", FieldType.STRING, "path of uri (storage logs)")
          .as(PrivacyKind.URL),
      Field.column("user_agent", FieldType.STRING, "properties.userAgentHeader"),
      Field.attribute("resourceId", FieldType.STRING, "ARM ID of the resource")
          .as(PrivacyKind.PLAIN),
      Field.attribute("level", FieldType.STRING, "Informational, Warning, Error, Critical")
          .as(PrivacyKind.PLAIN),
      Field.attribute("resultType", FieldType.STRING, "Success, Failure, Start ...")
          .as(PrivacyKind.PLAIN),
      Field.attribute("resultSignature", FieldType.STRING, "sub-status of the result")
          .as(PrivacyKind.PLAIN),
      Field.attribute("resultDescription", FieldType.STRING, "result text"),
      Field.attribute("durationMs", FieldType.STRING, "duration as written")
          .as(PrivacyKind.PLAIN),
      Field.attribute("client_port", FieldType.STRING, "port of callerIpAddress")
          .as(PrivacyKind.PLAIN),
      Field.attribute("client_host", FieldType.STRING, "callerIpAddress when not an address"),
      Field.attribute("operationVersion", FieldType.STRING, "API version")
          .as(PrivacyKind.PLAIN),
      Field.attribute("location", FieldType.STRING, "region").as(PrivacyKind.PLAIN),
      Field.attribute("tenantId", FieldType.STRING, "tenant").as(PrivacyKind.IDENTIFIER),
      Field.attribute("identity", FieldType.STRING, "caller identity (JSON paths below it)")
          .as(PrivacyKind.IDENTIFIER),
      Field.attribute("uri", FieldType.STRING, "storage logs: request URI").as(PrivacyKind.URL),
      Field.attribute("query", FieldType.STRING, "query string of uri").as(PrivacyKind.QUERY),
      Field.attribute("statusCode", FieldType.STRING, "storage logs: HTTP status")
          .as(PrivacyKind.PLAIN),
      Field.attribute("properties", FieldType.STRING,
          "category-specific fields, under properties.<name>"));

  public AzureMonitorFormat() {
    super("azure-monitor", FIELDS, "records");
  }

  @Override
  boolean map(LogEvent ev, String key, JsonToken token, String text)
      throws MalformedLineException {
    switch (key) {
      case "time":
        ev.timestampMicros = JsonFormat.timestamp(key, text, token);
        return true;
      case "level":
        ev.alertLevel = Levels.normalize(text);
        return false;
      case "operationName":
        ev.message = text;
        return true;
      case "category":
        ev.service = text;
        return true;
      case "callerIpAddress":
        Scan.setClient(text, 0, text.length(), ev);
        return true;
      case "correlationId":
        ev.remoteLogId = text;
        return true;
      case "durationMs":
        ev.latencyMs = decimal(key, text, null);
        return false;
      case "statusCode":
      case "properties.statusCode":
      case "properties.httpStatusCode":
        if (Scan.parseUnsigned(text, 0, text.length()) >= 0) {
          status(ev, key, text);
        }
        return false;
      case "uri":
      case "properties.uri":
      case "properties.requestUri":
        Scan.setUrl(text, ev);
        return false;
      case "properties.userAgentHeader":
      case "properties.userAgent":
        ev.userAgent = text;
        return true;
      default:
        return false;
    }
  }

  @Override
  void finish(LogEvent ev) {
    if (ev.alertLevel == null) {
      String result = ev.attributes.get("resultType");
      ev.alertLevel = result != null
          && (result.equalsIgnoreCase("Failure") || result.equalsIgnoreCase("Failed")
              || result.equalsIgnoreCase("Error")) ? Scan.ERROR : Scan.INFO;
    }
  }
}
