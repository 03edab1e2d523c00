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
public final class GcsUsageFormat extends BaseFormat {
  private static final FieldTable TABLE = FieldTable.builder()
      .column("time_micros", FieldType.LONG, (ev, v, n, c) -> ev.timestampMicros = n)
      .column("c_ip", FieldType.STRING, (ev, v, n, c) -> ev.clientIp = v)
      .attribute("c_ip_type", FieldType.INT, "1 for IPv4, 2 for IPv6")
      .attribute("c_ip_region", FieldType.STRING, "reserved")
      .column("cs_method", FieldType.STRING,
          (ev, v, n, c) -> ev.httpMethod = Scan.method(v, 0, v.length()))
      .column("cs_uri", FieldType.STRING, (ev, v, n, c) -> {
        Scan.setTarget(v, 0, v.length(), ev);
        ev.message = ev.httpMethod == null ? v : ev.httpMethod + ' ' + v;
      })
      .column("sc_status", FieldType.LONG, (ev, v, n, c) -> {
        if (n > 999) {
          throw Scan.malformed("sc_status " + n + " out of range at column " + c);
        }
        ev.httpStatus = Scan.status((int) n);
      })
      .attribute("cs_bytes", FieldType.LONG, "bytes received")
      .column("sc_bytes", FieldType.LONG, (ev, v, n, c) -> ev.responseBytes = n)
      .attribute("time_taken_micros", FieldType.LONG, "time to serve the request",
          (ev, v, n, c) -> ev.latencyMs = n / 1000.0)
      .attribute("cs_host", FieldType.STRING, "host of the request")
      .column("cs_referer", FieldType.STRING, (ev, v, n, c) -> ev.referrer = v)
      .column("cs_user_agent", FieldType.STRING, (ev, v, n, c) -> ev.userAgent = v)
      .column("s_request_id", FieldType.STRING, (ev, v, n, c) -> ev.remoteLogId = v)
      .attribute("cs_operation", FieldType.STRING, "Cloud Storage operation")
      .as(PrivacyKind.PLAIN)
      .attribute("cs_bucket", FieldType.STRING, "bucket")
      .attribute("cs_object", FieldType.STRING, "object, URL-decoded")
      .build();

  public GcsUsageFormat() {
    super("gcs-usage", fieldList());
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
  LogEvent scan(String line) throws MalformedLineException {
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
          throw Scan.malformed("unterminated quoted " + TABLE.name(field) + " starting at column "
              + (p + 1));
        }
        value = unquote(line, p + 1, close);
        next = close + 1;
        if (next < end && line.charAt(next) != ',') {
          throw Scan.malformed("expected ',' after the quoted " + TABLE.name(field)
              + " at column " + (next + 1) + ", found " + Scan.found(line, next, end));
        }
      } else {
        int comma = line.indexOf(',', p);
        next = comma < 0 || comma > end ? end : comma;
        value = line.substring(p, next);
      }
      TABLE.set(field, ev, value, p + 1);
      field++;
      if (next >= end) {
        break;
      }
      p = next + 1;
    }
    if (field < TABLE.size()) {
      throw Scan.malformed("expected " + TABLE.size() + " comma-separated fields, found " + field
          + " (line ends after " + TABLE.name(field - 1) + ")");
    }
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
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
    f.addAll(TABLE.attributes());
    f.add(Field.attribute("query", FieldType.STRING, "query string of cs_uri").as(PrivacyKind.QUERY));
    return List.copyOf(f);
  }
}
