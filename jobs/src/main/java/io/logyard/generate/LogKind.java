package io.logyard.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of log the generator writes. Every node writes {@link #ACCESS} and {@link #APP};
 * the AWS account also has an Application Load Balancer in front of its nodes ({@link #ALB}) and
 * a CloudTrail trail ({@link #CLOUDTRAIL}), laid out as AWS delivers them.
 */
public enum LogKind {
  /** Apache combined access log. */
  ACCESS("access"),
  /** JSON application log, one object per line. */
  APP("app"),
  /** AWS Application Load Balancer access log, one file per load balancer node and window. */
  ALB("alb"),
  /** AWS CloudTrail log file: one {@code {"Records":[...]}} document per window. */
  CLOUDTRAIL("cloudtrail");

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
    return this == ALB || this == CLOUDTRAIL;
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

  /** {@code access, app, alb, cloudtrail}. */
  public static String ids() {
    return Arrays.stream(values()).map(LogKind::id).collect(Collectors.joining(", "));
  }
}
