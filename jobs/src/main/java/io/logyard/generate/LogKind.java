package io.logyard.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of log the generator writes. Every node writes {@link #ACCESS} and {@link #APP};
 * the AWS account also has an Application Load Balancer in front of its nodes ({@link #ALB}) and
 * a CloudTrail trail ({@link #CLOUDTRAIL}), laid out as AWS delivers them; GCP exports its
 * Cloud Logging logs to its bucket ({@link #GCP_LOGGING}) and Azure archives its Azure Monitor
 * resource logs to its storage account ({@link #AZURE_MONITOR}).
 */
public enum LogKind {
  /** Apache combined access log. */
  ACCESS("access"),
  /** JSON application log, one object per line. */
  APP("app"),
  /** AWS Application Load Balancer access log, one file per load balancer node and window. */
  ALB("alb"),
  /** AWS CloudTrail log file: one {@code {"Records":[...]}} document per window. */
  CLOUDTRAIL("cloudtrail"),
  /** GCP Cloud Logging sink export: LogEntry JSON lines, one object per log and hour. */
  GCP_LOGGING("gcp-logging"),
  /** Azure Monitor resource logs archived by diagnostic settings: PT1H.json per category and hour. */
  AZURE_MONITOR("azure-monitor");

  /** What {@code logyard generate} writes unless told otherwise. */
  public static final List<LogKind> DEFAULTS = List.of(ACCESS, APP);

  private final String id;

  LogKind(String id) {
    this.id = id;
  }

  /** The name on the command line; for access and app also the path segment. */
  public String id() {
    return id;
  }

  /** True for the kinds only the AWS provider has. */
  public boolean awsOnly() {
    return providerOnly() == Provider.AWS;
  }

  /** The one provider that has this kind, or null when every provider's nodes write it. */
  public Provider providerOnly() {
    return switch (this) {
      case ACCESS, APP -> null;
      case ALB, CLOUDTRAIL -> Provider.AWS;
      case GCP_LOGGING -> Provider.GCP;
      case AZURE_MONITOR -> Provider.AZURE;
    };
  }

  /**
   * The kind named {@code name}, ignoring case.
   *
   * @throws IllegalArgumentException naming the valid kinds when there is none
   */
  public static LogKind fromId(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (LogKind k : values()) {
      if (k.id.equals(wanted)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown kind of log '" + name + "' (expected one of " + ids() + ")");
  }

  /** {@code access, app, alb, cloudtrail, gcp-logging, azure-monitor}. */
  public static String ids() {
    return Arrays.stream(values()).map(LogKind::id).collect(Collectors.joining(", "));
  }
}
