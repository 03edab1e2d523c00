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
public final class S3AccessFormat implements LogFormat {
  /** The documented fields, in log order (the time and remote IP are columns only). */
  private static final String[] NAMES = {
    "bucket_owner",
    "bucket",
    "time",
    "remote_ip",
    "requester",
    "request_id",
    "operation",
    "key",
    "request_uri",
    "http_status",
    "error_code",
    "bytes_sent",
    "object_size",
    "total_time_ms",
    "turnaround_time_ms",
    "referrer",
    "user_agent",
    "version_id",
    "host_id",
    "signature_version",
    "cipher_suite",
    "auth_type",
    "host_header",
    "tls_version",
    "access_point_arn",
    "acl_required"
  };

  private static final int TIME = 2;
  private static final int REMOTE_IP = 3;
  private static final int REQUEST_ID = 5;
  private static final int OPERATION = 6;
  private static final int REQUEST_URI = 8;
  private static final int STATUS = 9;
  private static final int BYTES_SENT = 11;
  private static final int OBJECT_SIZE = 12;
  private static final int TOTAL_TIME = 13;
  private static final int TURNAROUND_TIME = 14;
  private static final int REFERRER = 15;
  private static final int USER_AGENT = 16;
  /** Lines must reach the user agent; later fields were added over the years. */
  private static final int MIN_FIELDS = USER_AGENT + 1;

  private static final List<Field> FIELDS = fieldList();

  @Override
  public String name() {
    return "s3-access";
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public LogEvent parse(String line) throws MalformedLineException {
    try {
      return scan(line);
    } catch (RuntimeException e) {
      throw Scan.internal(e);
    }
  }

  private static LogEvent scan(String line) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    int p = Scan.skipSpaces(line, 0, end);
    if (p >= end) {
      throw Scan.malformed("empty line");
    }
    LogEvent ev = new LogEvent(32);
    int field = 0;
    int extra = 0;
    while (p < end) {
      char c = line.charAt(p);
      int from;
      int to;
      int next;
      if (field == TIME && c == '[') {
        to = line.indexOf(']', p + 1);
        if (to < 0 || to >= end) {
          throw Scan.malformed("expected ']' closing the time opened at column " + (p + 1));
        }
        from = p + 1;
        next = to + 1;
      } else if (c == '"') {
        to = Scan.closingQuote(line, p + 1, end);
        if (to < 0) {
          throw Scan.malformed("unterminated quoted " + fieldName(field)
              + " starting at column " + (p + 1));
        }
        from = p + 1;
        next = to + 1;
      } else {
        from = p;
        to = Scan.tokenEnd(line, p, end);
        next = to;
      }
      if (field < NAMES.length) {
        set(line, field, from, to, p, ev);
      } else {
        extra++;
        String v = Scan.dashToNull(line, from, to);
        if (v != null) {
          ev.attributes.put(AccessLogScanner.extraKey(extra), v);
        }
      }
      field++;
      p = Scan.skipSpaces(line, next, end);
      if (next < end && line.charAt(next) != ' ') {
        throw Scan.malformed("expected ' ' after the " + fieldName(field - 1) + " at column "
            + (next + 1) + ", found " + Scan.found(line, next, end));
      }
    }
    if (field < MIN_FIELDS) {
      throw Scan.malformed("line ends after " + field + " field" + (field == 1 ? "" : "s")
          + " at column " + (end + 1) + ": expected at least " + MIN_FIELDS
          + " (bucket_owner ... user_agent)");
    }
    if (ev.message == null) {
      ev.message = ev.attributes.get("operation");
    }
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
  }

  private static void set(String line, int field, int from, int to, int at, LogEvent ev)
      throws MalformedLineException {
    boolean dash = to <= from || Scan.isDash(line, from, to);
    switch (field) {
      case TIME:
        if (!dash) {
          if (line.charAt(at) != '[') {
            throw Scan.malformed("expected '[' opening the time at column " + (at + 1)
                + ", found " + Scan.found(line, at, to));
          }
          ev.timestampMicros = Timestamps.parseClf(line, from, to);
        }
        return;
      case REMOTE_IP:
        ev.clientIp = dash ? null : line.substring(from, to);
        return;
      case STATUS:
        if (!dash) {
          long status = Scan.parseUnsigned(line, from, to);
          if (status < 0 || status > 999) {
            throw Scan.malformed("expected the http_status at column " + (at + 1) + ", found "
                + Scan.found(line, at, to));
          }
          ev.httpStatus = Scan.status((int) status);
        }
        return;
      case REFERRER:
        ev.referrer = dash ? null : Scan.unescapeQuoted(line, from, to);
        return;
      case USER_AGENT:
        ev.userAgent = dash ? null : Scan.unescapeQuoted(line, from, to);
        return;
      default:
        break;
    }
    if (dash) {
      if (field == BYTES_SENT) {
        ev.responseBytes = 0L;
      }
      return;
    }
    String value = line.substring(from, to);
    ev.attributes.put(NAMES[field], value);
    switch (field) {
      case REQUEST_ID:
        ev.remoteLogId = value;
        break;
      case REQUEST_URI:
        ev.message = value;
        Scan.splitRequest(value, ev);
        break;
      case BYTES_SENT:
        ev.responseBytes = number(line, from, to, at, field);
        break;
      case TOTAL_TIME:
        ev.latencyMs = (double) number(line, from, to, at, field);
        break;
      case OBJECT_SIZE:
      case TURNAROUND_TIME:
        number(line, from, to, at, field);
        break;
      default:
        break;
    }
  }

  private static long number(String line, int from, int to, int at, int field)
      throws MalformedLineException {
    long v = Scan.parseUnsigned(line, from, to);
    if (v < 0) {
      throw Scan.malformed("expected a number for " + NAMES[field] + " at column " + (at + 1)
          + ", found " + Scan.found(line, at, to));
    }
    return v;
  }

  private static String fieldName(int field) {
    return field < NAMES.length ? NAMES[field] : "extra field " + (field - NAMES.length + 1);
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
    f.add(Field.attribute("bucket_owner", FieldType.STRING, "canonical user ID of the owner").as(PrivacyKind.IDENTIFIER));
    f.add(Field.attribute("bucket", FieldType.STRING, "bucket name"));
    f.add(Field.attribute("requester", FieldType.STRING, "canonical user ID or ARN, svc:...").as(PrivacyKind.IDENTIFIER));
    f.add(Field.attribute("request_id", FieldType.STRING, "request ID"));
    f.add(Field.attribute("operation", FieldType.STRING, "e.g. REST.GET.OBJECT").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("key", FieldType.STRING, "object key, URL-encoded").as(PrivacyKind.URL));
    f.add(Field.attribute("request_uri", FieldType.STRING, "Request-URI part of the request").as(PrivacyKind.REQUEST_LINE));
    f.add(Field.attribute("protocol", FieldType.STRING, "protocol of the request URI").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("query", FieldType.STRING, "query string of the request URI").as(PrivacyKind.QUERY));
    f.add(Field.attribute("error_code", FieldType.STRING, "S3 error code").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("bytes_sent", FieldType.LONG, "response bytes, without headers"));
    f.add(Field.attribute("object_size", FieldType.LONG, "total size of the object"));
    f.add(Field.attribute("total_time_ms", FieldType.LONG, "time the request was in flight"));
    f.add(Field.attribute("turnaround_time_ms", FieldType.LONG, "time S3 spent processing"));
    f.add(Field.attribute("version_id", FieldType.STRING, "object version ID"));
    f.add(Field.attribute("host_id", FieldType.STRING, "x-amz-id-2"));
    f.add(Field.attribute("signature_version", FieldType.STRING, "SigV2 or SigV4").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("cipher_suite", FieldType.STRING, "TLS cipher for HTTPS").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("auth_type", FieldType.STRING, "AuthHeader, QueryString").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("host_header", FieldType.STRING, "endpoint used to reach S3"));
    f.add(Field.attribute("tls_version", FieldType.STRING, "TLS version negotiated").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("access_point_arn", FieldType.STRING, "ARN of the access point").as(PrivacyKind.IDENTIFIER));
    f.add(Field.attribute("acl_required", FieldType.STRING, "Yes when an ACL was required").as(PrivacyKind.PLAIN));
    return List.copyOf(f);
  }
}
