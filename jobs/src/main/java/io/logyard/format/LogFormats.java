package io.logyard.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The registry of log formats: the names users type in {@code format:} and {@code --format}. */
public final class LogFormats {
  private static final Map<String, Function<Map<String, String>, LogFormat>> FACTORIES =
      factories();

  private LogFormats() {}

  /**
   * A format by name.
   *
   * @param name one of {@link #names()}
   * @param options format options (e.g. the JSON field mapping); null or empty for none
   * @throws IllegalArgumentException naming the unknown format and the known ones, or naming an
   *     option the format does not take
   */
  public static LogFormat create(String name, Map<String, String> options) {
    if (name != null && UserFormat.types().containsKey(name)) {
      return UserFormat.create(name, options == null ? Map.of() : options);
    }
    Function<Map<String, String>, LogFormat> factory = name == null ? null : FACTORIES.get(name);
    if (factory == null) {
      throw new IllegalArgumentException(
          "unknown log format '" + name + "'; known formats: " + String.join(", ", names())
              + " (or a format you define: " + String.join(", ", userTypes()) + ")");
    }
    return factory.apply(options == null ? Map.of() : options);
  }

  /**
   * The types of the formats users define in the configuration ({@code delimited},
   * {@code regex}): given to {@link #create} with their definition as options.
   */
  public static List<String> userTypes() {
    return List.copyOf(UserFormat.types().keySet());
  }

  /** The known (built-in) format names, in documentation order. */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  private static Map<String, Function<Map<String, String>, LogFormat>> factories() {
    Map<String, Function<Map<String, String>, LogFormat>> f = new LinkedHashMap<>();
    f.put("combined", o -> withoutOptions("combined", o, new CombinedFormat()));
    f.put("common", o -> withoutOptions("common", o, new CommonFormat()));
    f.put("json", JsonFormat::new);
    f.put("s3-access", o -> withoutOptions("s3-access", o, new S3AccessFormat()));
    f.put("gcs-usage", o -> withoutOptions("gcs-usage", o, new GcsUsageFormat()));
    f.put("azure-storage", o -> withoutOptions("azure-storage", o, new AzureStorageFormat()));
    f.put("oci-objectstorage",
        o -> withoutOptions("oci-objectstorage", o, new OciObjectStorageFormat()));
    f.put("apache-error", ApacheErrorFormat::new);
    f.put("aws-alb", o -> withoutOptions("aws-alb", o, new AwsAlbFormat()));
    f.put("aws-elb", o -> withoutOptions("aws-elb", o, new AwsElbFormat()));
    f.put("aws-cloudfront", o -> withoutOptions("aws-cloudfront", o, new AwsCloudFrontFormat()));
    f.put("aws-vpc-flow", AwsVpcFlowFormat::new);
    f.put("aws-cloudtrail", o -> withoutOptions("aws-cloudtrail", o, new AwsCloudTrailFormat()));
    f.put("gcp-logging", o -> withoutOptions("gcp-logging", o, new GcpLoggingFormat()));
    f.put("azure-monitor", o -> withoutOptions("azure-monitor", o, new AzureMonitorFormat()));
    f.put("syslog", SyslogFormat::new);
    f.put("nginx-error", NginxErrorFormat::new);
    f.put("logfmt", JsonFormat::logfmt);
    return f;
  }

  private static LogFormat withoutOptions(String name, Map<String, String> options, LogFormat f) {
    checkOptions(name, options, Set.of());
    return f;
  }

  /** Rejects option keys outside {@code known}, naming all of them at once. */
  static void checkOptions(String name, Map<String, String> options, Set<String> known) {
    List<String> unknown = new ArrayList<>();
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        unknown.add("'" + key + "'");
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "format " + name + ": unknown option" + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown)
              + (known.isEmpty()
                  ? " (it takes no options)"
                  : " (known: " + String.join(", ", known.stream().sorted().toList()) + ")"));
    }
  }
}
