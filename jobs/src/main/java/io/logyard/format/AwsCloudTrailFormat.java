package io.logyard.format;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;

/**
 * {@code aws-cloudtrail}: CloudTrail log files
 * ({@code AWSLogs/<account>/CloudTrail/<region>/yyyy/mm/dd/*.json.gz}): one JSON document per
 * object holding a {@code Records} array, read through {@link #forObject}, one event per record;
 * a line holding one record (CloudTrail Lake, EventBridge exports) parses alone. The caller's
 * identity ({@code userIdentity.*}: ARN, access key id, principal, account) is declared as
 * identifiers; request parameters, response elements and every other field are kept under their
 * JSON path ({@code requestParameters.bucketName}).
 */
public final class AwsCloudTrailFormat extends JsonRecordFormat {
  private static final List<Field> FIELDS = List.of(
      Field.column("timestamp", FieldType.TIMESTAMP, "eventTime"),
      Field.column("service", FieldType.STRING, "eventSource").as(PrivacyKind.PLAIN),
      Field.column("message", FieldType.STRING, "eventName").as(PrivacyKind.PLAIN),
      Field.column("client_ip", FieldType.STRING, "sourceIPAddress when an address")
          .as(PrivacyKind.ADDRESS),
      Field.column("user_agent", FieldType.STRING, "userAgent"),
      Field.column("remote_log_id", FieldType.STRING, "eventID").as(PrivacyKind.PLAIN),
      Field.column("alert_level", FieldType.STRING,
          "WARN for access denied errors, ERROR for other errors, else INFO")
          .as(PrivacyKind.PLAIN),
      Field.attribute("eventVersion", FieldType.STRING, "record format version")
          .as(PrivacyKind.PLAIN),
      Field.attribute("eventSource", FieldType.STRING, "service, e.g. s3.amazonaws.com")
          .as(PrivacyKind.PLAIN),
      Field.attribute("eventName", FieldType.STRING, "API action").as(PrivacyKind.PLAIN),
      Field.attribute("awsRegion", FieldType.STRING, "region of the request")
          .as(PrivacyKind.PLAIN),
      Field.attribute("client_host", FieldType.STRING,
          "sourceIPAddress when a service name (AWS Internal, s3.amazonaws.com)")
          .as(PrivacyKind.PLAIN),
      Field.attribute("userIdentity.type", FieldType.STRING, "IAMUser, AssumedRole, Root ...")
          .as(PrivacyKind.PLAIN),
      Field.attribute("userIdentity.arn", FieldType.STRING, "caller ARN")
          .as(PrivacyKind.IDENTIFIER),
      Field.attribute("userIdentity.accessKeyId", FieldType.STRING, "access key id")
          .as(PrivacyKind.IDENTIFIER),
      Field.attribute("userIdentity.principalId", FieldType.STRING, "principal")
          .as(PrivacyKind.IDENTIFIER),
      Field.attribute("userIdentity.accountId", FieldType.STRING, "account of the caller")
          .as(PrivacyKind.IDENTIFIER),
      Field.attribute("userIdentity.userName", FieldType.STRING, "IAM user name")
          .as(PrivacyKind.IDENTIFIER),
      Field.attribute("userIdentity.invokedBy", FieldType.STRING, "service acting for it")
          .as(PrivacyKind.PLAIN),
      Field.attribute("userIdentity.sessionContext.sessionIssuer.arn", FieldType.STRING,
          "role that issued the session").as(PrivacyKind.IDENTIFIER),
      Field.attribute("userIdentity.sessionContext.sessionIssuer.userName", FieldType.STRING,
          "role name").as(PrivacyKind.IDENTIFIER),
      Field.attribute("errorCode", FieldType.STRING, "error code").as(PrivacyKind.PLAIN),
      Field.attribute("errorMessage", FieldType.STRING, "error message"),
      Field.attribute("requestParameters", FieldType.STRING,
          "request parameters, under requestParameters.<name>"),
      Field.attribute("responseElements", FieldType.STRING,
          "response elements, under responseElements.<name>"),
      Field.attribute("requestID", FieldType.STRING, "request id").as(PrivacyKind.PLAIN),
      Field.attribute("eventType", FieldType.STRING, "AwsApiCall, AwsConsoleSignIn ...")
          .as(PrivacyKind.PLAIN),
      Field.attribute("readOnly", FieldType.STRING, "true for a read").as(PrivacyKind.PLAIN),
      Field.attribute("recipientAccountId", FieldType.STRING, "account receiving the event")
          .as(PrivacyKind.IDENTIFIER),
      Field.attribute("eventCategory", FieldType.STRING, "Management, Data, Insight")
          .as(PrivacyKind.PLAIN),
      Field.attribute("resources", FieldType.STRING, "resources, as JSON text"));

  public AwsCloudTrailFormat() {
    super("aws-cloudtrail", FIELDS, "Records");
  }

  @Override
  boolean map(LogEvent ev, String key, JsonToken token, String text)
      throws MalformedLineException {
    switch (key) {
      case "eventTime":
        ev.timestampMicros = JsonFormat.timestamp(key, text, token);
        return true;
      case "eventSource":
        ev.service = text;
        return false;
      case "eventName":
        ev.message = text;
        return false;
      case "sourceIPAddress":
        Scan.setClient(text, 0, text.length(), ev);
        return true;
      case "userAgent":
        ev.userAgent = text;
        return true;
      case "eventID":
        ev.remoteLogId = text;
        return true;
      default:
        return false;
    }
  }

  @Override
  void finish(LogEvent ev) throws MalformedLineException {
    if (ev.attributes.get("eventName") == null && ev.timestampMicros == null) {
      throw Scan.malformed("not a CloudTrail record: no eventTime or eventName");
    }
    String error = ev.attributes.get("errorCode");
    if (error == null) {
      ev.alertLevel = Scan.INFO;
    } else if (error.contains("AccessDenied") || error.contains("Unauthorized")
        || error.contains("Forbidden")) {
      ev.alertLevel = Scan.WARN;
    } else {
      ev.alertLevel = Scan.ERROR;
    }
  }
}
