package io.logyard.format;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code azure-storage}: Azure Storage Analytics logs ({@code $logs}), versions 1.0 and 2.0.
 * Fields are separated by {@code ;}; a field that may hold a quote, a semicolon or a newline is
 * quoted and HTML-encoded ({@code &quot;}, {@code &#59;}, ...), and is decoded here. Version 2.0
 * adds the OAuth fields after client-request-id. Fields after the last documented one of the
 * line's version are kept as {@code extra_1}, {@code extra_2}, ...
 */
public final class AzureStorageFormat extends BaseFormat {
  /** The documented fields, in log order (both versions; 2.0 adds the last eight). */
  private static final FieldTable TABLE = FieldTable.builder()
      .attribute("log_version", FieldType.STRING, "log-version")
      .as(PrivacyKind.PLAIN)
      .column("request_start_time", FieldType.STRING,
          (ev, v, n, c) -> ev.timestampMicros = Timestamps.parseIso(v, 0, v.length()))
      .attribute("operation_type", FieldType.STRING, "operation-type",
          (ev, v, n, c) -> ev.message = v)
      .as(PrivacyKind.PLAIN)
      .attribute("request_status", FieldType.STRING, "request-status")
      .as(PrivacyKind.PLAIN)
      .column("http_status_code", FieldType.STRING,
          (ev, v, n, c) -> Scan.httpStatus(ev, v, "http-status-code", c))
      .attribute("end_to_end_latency_ms", FieldType.LONG, "end-to-end-latency-ms",
          (ev, v, n, c) -> ev.latencyMs = (double) n)
      .attribute("server_latency_ms", FieldType.LONG, "server-latency-ms")
      .attribute("authentication_type", FieldType.STRING, "authentication-type")
      .as(PrivacyKind.PLAIN)
      .attribute("requester_account_name", FieldType.STRING, "requester-account-name")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("owner_account_name", FieldType.STRING, "owner-account-name")
      .attribute("service_type", FieldType.STRING, "service-type")
      .as(PrivacyKind.PLAIN)
      .attribute("request_url", FieldType.STRING, "request-url",
          (ev, v, n, c) -> Scan.setUrl(v, ev))
      .as(PrivacyKind.URL)
      .attribute("requested_object_key", FieldType.STRING, "requested-object-key")
      .as(PrivacyKind.URL)
      .attribute("request_id_header", FieldType.STRING, "request-id-header",
          (ev, v, n, c) -> ev.remoteLogId = v)
      .attribute("operation_count", FieldType.LONG, "operation-count")
      .attribute("requester_ip_address", FieldType.STRING, "requester-ip-address",
          (ev, v, n, c) -> Scan.setClient(v, 0, v.length(), ev))
      .as(PrivacyKind.ADDRESS)
      .attribute("request_version_header", FieldType.STRING, "request-version-header")
      .as(PrivacyKind.PLAIN)
      .attribute("request_header_size", FieldType.LONG, "request-header-size")
      .attribute("request_packet_size", FieldType.LONG, "request-packet-size")
      .attribute("response_header_size", FieldType.LONG, "response-header-size")
      .attribute("response_packet_size", FieldType.LONG, "response-packet-size",
          (ev, v, n, c) -> ev.responseBytes = n)
      .attribute("request_content_length", FieldType.LONG, "request-content-length")
      .attribute("request_md5", FieldType.STRING, "request-md5")
      .attribute("server_md5", FieldType.STRING, "server-md5")
      .attribute("etag_identifier", FieldType.STRING, "etag-identifier")
      .attribute("last_modified_time", FieldType.STRING, "last-modified-time")
      .attribute("conditions_used", FieldType.STRING, "conditions-used")
      .column("user_agent_header", FieldType.STRING,
          (ev, v, n, c) -> ev.userAgent = v)
      .column("referrer_header", FieldType.STRING,
          (ev, v, n, c) -> ev.referrer = v)
      .attribute("client_request_id", FieldType.STRING, "client-request-id")
      .attribute("user_object_id", FieldType.STRING, "2.0: user-object-id")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("tenant_id", FieldType.STRING, "2.0: tenant-id")
      .attribute("application_id", FieldType.STRING, "2.0: application-id")
      .attribute("audience", FieldType.STRING, "2.0: audience")
      .as(PrivacyKind.URL)
      .attribute("issuer", FieldType.STRING, "2.0: issuer")
      .as(PrivacyKind.URL)
      .attribute("user_principal_name", FieldType.STRING, "2.0: user-principal-name")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("reserved_field", FieldType.STRING, "2.0: reserved-field")
      .attribute("authorization_detail", FieldType.STRING, "2.0: authorization-detail")
      .as(PrivacyKind.SECRET)
      .build();

  private static final int V1_FIELDS = TABLE.index("client_request_id") + 1;
  private static final int V2_FIELDS = TABLE.size();

  public AzureStorageFormat() {
    super("azure-storage", fieldList());
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    int p = Scan.skipSpaces(line, 0, end);
    if (p >= end) {
      throw Scan.malformed("empty line");
    }
    int semi = line.indexOf(';', p);
    int vEnd = Scan.tokenEnd(line, p, semi < 0 ? end : semi);
    int documented;
    if (vEnd - p == 3 && line.startsWith("1.0", p)) {
      documented = V1_FIELDS;
    } else if (vEnd - p == 3 && line.startsWith("2.0", p)) {
      documented = V2_FIELDS;
    } else {
      throw Scan.malformed("unsupported Storage Analytics log version '" + Scan.clip(line, p, vEnd)
          + "' at column " + (p + 1) + " (expected 1.0 or 2.0)");
    }
    LogEvent ev = new LogEvent(40);
    int field = 0;
    while (true) {
      String value;
      int next;
      if (p < end && line.charAt(p) == '"') {
        int close = line.indexOf('"', p + 1);
        if (close < 0 || close >= end) {
          throw Scan.malformed("unterminated quoted " + TABLE.name(field) + " starting at column "
              + (p + 1));
        }
        value = htmlDecode(line, p + 1, close);
        next = close + 1;
        if (next < end && line.charAt(next) != ';') {
          throw Scan.malformed("expected ';' after the quoted " + TABLE.name(field)
              + " at column " + (next + 1) + ", found " + Scan.found(line, next, end));
        }
      } else {
        int s = line.indexOf(';', p);
        next = s < 0 || s > end ? end : s;
        value = p == next ? null : line.substring(p, next);
      }
      if (field < documented) {
        TABLE.set(field, ev, value, p + 1);
      } else {
        FieldTable.extra(ev, field - documented + 1, value);
      }
      field++;
      if (next >= end) {
        break;
      }
      p = next + 1;
      if (p == end) {
        // a trailing ';' ends with one more empty field
        field++;
        break;
      }
    }
    if (field < documented) {
      throw Scan.malformed("expected " + documented + " ';'-separated fields for version "
          + (documented == V1_FIELDS ? "1.0" : "2.0") + ", found " + field
          + " (line ends after " + TABLE.name(field - 1) + ")");
    }
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
  }

  /**
   * Decodes the HTML character references the log writes in quoted fields: the five named ones
   * and numeric {@code &#NN;} / {@code &#xHH;}. Anything else is kept as written.
   */
  static String htmlDecode(String s, int from, int to) {
    int amp = s.indexOf('&', from);
    if (amp < 0 || amp >= to) {
      return s.substring(from, to);
    }
    StringBuilder b = new StringBuilder(to - from);
    b.append(s, from, amp);
    int i = amp;
    while (i < to) {
      char c = s.charAt(i);
      if (c != '&') {
        b.append(c);
        i++;
        continue;
      }
      int semi = s.indexOf(';', i + 1);
      if (semi < 0 || semi >= to || semi - i > 10) {
        b.append(c);
        i++;
        continue;
      }
      int decoded = entity(s, i + 1, semi);
      if (decoded < 0) {
        b.append(c);
        i++;
      } else {
        b.appendCodePoint(decoded);
        i = semi + 1;
      }
    }
    return b.toString();
  }

  private static int entity(String s, int from, int to) {
    int n = to - from;
    if (n >= 2 && s.charAt(from) == '#') {
      int v = 0;
      boolean hex = s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X';
      int i = hex ? from + 2 : from + 1;
      if (i >= to) {
        return -1;
      }
      for (; i < to; i++) {
        int d = hex ? Scan.hex(s.charAt(i)) : s.charAt(i) - '0';
        if (d < 0 || d > (hex ? 15 : 9)) {
          return -1;
        }
        v = v * (hex ? 16 : 10) + d;
        if (v > Character.MAX_CODE_POINT) {
          return -1;
        }
      }
      return v >= 0xD800 && v <= 0xDFFF ? -1 : v;
    }
    if (s.startsWith("quot", from) && n == 4) {
      return '"';
    }
    if (s.startsWith("amp", from) && n == 3) {
      return '&';
    }
    if (s.startsWith("lt", from) && n == 2) {
      return '<';
    }
    if (s.startsWith("gt", from) && n == 2) {
      return '>';
    }
    if (s.startsWith("apos", from) && n == 4) {
      return '\'';
    }
    return -1;
  }

  private static List<Field> fieldList() {
    List<Field> f = new ArrayList<>();
    f.add(Field.column("timestamp", FieldType.TIMESTAMP, "request-start-time (UTC)"));
    f.add(Field.column("http_status", FieldType.INT, "http-status-code"));
    f.add(Field.column("latency_ms", FieldType.DOUBLE, "end-to-end-latency-in-ms"));
    f.add(Field.column("endpoint", FieldType.STRING, "path of request-url, no query").as(PrivacyKind.URL));
    f.add(Field.column("remote_log_id", FieldType.STRING, "request-id-header"));
    f.add(Field.column("client_ip", FieldType.STRING, "requester-ip-address without port").as(PrivacyKind.ADDRESS));
    f.add(Field.column("response_bytes", FieldType.LONG, "response-packet-size"));
    f.add(Field.column("user_agent", FieldType.STRING, "user-agent-header"));
    f.add(Field.column("referrer", FieldType.STRING, "referrer-header").as(PrivacyKind.URL));
    f.add(Field.column("alert_level", FieldType.STRING, "ERROR for 5xx, WARN for 4xx, else INFO").as(PrivacyKind.PLAIN));
    f.add(Field.column("message", FieldType.STRING, "operation-type").as(PrivacyKind.PLAIN));
    f.addAll(TABLE.attributes());
    f.add(Field.attribute("client_host", FieldType.STRING, "requester when not an IP"));
    f.add(Field.attribute("client_port", FieldType.STRING, "port of requester-ip-address").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("query", FieldType.STRING, "query string of request-url").as(PrivacyKind.QUERY));
    return f;
  }
}
