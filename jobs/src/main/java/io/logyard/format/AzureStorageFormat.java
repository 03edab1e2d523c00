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
public final class AzureStorageFormat implements LogFormat {
  /** Attribute names of the documented fields, in log order (both versions). */
  private static final String[] NAMES = {
    "log_version",
    "request_start_time",
    "operation_type",
    "request_status",
    "http_status_code",
    "end_to_end_latency_ms",
    "server_latency_ms",
    "authentication_type",
    "requester_account_name",
    "owner_account_name",
    "service_type",
    "request_url",
    "requested_object_key",
    "request_id_header",
    "operation_count",
    "requester_ip_address",
    "request_version_header",
    "request_header_size",
    "request_packet_size",
    "response_header_size",
    "response_packet_size",
    "request_content_length",
    "request_md5",
    "server_md5",
    "etag_identifier",
    "last_modified_time",
    "conditions_used",
    "user_agent_header",
    "referrer_header",
    "client_request_id",
    // 2.0
    "user_object_id",
    "tenant_id",
    "application_id",
    "audience",
    "issuer",
    "user_principal_name",
    "reserved_field",
    "authorization_detail"
  };

  private static final int V1_FIELDS = 30;
  private static final int V2_FIELDS = 38;

  private static final int START_TIME = 1;
  private static final int OPERATION = 2;
  private static final int STATUS = 4;
  private static final int E2E_LATENCY = 5;
  private static final int REQUEST_URL = 11;
  private static final int REQUEST_ID = 13;
  private static final int REQUESTER_IP = 15;
  private static final int RESPONSE_PACKET = 20;
  private static final int USER_AGENT = 27;
  private static final int REFERRER = 28;

  /** Fields documented as numbers: validated, so that typed output can cast them. */
  private static final boolean[] NUMERIC = new boolean[NAMES.length];

  static {
    for (int i : new int[] {4, 5, 6, 14, 17, 18, 19, 20, 21}) {
      NUMERIC[i] = true;
    }
  }

  private static final List<Field> FIELDS = fieldList();

  @Override
  public String name() {
    return "azure-storage";
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
          throw Scan.malformed("unterminated quoted " + fieldName(field) + " starting at column "
              + (p + 1));
        }
        value = htmlDecode(line, p + 1, close);
        next = close + 1;
        if (next < end && line.charAt(next) != ';') {
          throw Scan.malformed("expected ';' after the quoted " + fieldName(field)
              + " at column " + (next + 1) + ", found " + Scan.found(line, next, end));
        }
      } else {
        int s = line.indexOf(';', p);
        next = s < 0 || s > end ? end : s;
        value = p == next ? null : line.substring(p, next);
      }
      if (field < documented) {
        set(field, value, p, ev);
      } else if (value != null && !value.isEmpty()) {
        ev.attributes.put(AccessLogScanner.extraKey(field - documented + 1), value);
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
          + " (line ends after " + fieldName(field - 1) + ")");
    }
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
  }

  private static void set(int field, String value, int at, LogEvent ev)
      throws MalformedLineException {
    if (value == null || value.isEmpty()) {
      return;
    }
    switch (field) {
      case START_TIME:
        ev.timestampMicros = Timestamps.parseIso(value, 0, value.length());
        return;
      case STATUS:
        long status = Scan.parseUnsigned(value, 0, value.length());
        if (status < 0 || status > 999) {
          throw Scan.malformed("expected the http-status-code at column " + (at + 1)
              + ", found '" + Scan.clip(value, 0, value.length()) + "'");
        }
        ev.httpStatus = Scan.status((int) status);
        return;
      case E2E_LATENCY:
        ev.latencyMs = (double) number(value, at, field);
        break;
      case OPERATION:
        ev.message = value;
        break;
      case REQUEST_URL:
        setUrl(value, ev);
        break;
      case REQUEST_ID:
        ev.remoteLogId = value;
        break;
      case REQUESTER_IP:
        Scan.setClient(value, 0, value.length(), ev);
        break;
      case RESPONSE_PACKET:
        ev.responseBytes = number(value, at, field);
        break;
      case USER_AGENT:
        ev.userAgent = value;
        return;
      case REFERRER:
        ev.referrer = value;
        return;
      default:
        if (NUMERIC[field]) {
          number(value, at, field);
        }
        break;
    }
    ev.attributes.put(NAMES[field], value);
  }

  /** Endpoint and query of {@code https://account.blob.core.windows.net/path?query}. */
  private static void setUrl(String url, LogEvent ev) {
    int scheme = url.indexOf("://");
    int pathStart = 0;
    if (scheme > 0) {
      int slash = url.indexOf('/', scheme + 3);
      int q = url.indexOf('?', scheme + 3);
      if (slash < 0 || q >= 0 && q < slash) {
        ev.endpoint = "/";
        if (q >= 0 && q + 1 < url.length()) {
          ev.attributes.put("query", url.substring(q + 1));
        }
        return;
      }
      pathStart = slash;
    }
    Scan.setTarget(url, pathStart, url.length(), ev);
  }

  private static long number(String value, int at, int field) throws MalformedLineException {
    long v = Scan.parseUnsigned(value, 0, value.length());
    if (v < 0) {
      throw Scan.malformed("expected a number for " + NAMES[field] + " at column " + (at + 1)
          + ", found '" + Scan.clip(value, 0, value.length()) + "'");
    }
    return v;
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

  private static String fieldName(int field) {
    return field < NAMES.length ? NAMES[field] : "extra field";
  }

  /** The privacy kind of a documented field. */
  private static PrivacyKind kind(String name) {
    switch (name) {
      case "requester_ip_address":
        return PrivacyKind.ADDRESS;
      case "request_url":
      case "requested_object_key":
      case "audience":
      case "issuer":
        return PrivacyKind.URL;
      case "requester_account_name":
      case "user_object_id":
      case "user_principal_name":
        return PrivacyKind.IDENTIFIER;
      case "authorization_detail":
        return PrivacyKind.SECRET;
      case "log_version":
      case "operation_type":
      case "request_status":
      case "authentication_type":
      case "service_type":
      case "request_version_header":
        return PrivacyKind.PLAIN;
      default:
        return PrivacyKind.FREE_TEXT;
    }
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
    for (int i = 0; i < NAMES.length; i++) {
      if (i == START_TIME || i == USER_AGENT || i == REFERRER) {
        continue;
      }
      f.add(Field.attribute(NAMES[i], NUMERIC[i] ? FieldType.LONG : FieldType.STRING,
          (i < V1_FIELDS ? "" : "2.0: ") + NAMES[i].replace('_', '-')).as(NUMERIC[i] ? PrivacyKind.PLAIN : kind(NAMES[i])));
    }
    f.add(Field.attribute("client_host", FieldType.STRING, "requester when not an IP"));
    f.add(Field.attribute("client_port", FieldType.STRING, "port of requester-ip-address").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("query", FieldType.STRING, "query string of request-url").as(PrivacyKind.QUERY));
    return List.copyOf(f);
  }
}
