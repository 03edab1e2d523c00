package io.logyard.format;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code aws-elb}: Classic Load Balancer access logs. Space-separated fields in the documented
 * order; {@code -1} processing times and {@code - - -} requests for TCP listeners and requests
 * that reached no instance. Later fields are kept as {@code extra_1}, ...
 */
public final class AwsElbFormat extends BaseFormat {
  private static final FieldTable TABLE = FieldTable.builder()
      .column("time", FieldType.TIMESTAMP,
          (ev, s, from, to, c) -> ev.timestampMicros = Timestamps.parseIso(s, from, to))
      .attribute("elb", FieldType.STRING, "name of the load balancer")
      .as(PrivacyKind.PLAIN)
      .column("client_port", FieldType.STRING, AwsAlbFormat::client)
      .column("backend_port", FieldType.STRING, AwsAlbFormat::target)
      .attribute("request_processing_time", FieldType.DOUBLE, "seconds to the instance; -1 none")
      .attribute("backend_processing_time", FieldType.DOUBLE, "seconds the instance took; -1 none")
      .attribute("response_processing_time", FieldType.DOUBLE, "seconds to the client; -1 none")
      .column("elb_status_code", FieldType.STRING,
          (ev, s, from, to, c) -> Scan.httpStatus(ev, s, from, to, "elb_status_code", c))
      .attribute("backend_status_code", FieldType.STRING, "status from the instance")
      .as(PrivacyKind.PLAIN)
      .attribute("received_bytes", FieldType.LONG, "bytes received from the client")
      .attribute("sent_bytes", FieldType.LONG, "bytes sent to the client",
          (ev, v, n, c) -> ev.responseBytes = n)
      .attribute("request", FieldType.STRING, "request line; - - - for TCP",
          (ev, v, n, c) -> AwsAlbFormat.request(ev, v))
      .as(PrivacyKind.REQUEST_LINE)
      .column("user_agent", FieldType.STRING,
          (ev, s, from, to, c) -> ev.userAgent = Scan.unescapeQuoted(s, from, to))
      .attribute("ssl_cipher", FieldType.STRING, "TLS cipher (HTTPS/SSL listener)")
      .as(PrivacyKind.PLAIN)
      .attribute("ssl_protocol", FieldType.STRING, "TLS protocol (HTTPS/SSL listener)")
      .as(PrivacyKind.PLAIN)
      .build();

  private static final int MIN_FIELDS = TABLE.index("request") + 1;

  public AwsElbFormat() {
    super("aws-elb", fieldList());
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    LogEvent ev = AwsAlbFormat.scanAtLeast(line, TABLE, MIN_FIELDS, "time ... request");
    ev.latencyMs = AwsAlbFormat.latency(ev, "request_processing_time", "backend_processing_time",
        "response_processing_time");
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    return ev;
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
    f.add(Field.column("latency_ms", FieldType.DOUBLE, "sum of the three processing times"));
    f.add(Field.column("alert_level", FieldType.STRING, "ERROR for 5xx, WARN for 4xx, else INFO").as(PrivacyKind.PLAIN));
    f.add(Field.column("message", FieldType.STRING, "the request line").as(PrivacyKind.REQUEST_LINE));
    f.add(Field.attribute("client_port", FieldType.STRING, "port of client:port").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("client_host", FieldType.STRING, "client when not an IP address"));
    f.add(Field.attribute("target_ip", FieldType.STRING, "address of backend:port").as(PrivacyKind.ADDRESS));
    f.add(Field.attribute("target_port", FieldType.STRING, "port of backend:port").as(PrivacyKind.PLAIN));
    f.addAll(TABLE.attributes());
    f.add(Field.attribute("protocol", FieldType.STRING, "protocol of the request").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("query", FieldType.STRING, "query string of the request URL").as(PrivacyKind.QUERY));
    return f;
  }
}
