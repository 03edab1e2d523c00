package io.logyard.format;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code gcs-usage}: Google Cloud Storage usage logs, CSV with a header row (reported by
 * {@link #isHeader}) and the documented columns in their documented order: time_micros, c_ip,
 * c_ip_type, c_ip_region, cs_method, cs_uri, sc_status, cs_bytes, sc_bytes, time_taken_micros,
 * cs_host, cs_referer, cs_user_agent, s_request_id, cs_operation, cs_bucket, cs_object. Values
 * are quoted with {@code "}, a quote inside doubled; unquoted values are accepted too. Columns
 * Google appends later are kept as {@code extra_1}, {@code extra_2}, ...
 */
public final class GcsUsageFormat implements LogFormat {
  private static final String[] NAMES = {
    "time_micros",
    "c_ip",
    "c_ip_type",
    "c_ip_region",
    "cs_method",
    "cs_uri",
    "sc_status",
    "cs_bytes",
    "sc_bytes",
    "time_taken_micros",
    "cs_host",
    "cs_referer",
    "cs_user_agent",
    "s_request_id",
    "cs_operation",
    "cs_bucket",
    "cs_object"
  };

  private static final int TIME = 0;
  private static final int C_IP = 1;
  private static final int C_IP_TYPE = 2;
  private static final int CS_BYTES = 7;
  private static final int METHOD = 4;
  private static final int URI = 5;
  private static final int STATUS = 6;
  private static final int SC_BYTES = 8;
  private static final int TIME_TAKEN = 9;
  private static final int REFERER = 11;
  private static final int USER_AGENT = 12;
  private static final int REQUEST_ID = 13;

  private static final List<Field> FIELDS = fieldList();

  @Override
  public String name() {
    return "gcs-usage";
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public boolean isHeader(String line) {
    int p = Scan.skipSpaces(line, 0, line.length());
    if (p < line.length() && line.charAt(p) == '"') {
      p++;
    }
    return line.startsWith("time_micros", p);
  }

  @Override
  public LogEvent parse(String line) throws MalformedLineException {
    try {
      return scan(line);
    } catch (RuntimeException e) {
      throw Scan.internal(e);
    }
  }

  private LogEvent scan(String line) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    if (Scan.skipSpaces(line, 0, end) >= end) {
      throw Scan.malformed("empty line");
    }
    if (isHeader(line)) {
      throw Scan.malformed("header row, not an event");
    }
    LogEvent ev = new LogEvent(16);
    int field = 0;
    int p = 0;
    while (true) {
      String value;
      int next;
      if (p < end && line.charAt(p) == '"') {
        int close = closingCsvQuote(line, p + 1, end);
        if (close < 0) {
          throw Scan.malformed("unterminated quoted " + fieldName(field) + " starting at column "
              + (p + 1));
        }
        value = unquote(line, p + 1, close);
        next = close + 1;
        if (next < end && line.charAt(next) != ',') {
          throw Scan.malformed("expected ',' after the quoted " + fieldName(field)
              + " at column " + (next + 1) + ", found " + Scan.found(line, next, end));
        }
      } else {
        int comma = line.indexOf(',', p);
        next = comma < 0 || comma > end ? end : comma;
        value = line.substring(p, next);
      }
      set(field, value, p, ev);
      field++;
      if (next >= end) {
        break;
      }
      p = next + 1;
    }
    if (field < NAMES.length) {
      throw Scan.malformed("expected " + NAMES.length + " comma-separated fields, found " + field
          + " (line ends after " + fieldName(field - 1) + ")");
    }
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
  }

  private static void set(int field, String value, int at, LogEvent ev)
      throws MalformedLineException {
    if (field >= NAMES.length) {
      if (!value.isEmpty()) {
        ev.attributes.put(AccessLogScanner.extraKey(field - NAMES.length + 1), value);
      }
      return;
    }
    if (value.isEmpty()) {
      return;
    }
    switch (field) {
      case TIME:
        ev.timestampMicros = number(value, at, field);
        break;
      case C_IP:
        ev.clientIp = value;
        break;
      case METHOD:
        ev.httpMethod = Scan.method(value, 0, value.length());
        break;
      case URI:
        Scan.setTarget(value, 0, value.length(), ev);
        ev.message = ev.httpMethod == null ? value : ev.httpMethod + ' ' + value;
        break;
      case STATUS:
        long status = number(value, at, field);
        if (status > 999) {
          throw Scan.malformed("sc_status " + status + " out of range at column " + (at + 1));
        }
        ev.httpStatus = Scan.status((int) status);
        break;
      case SC_BYTES:
        ev.responseBytes = number(value, at, field);
        break;
      case TIME_TAKEN:
        ev.latencyMs = number(value, at, field) / 1000.0;
        ev.attributes.put(NAMES[field], value);
        break;
      case REFERER:
        ev.referrer = value;
        break;
      case USER_AGENT:
        ev.userAgent = value;
        break;
      case REQUEST_ID:
        ev.remoteLogId = value;
        break;
      case C_IP_TYPE:
      case CS_BYTES:
        number(value, at, field);
        ev.attributes.put(NAMES[field], value);
        break;
      default:
        ev.attributes.put(NAMES[field], value);
        break;
    }
  }

  private static long number(String value, int at, int field) throws MalformedLineException {
    long v = Scan.parseUnsigned(value, 0, value.length());
    if (v < 0) {
      throw Scan.malformed("expected a number for " + NAMES[field] + " at column " + (at + 1)
          + ", found '" + Scan.clip(value, 0, value.length()) + "'");
    }
    return v;
  }

  /** The closing quote of a CSV field: a {@code "} not doubled. */
  private static int closingCsvQuote(String s, int p, int end) {
    int i = p;
    while (true) {
      i = s.indexOf('"', i);
      if (i < 0 || i >= end) {
        return -1;
      }
      if (i + 1 < end && s.charAt(i + 1) == '"') {
        i += 2;
        continue;
      }
      return i;
    }
  }

  private static String unquote(String s, int from, int to) {
    int q = s.indexOf('"', from);
    if (q < 0 || q >= to) {
      return s.substring(from, to);
    }
    return s.substring(from, to).replace("\"\"", "\"");
  }

  private static String fieldName(int field) {
    return field < NAMES.length ? NAMES[field] : "extra field " + (field - NAMES.length + 1);
  }

  private static List<Field> fieldList() {
    List<Field> f = new ArrayList<>();
    f.add(Field.column("timestamp", FieldType.TIMESTAMP, "time_micros: request completion"));
    f.add(Field.column("client_ip", FieldType.STRING, "c_ip: client address").as(PrivacyKind.ADDRESS));
    f.add(Field.column("http_method", FieldType.STRING, "cs_method"));
    f.add(Field.column("endpoint", FieldType.STRING, "cs_uri without the query string").as(PrivacyKind.URL));
    f.add(Field.column("http_status", FieldType.INT, "sc_status"));
    f.add(Field.column("response_bytes", FieldType.LONG, "sc_bytes: bytes sent"));
    f.add(Field.column("latency_ms", FieldType.DOUBLE, "time_taken_micros / 1000"));
    f.add(Field.column("referrer", FieldType.STRING, "cs_referer").as(PrivacyKind.URL));
    f.add(Field.column("user_agent", FieldType.STRING, "cs_user_agent"));
    f.add(Field.column("remote_log_id", FieldType.STRING, "s_request_id"));
    f.add(Field.column("alert_level", FieldType.STRING, "ERROR for 5xx, WARN for 4xx, else INFO").as(PrivacyKind.PLAIN));
    f.add(Field.column("message", FieldType.STRING, "method and URI").as(PrivacyKind.REQUEST_LINE));
    f.add(Field.attribute("c_ip_type", FieldType.INT, "1 for IPv4, 2 for IPv6"));
    f.add(Field.attribute("c_ip_region", FieldType.STRING, "reserved"));
    f.add(Field.attribute("query", FieldType.STRING, "query string of cs_uri").as(PrivacyKind.QUERY));
    f.add(Field.attribute("cs_bytes", FieldType.LONG, "bytes received"));
    f.add(Field.attribute("time_taken_micros", FieldType.LONG, "time to serve the request"));
    f.add(Field.attribute("cs_host", FieldType.STRING, "host of the request"));
    f.add(Field.attribute("cs_operation", FieldType.STRING, "Cloud Storage operation").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("cs_bucket", FieldType.STRING, "bucket"));
    f.add(Field.attribute("cs_object", FieldType.STRING, "object, URL-decoded"));
    return List.copyOf(f);
  }
}
