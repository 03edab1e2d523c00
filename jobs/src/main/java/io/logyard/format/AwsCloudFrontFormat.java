package io.logyard.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code aws-cloudfront}: CloudFront standard (access) logs, W3C extended format: tab-separated,
 * {@code -} for an absent value, lines starting with {@code #} are headers ({@code #Version},
 * {@code #Fields}) and skipped. Read through {@link #forObject}, the {@code #Fields} line defines
 * the columns of the lines after it; a line parsed alone follows the documented 33 fields. Date
 * and time are separate fields (UTC). The user agent is URL-encoded by CloudFront and decoded
 * here; the URI stem, query and referrer are kept as written. Field names are the documented ones
 * in snake case ({@code cs(User-Agent)} is {@code cs_user_agent}).
 */
public final class AwsCloudFrontFormat extends BaseFormat {
  private static final FieldTable TABLE = FieldTable.builder()
      .column("date", FieldType.STRING, (ev, s, from, to, c) -> addTime(ev,
          Timestamps.parseIso(s, from, to)))
      .column("time", FieldType.STRING, (ev, s, from, to, c) -> addTime(ev,
          Timestamps.parseTimeOfDay(s, from, to)))
      .attribute("x_edge_location", FieldType.STRING, "edge location (airport code + number)")
      .as(PrivacyKind.PLAIN)
      .attribute("sc_bytes", FieldType.LONG, "bytes sent to the viewer, headers included",
          (ev, v, n, c) -> ev.responseBytes = n)
      .column("c_ip", FieldType.STRING, (ev, v, n, c) -> ev.clientIp = v)
      .column("cs_method", FieldType.STRING,
          (ev, s, from, to, c) -> ev.httpMethod = Scan.method(s, from, to))
      .attribute("cs_host", FieldType.STRING, "CloudFront domain name of the distribution")
      .as(PrivacyKind.PLAIN)
      .column("cs_uri_stem", FieldType.STRING, (ev, v, n, c) -> ev.endpoint = v)
      .column("sc_status", FieldType.STRING,
          (ev, s, from, to, c) -> Scan.httpStatus(ev, s, from, to, "sc_status", c))
      .column("cs_referer", FieldType.STRING, (ev, v, n, c) -> ev.referrer = v)
      .column("cs_user_agent", FieldType.STRING,
          (ev, s, from, to, c) -> ev.userAgent = Scan.percentDecode(s, from, to))
      .column("cs_uri_query", FieldType.STRING, (ev, v, n, c) -> ev.attributes.put("query", v))
      .attribute("cs_cookie", FieldType.STRING, "Cookie header, when cookie logging is on")
      .as(PrivacyKind.SECRET)
      .attribute("x_edge_result_type", FieldType.STRING, "Hit, RefreshHit, Miss, Error ...")
      .as(PrivacyKind.PLAIN)
      .column("x_edge_request_id", FieldType.STRING, (ev, v, n, c) -> ev.remoteLogId = v)
      .attribute("x_host_header", FieldType.STRING, "Host header the viewer sent")
      .as(PrivacyKind.PLAIN)
      .attribute("cs_protocol", FieldType.STRING, "http, https, ws or wss").as(PrivacyKind.PLAIN)
      .attribute("cs_bytes", FieldType.LONG, "bytes of the request, headers included")
      .attribute("time_taken", FieldType.DOUBLE, "seconds to the last byte sent",
          (ev, v, n, c) -> ev.latencyMs = Scan.parseDecimal(v, 0, v.length()) * 1000)
      .attribute("x_forwarded_for", FieldType.STRING, "X-Forwarded-For of the request")
      .as(PrivacyKind.ADDRESS_LIST)
      .attribute("ssl_protocol", FieldType.STRING, "TLS protocol (HTTPS)").as(PrivacyKind.PLAIN)
      .attribute("ssl_cipher", FieldType.STRING, "TLS cipher (HTTPS)").as(PrivacyKind.PLAIN)
      .attribute("x_edge_response_result_type", FieldType.STRING, "result type of the response")
      .as(PrivacyKind.PLAIN)
      .attribute("cs_protocol_version", FieldType.STRING, "HTTP/1.1, HTTP/2.0 ...")
      .as(PrivacyKind.PLAIN)
      .attribute("fle_status", FieldType.STRING, "field-level encryption status")
      .as(PrivacyKind.PLAIN)
      .attribute("fle_encrypted_fields", FieldType.LONG, "fields encrypted at the edge")
      .attribute("c_port", FieldType.INT, "port of the viewer")
      .attribute("time_to_first_byte", FieldType.DOUBLE, "seconds to the first byte")
      .attribute("x_edge_detailed_result_type", FieldType.STRING, "detailed result type")
      .as(PrivacyKind.PLAIN)
      .attribute("sc_content_type", FieldType.STRING, "Content-Type of the response")
      .as(PrivacyKind.PLAIN)
      .attribute("sc_content_len", FieldType.LONG, "Content-Length of the response")
      .attribute("sc_range_start", FieldType.LONG, "range start of a range response")
      .attribute("sc_range_end", FieldType.LONG, "range end of a range response")
      .build();

  public AwsCloudFrontFormat() {
    super("aws-cloudfront", fieldList());
  }

  @Override
  public boolean isHeader(String line) {
    return !line.isEmpty() && line.charAt(0) == '#';
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    return scan(line, TABLE);
  }

  @Override
  public ObjectParser forObject() {
    return new ObjectParser() {
      private FieldTable current = TABLE;
      private long record;

      @Override
      public void line(String line, Sink sink) {
        if (isHeader(line)) {
          if (line.regionMatches(true, 0, "#Fields:", 0, 8)) {
            current = TABLE.select(fieldNames(line.substring(8)));
          }
          sink.skipped();
          return;
        }
        record++;
        try {
          sink.parsed(scan(line, current), record);
        } catch (MalformedLineException e) {
          sink.quarantined(e.reason(), line, record);
        } catch (RuntimeException e) {
          sink.quarantined(Scan.internal(e).reason(), line, record);
        }
      }
    };
  }

  private static LogEvent scan(String line, FieldTable table) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    if (end == 0) {
      throw Scan.malformed("empty line");
    }
    if (line.charAt(0) == '#') {
      throw Scan.malformed("header line, not an event");
    }
    LogEvent ev = new LogEvent(table.size());
    int field = 0;
    int p = 0;
    while (true) {
      int tab = line.indexOf('\t', p);
      int to = tab < 0 || tab > end ? end : tab;
      table.set(field, ev, line, p, to, p + 1);
      field++;
      if (to >= end) {
        break;
      }
      p = to + 1;
    }
    if (field < table.size()) {
      throw Scan.malformed("expected " + table.size() + " tab-separated fields, found " + field
          + " (line ends after " + table.name(field - 1) + ")");
    }
    if (ev.httpMethod != null && ev.endpoint != null) {
      ev.message = ev.httpMethod + ' ' + ev.endpoint;
    }
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
  }

  private static void addTime(LogEvent ev, long micros) {
    ev.timestampMicros = ev.timestampMicros == null ? micros : ev.timestampMicros + micros;
  }

  /** {@code date time cs(Host) ...} as field names: lower case, {@code cs_host}. */
  static List<String> fieldNames(String fields) {
    List<String> names = new ArrayList<>();
    for (String raw : fields.trim().split("\\s+")) {
      if (!raw.isEmpty()) {
        names.add(raw.toLowerCase(Locale.ROOT).replace("(", "_").replace(")", "")
            .replace('-', '_'));
      }
    }
    return names;
  }

  private static List<Field> fieldList() {
    List<Field> f = new ArrayList<>();
    f.add(Field.column("timestamp", FieldType.TIMESTAMP, "date and time (UTC)"));
    f.add(Field.column("client_ip", FieldType.STRING, "c_ip").as(PrivacyKind.ADDRESS));
    f.add(Field.column("http_method", FieldType.STRING, "cs_method").as(PrivacyKind.PLAIN));
    f.add(Field.column("endpoint", FieldType.STRING, "cs_uri_stem").as(PrivacyKind.URL));
    f.add(Field.column("http_status", FieldType.INT, "sc_status (000: no response)"));
    f.add(Field.column("response_bytes", FieldType.LONG, "sc_bytes"));
    f.add(Field.column("referrer", FieldType.STRING, "cs(Referer)").as(PrivacyKind.URL));
    f.add(Field.column("user_agent", FieldType.STRING, "cs(User-Agent), URL-decoded"));
    f.add(Field.column("remote_log_id", FieldType.STRING, "x_edge_request_id")
        .as(PrivacyKind.PLAIN));
    f.add(Field.column("latency_ms", FieldType.DOUBLE, "time_taken in milliseconds"));
    f.add(Field.column("alert_level", FieldType.STRING, "ERROR for 5xx, WARN for 4xx, else INFO")
        .as(PrivacyKind.PLAIN));
    f.add(Field.column("message", FieldType.STRING, "method and URI stem")
        .as(PrivacyKind.REQUEST_LINE));
    f.add(Field.attribute("query", FieldType.STRING, "cs_uri_query").as(PrivacyKind.QUERY));
    f.addAll(TABLE.attributes());
    return f;
  }
}
