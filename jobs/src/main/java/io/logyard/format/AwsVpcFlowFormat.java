package io.logyard.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code aws-vpc-flow}: VPC Flow Logs delivered to S3, space-separated, {@code -} for a value
 * that does not apply (NODATA and SKIPDATA records). The object's first line is a header naming
 * its fields ({@code version account-id interface-id srcaddr ...}): the default format or any
 * custom field set, in any order. Lines read through {@link #forObject} follow the header; a line
 * parsed alone follows the option {@code fields} (field names separated by spaces or commas, as in
 * the header), by default the default format (version 2). Names are the documented ones with
 * {@code -} written {@code _}; a field the header names and this table does not know is kept as a
 * text attribute, and values past the named fields as {@code extra_1}, ...
 */
public final class AwsVpcFlowFormat extends BaseFormat {
  static final Set<String> OPTIONS = Set.of("fields");

  private static final FieldTable TABLE = FieldTable.builder()
      .attribute("version", FieldType.INT, "flow log version").as(PrivacyKind.PLAIN)
      .attribute("account_id", FieldType.STRING, "AWS account of the interface")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("interface_id", FieldType.STRING, "network interface ID").as(PrivacyKind.PLAIN)
      .column("srcaddr", FieldType.STRING, (ev, v, n, c) -> ev.clientIp = v)
      .attribute("dstaddr", FieldType.STRING, "destination address").as(PrivacyKind.ADDRESS)
      .attribute("srcport", FieldType.INT, "source port")
      .attribute("dstport", FieldType.INT, "destination port")
      .attribute("protocol", FieldType.INT, "IANA protocol number (6 TCP, 17 UDP)")
      .attribute("packets", FieldType.LONG, "packets in the flow")
      .column("bytes", FieldType.LONG,
          (ev, s, from, to, c) -> ev.responseBytes = Scan.parseUnsigned(s, from, to))
      .attribute("start", FieldType.LONG, "first packet, epoch seconds",
          (ev, v, n, c) -> ev.timestampMicros = n * Timestamps.MICROS_PER_SECOND)
      .attribute("end", FieldType.LONG, "last packet, epoch seconds")
      .attribute("action", FieldType.STRING, "ACCEPT or REJECT").as(PrivacyKind.PLAIN)
      .values("ACCEPT", "REJECT")
      .attribute("log_status", FieldType.STRING, "OK, NODATA or SKIPDATA").as(PrivacyKind.PLAIN)
      .values("OK", "NODATA", "SKIPDATA")
      .attribute("vpc_id", FieldType.STRING, "v3: VPC ID").as(PrivacyKind.PLAIN)
      .attribute("subnet_id", FieldType.STRING, "v3: subnet ID").as(PrivacyKind.PLAIN)
      .attribute("instance_id", FieldType.STRING, "v3: instance ID").as(PrivacyKind.PLAIN)
      .attribute("tcp_flags", FieldType.INT, "v3: OR of the TCP flags seen")
      .attribute("type", FieldType.STRING, "v3: IPv4, IPv6 or EFA").as(PrivacyKind.PLAIN)
      .values("IPv4", "IPv6", "EFA")
      .attribute("pkt_srcaddr", FieldType.STRING, "v3: packet-level source address")
      .as(PrivacyKind.ADDRESS)
      .attribute("pkt_dstaddr", FieldType.STRING, "v3: packet-level destination address")
      .as(PrivacyKind.ADDRESS)
      .attribute("region", FieldType.STRING, "v4: region").as(PrivacyKind.PLAIN)
      .attribute("az_id", FieldType.STRING, "v4: availability zone ID").as(PrivacyKind.PLAIN)
      .attribute("sublocation_type", FieldType.STRING, "v4: wavelength, outpost or localzone")
      .as(PrivacyKind.PLAIN)
      .attribute("sublocation_id", FieldType.STRING, "v4: sublocation ID").as(PrivacyKind.PLAIN)
      .attribute("pkt_src_aws_service", FieldType.STRING, "v5: AWS service of pkt_srcaddr")
      .as(PrivacyKind.PLAIN)
      .attribute("pkt_dst_aws_service", FieldType.STRING, "v5: AWS service of pkt_dstaddr")
      .as(PrivacyKind.PLAIN)
      .attribute("flow_direction", FieldType.STRING, "v5: ingress or egress").as(PrivacyKind.PLAIN)
      .values("ingress", "egress")
      .attribute("traffic_path", FieldType.INT, "v5: egress path (1-8)")
      .attribute("ecs_cluster_arn", FieldType.STRING, "v7: ECS cluster ARN")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("ecs_cluster_name", FieldType.STRING, "v7: ECS cluster name")
      .attribute("ecs_container_instance_arn", FieldType.STRING, "v7: container instance ARN")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("ecs_container_instance_id", FieldType.STRING, "v7: container instance ID")
      .as(PrivacyKind.PLAIN)
      .attribute("ecs_container_id", FieldType.STRING, "v7: Docker container ID")
      .as(PrivacyKind.PLAIN)
      .attribute("ecs_second_container_id", FieldType.STRING, "v7: second container ID")
      .as(PrivacyKind.PLAIN)
      .attribute("ecs_service_name", FieldType.STRING, "v7: ECS service name")
      .attribute("ecs_task_definition_arn", FieldType.STRING, "v7: task definition ARN")
      .as(PrivacyKind.IDENTIFIER)
      .attribute("ecs_task_arn", FieldType.STRING, "v7: task ARN").as(PrivacyKind.IDENTIFIER)
      .attribute("ecs_task_id", FieldType.STRING, "v7: task ID").as(PrivacyKind.PLAIN)
      .attribute("reject_reason", FieldType.STRING, "v8: why a flow was rejected")
      .as(PrivacyKind.PLAIN)
      .build();

  /** The default format (version 2). */
  static final List<String> DEFAULT = List.of("version", "account_id", "interface_id", "srcaddr",
      "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action",
      "log_status");

  private final FieldTable layout;

  public AwsVpcFlowFormat() {
    this(Map.of());
  }

  /**
   * @param options {@code fields}: the layout of lines parsed without their header
   * @throws IllegalArgumentException for an unknown option or an empty field list
   */
  public AwsVpcFlowFormat(Map<String, String> options) {
    super("aws-vpc-flow", fieldList());
    LogFormats.checkOptions("aws-vpc-flow", options, OPTIONS);
    String fields = options.get("fields");
    List<String> names = fields == null ? DEFAULT : names(fields);
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "format aws-vpc-flow: option 'fields': expected field names, e.g. '"
              + String.join(" ", DEFAULT).replace('_', '-') + "'");
    }
    this.layout = TABLE.select(names);
  }

  /**
   * A header line: every token names a field. Asked of every line of an object, so a line of
   * values is told at its first one, without a copy of it when it starts with a digit (no name
   * does), as the version, account ID and addresses do.
   */
  @Override
  public boolean isHeader(String line) {
    return eachToken(line, (s, from, to) -> !Character.isDigit(s.charAt(from))
        && TABLE.has(name(s, from, to))) > 0;
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    return scan(line, layout);
  }

  @Override
  public ObjectParser forObject() {
    return new ObjectParser() {
      private FieldTable current = layout;
      private long record;

      @Override
      public void line(String line, Sink sink) {
        if (isHeader(line)) {
          // a header names at most the documented fields, so select() cannot fail
          current = TABLE.select(names(line));
          sink.skipped();
          return;
        }
        record++;
        try {
          sink.parsed(parse(line, current), record);
        } catch (MalformedLineException e) {
          sink.quarantined(e.reason(), line, record);
        }
      }
    };
  }

  private LogEvent parse(String line, FieldTable table) throws MalformedLineException {
    try {
      return scan(line, table);
    } catch (RuntimeException e) {
      throw Scan.internal(e);
    }
  }

  private static LogEvent scan(String line, FieldTable table) throws MalformedLineException {
    LogEvent ev = table.newEvent();
    int fields = SpacedFields.scan(line, table, -1, ev);
    if (fields < table.size()) {
      throw Scan.malformed("expected " + table.size() + " space-separated fields, found "
          + fields + " (line ends after " + table.name(fields - 1) + ")");
    }
    String action = ev.attributes.get("action");
    String status = ev.attributes.get("log_status");
    ev.message = message(action, status);
    ev.alertLevel = "REJECT".equals(action) || "SKIPDATA".equals(status) ? Scan.WARN : Scan.INFO;
    return ev;
  }

  /** Action and log status as one message; shared strings for the usual pairs. */
  private static String message(String action, String status) {
    if (action == null || status == null) {
      return action == null ? status : action;
    }
    if (status.equals("OK")) {
      if (action.equals("ACCEPT")) {
        return "ACCEPT OK";
      }
      if (action.equals("REJECT")) {
        return "REJECT OK";
      }
    }
    return action + ' ' + status;
  }

  /** Field names of a header or option: separated by spaces or commas, {@code -} as {@code _}. */
  static List<String> names(String s) {
    List<String> names = new ArrayList<>();
    eachToken(s, (t, from, to) -> names.add(name(t, from, to)));
    return names;
  }

  /** The field name a header or option writes as {@code s[from, to)}. */
  private static String name(String s, int from, int to) {
    return s.substring(from, to).replace('-', '_').replace("${", "").replace("}", "");
  }

  /** Takes the token {@code s[from, to)}; false to stop. */
  @FunctionalInterface
  private interface TokenVisitor {
    boolean accept(String s, int from, int to);
  }

  /**
   * Hands the tokens of a header or option (separated by spaces, tabs or commas) to
   * {@code visitor} in order while it takes them.
   *
   * @return the number of tokens, or -1 when the visitor refused one
   */
  private static int eachToken(String s, TokenVisitor visitor) {
    int end = Scan.trimEnd(s);
    int tokens = 0;
    int i = 0;
    while (i < end) {
      while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == ',' || s.charAt(i) == '\t')) {
        i++;
      }
      int from = i;
      while (i < end && s.charAt(i) != ' ' && s.charAt(i) != ',' && s.charAt(i) != '\t') {
        i++;
      }
      if (i > from) {
        if (!visitor.accept(s, from, i)) {
          return -1;
        }
        tokens++;
      }
    }
    return tokens;
  }

  private static List<Field> fieldList() {
    List<Field> f = new ArrayList<>();
    f.add(Field.column("timestamp", FieldType.TIMESTAMP, "start"));
    f.add(Field.column("client_ip", FieldType.STRING, "srcaddr").as(PrivacyKind.ADDRESS));
    f.add(Field.column("response_bytes", FieldType.LONG, "bytes"));
    f.add(Field.column("message", FieldType.STRING, "action and log_status")
        .as(PrivacyKind.PLAIN));
    f.add(Field.column("alert_level", FieldType.STRING, "WARN for REJECT or SKIPDATA, else INFO")
        .as(PrivacyKind.PLAIN));
    f.addAll(TABLE.attributes());
    return f;
  }
}
