package io.logyard.format;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code aws-alb}: Application Load Balancer access logs, as delivered to S3
 * ({@code AWSLogs/<account>/elasticloadbalancing/<region>/yyyy/mm/dd/*.log.gz}). Space-separated
 * fields in the documented order, quoted where AWS quotes them, {@code -} for an absent value and
 * {@code -1} for a processing time that does not apply (no target reached). Client and target are
 * {@code ip:port} (IPv6 too). Fields AWS appends after {@code conn_trace_id} are kept as
 * {@code extra_1}, {@code extra_2}, ...; lines of older layouts that end after
 * {@code ssl_protocol} are accepted.
 */
public final class AwsAlbFormat extends BaseFormat {
  private static final FieldTable TABLE = FieldTable.builder()
      .attribute("type", FieldType.STRING, "http, https, h2, grpcs, ws or wss")
      .as(PrivacyKind.PLAIN)
      .column("time", FieldType.TIMESTAMP,
          (ev, s, from, to, c) -> ev.timestampMicros = Timestamps.parseIso(s, from, to))
      .attribute("elb", FieldType.STRING, "resource ID of the load balancer")
      .as(PrivacyKind.PLAIN)
      .column("client_port", FieldType.STRING, AwsAlbFormat::client)
      .column("target_port", FieldType.STRING, AwsAlbFormat::target)
      .attribute("request_processing_time", FieldType.DOUBLE, "seconds to the target; -1 none")
      .attribute("target_processing_time", FieldType.DOUBLE, "seconds the target took; -1 none")
      .attribute("response_processing_time", FieldType.DOUBLE, "seconds to the client; -1 none")
      .column("elb_status_code", FieldType.STRING,
          (ev, s, from, to, c) -> Scan.httpStatus(ev, s, from, to, "elb_status_code", c))
      .attribute("target_status_code", FieldType.STRING, "status from the target; - for none")
      .as(PrivacyKind.PLAIN)
      .attribute("received_bytes", FieldType.LONG, "bytes received from the client")
      .attribute("sent_bytes", FieldType.LONG, "bytes sent to the client",
          (ev, v, n, c) -> ev.responseBytes = n)
      .attribute("request", FieldType.STRING, "request line: method, URL, protocol",
          (ev, v, n, c) -> request(ev, v))
      .as(PrivacyKind.REQUEST_LINE)
      .column("user_agent", FieldType.STRING,
          (ev, s, from, to, c) -> ev.userAgent = Scan.unescapeQuoted(s, from, to))
      .attribute("ssl_cipher", FieldType.STRING, "TLS cipher (HTTPS listener)")
      .as(PrivacyKind.PLAIN)
      .attribute("ssl_protocol", FieldType.STRING, "TLS protocol (HTTPS listener)")
      .as(PrivacyKind.PLAIN)
      .attribute("target_group_arn", FieldType.STRING, "ARN of the target group")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("trace_id", FieldType.STRING, "X-Amzn-Trace-Id",
          (ev, v, n, c) -> ev.remoteLogId = v)
      .as(PrivacyKind.PLAIN)
      .attribute("domain_name", FieldType.STRING, "SNI domain (HTTPS listener)")
      .attribute("chosen_cert_arn", FieldType.STRING, "ARN of the certificate presented")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("matched_rule_priority", FieldType.LONG, "priority of the matched rule; 0 default")
      .attribute("request_creation_time", FieldType.TIMESTAMP, "time the request was received")
      .attribute("actions_executed", FieldType.STRING, "actions taken, comma-separated")
      .as(PrivacyKind.PLAIN)
      .attribute("redirect_url", FieldType.STRING, "Location of a redirect")
      .as(PrivacyKind.URL)
      .attribute("error_reason", FieldType.STRING, "error reason code")
      .as(PrivacyKind.PLAIN)
      .attribute("target_port_list", FieldType.STRING, "targets (ip:port) tried, space-separated")
      .as(PrivacyKind.ADDRESS_LIST)
      .attribute("target_status_code_list", FieldType.STRING, "their status codes")
      .as(PrivacyKind.PLAIN)
      .attribute("classification", FieldType.STRING, "desync mitigation classification")
      .as(PrivacyKind.PLAIN)
      .attribute("classification_reason", FieldType.STRING, "classification reason code")
      .as(PrivacyKind.PLAIN)
      .attribute("conn_trace_id", FieldType.STRING, "connection traceability ID")
      .as(PrivacyKind.PLAIN)
      .build();

  private static final int MIN_FIELDS = TABLE.index("ssl_protocol") + 1;

  public AwsAlbFormat() {
    super("aws-alb", fieldList());
  }

  /**
   * The space-separated fields of an AWS load balancer line (ALB or Classic) into a new event;
   * a line with fewer than {@code minFields} ({@code expected} names them) is malformed.
   */
  static LogEvent scanAtLeast(String line, FieldTable table, int minFields, String expected) throws MalformedLineException {
    LogEvent ev = new LogEvent(table.size());
    int fields = SpacedFields.scan(line, table, -1, ev);
    if (fields < minFields) {
      throw Scan.malformed("line ends after " + fields + " field" + (fields == 1 ? "" : "s")
          + ": expected at least " + minFields + " (" + expected + ")");
    }
    return ev;
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    LogEvent ev = scanAtLeast(line, TABLE, MIN_FIELDS, "type ... ssl_protocol");
    ev.latencyMs = latency(ev, "request_processing_time", "target_processing_time",
        "response_processing_time");
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
  }

  /**
   * The colon before the port of {@code ip:port} in {@code s[from, to)} as ALB writes it, the
   * port always after the last colon (IPv6 clients are written without brackets; brackets are
   * accepted too), or -1 when there is no port.
   */
  private static int portColon(String s, int from, int to) {
    int colon = s.lastIndexOf(':', to - 1);
    return colon > from && colon + 1 < to && Scan.parseUnsigned(s, colon + 1, to) >= 0
        ? colon : -1;
  }

  /** True when the address before {@code colon} is written in brackets ({@code [v6]:port}). */
  private static boolean bracketed(String s, int from, int colon) {
    return colon > from + 1 && s.charAt(from) == '[' && s.charAt(colon - 1) == ']';
  }

  /** {@code client:port}: the client IP (or {@code client_host}) and {@code client_port}. */
  static void client(LogEvent ev, String s, int from, int to, int column) {
    int colon = portColon(s, from, to);
    boolean bracketed = colon >= 0 && bracketed(s, from, colon);
    int hostFrom = bracketed ? from + 1 : from;
    int hostTo = colon < 0 ? to : bracketed ? colon - 1 : colon;
    String host = s.substring(hostFrom, hostTo);
    if (Scan.isIpv4(s, hostFrom, hostTo) || Scan.isIpv6(s, hostFrom, hostTo)) {
      ev.clientIp = host;
    } else {
      ev.attributes.put("client_host", host);
    }
    if (colon >= 0) {
      ev.attributes.put("client_port", s.substring(colon + 1, to));
    }
  }

  /** {@code target:port}: the {@code target_ip} and {@code target_port} attributes. */
  static void target(LogEvent ev, String s, int from, int to, int column) {
    int colon = portColon(s, from, to);
    boolean bracketed = colon >= 0 && bracketed(s, from, colon);
    int hostFrom = bracketed ? from + 1 : from;
    int hostTo = colon < 0 ? to : bracketed ? colon - 1 : colon;
    ev.attributes.put("target_ip", s.substring(hostFrom, hostTo));
    if (colon >= 0) {
      ev.attributes.put("target_port", s.substring(colon + 1, to));
    }
  }

  /** A request line with an absolute URL: method, path, query, protocol. */
  static void request(LogEvent ev, String v) {
    ev.message = v;
    if (Scan.splitRequest(v, ev) && ev.endpoint.indexOf("://") > 0) {
      Scan.setUrl(ev.endpoint, ev);
    }
  }

  /** Milliseconds: the sum of the three processing times in seconds, null when one is -1. */
  static Double latency(LogEvent ev, String first, String second, String third) {
    double sum = seconds(ev, first) + seconds(ev, second) + seconds(ev, third);
    return sum >= 0 ? Math.round(sum * 1_000_000.0) / 1000.0 : null;
  }

  /** A processing time in seconds; NaN when absent or -1, which makes the sum NaN. */
  private static double seconds(LogEvent ev, String name) {
    String v = ev.attributes.get(name);
    double d = v == null ? Double.NaN : Scan.parseDecimal(v, 0, v.length());
    return d >= 0 ? d : Double.NaN;
  }


  private static List<Field> fieldList() {
    List<Field> f = new ArrayList<>();
    f.add(Field.column("timestamp", FieldType.TIMESTAMP, "time: response sent (ISO 8601)"));
    f.add(Field.column("client_ip", FieldType.STRING, "client:port without the port").as(PrivacyKind.ADDRESS));
    f.add(Field.column("http_status", FieldType.INT, "elb_status_code"));
    f.add(Field.column("response_bytes", FieldType.LONG, "sent_bytes"));
    f.add(Field.column("http_method", FieldType.STRING, "method of the request").as(PrivacyKind.PLAIN));
    f.add(Field.column("endpoint", FieldType.STRING, "path of the request URL, no query").as(PrivacyKind.URL));
    f.add(Field.column("user_agent", FieldType.STRING, "User-Agent header"));
    f.add(Field.column("remote_log_id", FieldType.STRING, "trace_id").as(PrivacyKind.PLAIN));
    f.add(Field.column("latency_ms", FieldType.DOUBLE, "sum of the three processing times"));
    f.add(Field.column("alert_level", FieldType.STRING, "ERROR for 5xx, WARN for 4xx, else INFO").as(PrivacyKind.PLAIN));
    f.add(Field.column("message", FieldType.STRING, "the request line").as(PrivacyKind.REQUEST_LINE));
    f.add(Field.attribute("client_port", FieldType.STRING, "port of client:port").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("client_host", FieldType.STRING, "client when not an IP address"));
    f.add(Field.attribute("target_ip", FieldType.STRING, "address of target:port").as(PrivacyKind.ADDRESS));
    f.add(Field.attribute("target_port", FieldType.STRING, "port of target:port").as(PrivacyKind.PLAIN));
    f.addAll(TABLE.attributes());
    f.add(Field.attribute("protocol", FieldType.STRING, "protocol of the request").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("query", FieldType.STRING, "query string of the request URL").as(PrivacyKind.QUERY));
    return f;
  }
}
