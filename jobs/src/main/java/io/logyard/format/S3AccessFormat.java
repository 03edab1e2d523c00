package io.logyard.format;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code s3-access}: AWS S3 server access logs. Space-separated fields, the time in brackets,
 * request URI, referrer and user agent in quotes, {@code -} for any value that is absent (a
 * quoted field may also be a bare {@code -}). Every documented field is kept as an attribute;
 * fields AWS appends after {@code acl_required} are kept as {@code extra_1}, {@code extra_2}, ...
 * Lines of the older layouts, which end after the user agent or a later field, are accepted.
 */
public final class S3AccessFormat extends BaseFormat {
  /** The documented fields, in log order (the time and remote IP are columns only). */
  private static final FieldTable TABLE = FieldTable.builder()
      .attribute("bucket_owner", FieldType.STRING, "canonical user ID of the owner")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("bucket", FieldType.STRING, "bucket name")
      .column("time", FieldType.TIMESTAMP,
          (ev, s, from, to, c) -> ev.timestampMicros = Timestamps.parseClf(s, from, to))
      .column("remote_ip", FieldType.STRING, (ev, v, n, c) -> ev.clientIp = v)
      .attribute("requester", FieldType.STRING, "canonical user ID or ARN, svc:...")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("request_id", FieldType.STRING, "request ID", (ev, v, n, c) -> ev.remoteLogId = v)
      .attribute("operation", FieldType.STRING, "e.g. REST.GET.OBJECT")
      .as(PrivacyKind.PLAIN)
      .attribute("key", FieldType.STRING, "object key, URL-encoded")
      .as(PrivacyKind.URL)
      .attribute("request_uri", FieldType.STRING, "Request-URI part of the request",
          (ev, v, n, c) -> {
            ev.message = v;
            Scan.splitRequest(v, ev);
          })
      .as(PrivacyKind.REQUEST_LINE)
      .column("http_status", FieldType.STRING,
          (ev, s, from, to, c) -> Scan.httpStatus(ev, s, from, to, "http_status", c))
      .attribute("error_code", FieldType.STRING, "S3 error code")
      .as(PrivacyKind.PLAIN)
      .attribute("bytes_sent", FieldType.LONG, "response bytes, without headers",
          (ev, v, n, c) -> ev.responseBytes = n)
      .attribute("object_size", FieldType.LONG, "total size of the object")
      .attribute("total_time_ms", FieldType.LONG, "time the request was in flight",
          (ev, v, n, c) -> ev.latencyMs = (double) n)
      .attribute("turnaround_time_ms", FieldType.LONG, "time S3 spent processing")
      .column("referrer", FieldType.STRING,
          (ev, s, from, to, c) -> ev.referrer = Scan.unescapeQuoted(s, from, to))
      .column("user_agent", FieldType.STRING,
          (ev, s, from, to, c) -> ev.userAgent = Scan.unescapeQuoted(s, from, to))
      .attribute("version_id", FieldType.STRING, "object version ID")
      .attribute("host_id", FieldType.STRING, "x-amz-id-2")
      .attribute("signature_version", FieldType.STRING, "SigV2 or SigV4")
      .as(PrivacyKind.PLAIN)
      .attribute("cipher_suite", FieldType.STRING, "TLS cipher for HTTPS")
      .as(PrivacyKind.PLAIN)
      .attribute("auth_type", FieldType.STRING, "AuthHeader, QueryString")
      .as(PrivacyKind.PLAIN)
      .attribute("host_header", FieldType.STRING, "endpoint used to reach S3")
      .attribute("tls_version", FieldType.STRING, "TLS version negotiated")
      .as(PrivacyKind.PLAIN)
      .attribute("access_point_arn", FieldType.STRING, "ARN of the access point")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("acl_required", FieldType.STRING, "Yes when an ACL was required")
      .as(PrivacyKind.PLAIN)
      .build();

  private static final int TIME = TABLE.index("time");
  /** Lines must reach the user agent; later fields were added over the years. */
  private static final int MIN_FIELDS = TABLE.index("user_agent") + 1;

  public S3AccessFormat() {
    super("s3-access", fieldList());
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    LogEvent ev = new LogEvent(32);
    int field = SpacedFields.scan(line, TABLE, TIME, ev);
    if (field < MIN_FIELDS) {
      throw Scan.malformed("line ends after " + field + " field" + (field == 1 ? "" : "s")
          + " at column " + (Scan.trimEnd(line) + 1) + ": expected at least " + MIN_FIELDS
          + " (bucket_owner ... user_agent)");
    }
    if (ev.responseBytes == null) {
      ev.responseBytes = 0L;
    }
    if (ev.message == null) {
      ev.message = ev.attributes.get("operation");
    }
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
  }

  private static List<Field> fieldList() {
    List<Field> f = new ArrayList<>();
    f.add(Field.column("timestamp", FieldType.TIMESTAMP, "time the request was received"));
    f.add(Field.column("client_ip", FieldType.STRING, "remote IP of the requester").as(PrivacyKind.ADDRESS));
    f.add(Field.column("http_method", FieldType.STRING, "method of the request URI"));
    f.add(Field.column("endpoint", FieldType.STRING, "path of the request URI, no query").as(PrivacyKind.URL));
    f.add(Field.column("http_status", FieldType.INT, "HTTP status; null for -"));
    f.add(Field.column("response_bytes", FieldType.LONG, "bytes sent; - is 0"));
    f.add(Field.column("referrer", FieldType.STRING, "Referer header; null for -").as(PrivacyKind.URL));
    f.add(Field.column("user_agent", FieldType.STRING, "User-Agent header; null for -"));
    f.add(Field.column("remote_log_id", FieldType.STRING, "S3 request ID"));
    f.add(Field.column("latency_ms", FieldType.DOUBLE, "total time in milliseconds"));
    f.add(Field.column("alert_level", FieldType.STRING, "ERROR for 5xx, WARN for 4xx, else INFO").as(PrivacyKind.PLAIN));
    f.add(Field.column("message", FieldType.STRING, "the request URI, else the operation").as(PrivacyKind.REQUEST_LINE));
    f.addAll(TABLE.attributes());
    f.add(Field.attribute("protocol", FieldType.STRING, "protocol of the request URI").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("query", FieldType.STRING, "query string of the request URI").as(PrivacyKind.QUERY));
    return f;
  }
}
