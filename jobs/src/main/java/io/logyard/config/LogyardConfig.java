package io.logyard.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration of a logyard deployment, validated and immutable. Built by
 * {@link ConfigLoader}; see the configuration reference in conf/README.md for every key.
 */
public record LogyardConfig(
    String origin,
    Warehouse warehouse,
    Pipeline pipeline,
    Privacy privacy,
    SparkSettings spark,
    BigQuery bigquery,
    Outputs outputs,
    Map<String, Integer> retention,
    List<Source> sources) {

  /** Where the Delta tables live: {@code <path>/<table>}. A local path or a Hadoop URI. */
  public record Warehouse(String path) {
    public String table(String name) {
      return path.endsWith("/") ? path + name : path + "/" + name;
    }
  }

  /**
   * @param settleSeconds objects modified more recently than this wait for a later run
   * @param windowMinutes width of the log_aggregates windows
   * @param topEndpoints how many endpoints log_aggregates keeps per window
   * @param maxMessages how many distinct error messages log_aggregates keeps per window
   * @param emergencyLevels alert levels routed to emergency_logs
   * @param securityMarkers message substrings routed to emergency_logs
   * @param discoveryLookbackDays default of every source's {@code discovery_lookback_days}
   * @param fullListing default of every source's {@code full_listing}
   */
  public record Pipeline(
      int settleSeconds,
      int windowMinutes,
      int topEndpoints,
      int maxMessages,
      List<String> emergencyLevels,
      List<String> securityMarkers,
      int discoveryLookbackDays,
      boolean fullListing) {}

  /**
   * @param fields treatment per field name (keep, mask, hash, drop), over the defaults
   * @param hmacKeyEnv environment variable holding the pseudonymization key
   * @param hmacKeyFile file holding the key (refused if others can read it)
   * @param hmacKeyCreate create {@code hmacKeyFile} with a random key if it does not exist
   */
  public record Privacy(
      int ipv4KeepOctets,
      int ipv6KeepBits,
      Map<String, String> fields,
      String hmacKeyEnv,
      String hmacKeyFile,
      boolean hmacKeyCreate) {}

  /** Spark settings for the session logyard builds (ignored where spark-submit already set them). */
  public record SparkSettings(String master, Map<String, String> conf) {}

  /**
   * The BigQuery export (spark-bigquery-connector).
   *
   * @param project project that holds the dataset (and is billed, unless {@code parentProject} is set)
   * @param dataset dataset of the exported tables
   * @param location dataset location (e.g. {@code EU}, {@code US}, {@code europe-west1})
   * @param credentialsFile service-account key file; null means application default credentials
   * @param accessTokenEnv environment variable holding an OAuth2 access token (wins over the key file)
   * @param writeMethod {@code indirect} (GCS staging + load job) or {@code direct} (Storage Write API)
   * @param temporaryGcsBucket bucket for the indirect method's staging files
   * @param parentProject project billed for jobs, when it differs from {@code project}
   * @param includeQuarantine export the quarantine table too
   * @param options further spark-bigquery-connector options, passed as they are (e.g. {@code proxyAddress})
   */
  public record BigQuery(
      boolean enabled,
      String project,
      String dataset,
      String location,
      String credentialsFile,
      String accessTokenEnv,
      String writeMethod,
      String temporaryGcsBucket,
      String parentProject,
      boolean includeQuarantine,
      Map<String, String> options) {
    public static final String INDIRECT = "indirect";
    public static final String DIRECT = "direct";

    /** The tables exported, in order. */
    public java.util.List<String> tables() {
      return includeQuarantine
          ? java.util.List.of("log_results", "log_aggregates", "emergency_logs", "quarantine")
          : java.util.List.of("log_results", "log_aggregates", "emergency_logs");
    }

    public static BigQuery disabled() {
      return new BigQuery(false, null, null, "US", null, null, INDIRECT, null, null, false, Map.of());
    }
  }

  /** Outputs besides the Delta tables. */
  public record Outputs(Parquet parquet) {}

  /**
   * Plain Parquet copies of the tables with Hive-style partitions ({@code provider=/date=}).
   *
   * @param path root of the copies: {@code <path>/<table>/provider=P/date=D/}; null means off
   */
  public record Parquet(String path) {
    public boolean enabled() {
      return path != null;
    }
  }

  /**
   * One place logs arrive.
   *
   * @param name unique name, used in the ledger and in {@code --source}
   * @param provider aws, gcp, azure, oci or local
   * @param uri root of the objects: a local path or a Hadoop URI
   * @param format the log format's name
   * @param pathTemplate the object key below {@code uri}, with {@code {name}} parts (e.g.
   *     {@code {yyyy}/{mm}/{dd}/{node}-{*}}); null means every object below {@code uri}
   * @param projectId project or account id written to every row
   * @param region region written to every row (a template's {region} wins)
   * @param formatOptions options of the format (e.g. a JSON field mapping)
   * @param hadoop Hadoop settings for this source's filesystem, over those logyard derives from
   *     {@code connection} and {@code credentials}
   * @param connection where the provider's store is: endpoint, path-style access (S3), namespace (OCI)
   * @param credentials how to authenticate; {@link Credentials#DEFAULT} is the connector's own chain
   * @param lookbackDays how many days, ending today (UTC), of date prefixes discovery lists
   * @param fullListing list everything below {@code uri} instead of the date prefixes
   */
  public record Source(
      String name,
      String provider,
      String uri,
      String format,
      String pathTemplate,
      String projectId,
      String region,
      Map<String, String> formatOptions,
      Map<String, String> hadoop,
      Connection connection,
      Credentials credentials,
      int lookbackDays,
      boolean fullListing) {

    /** A source with the connector's default connection and credentials (tests, local folders). */
    public Source(String name, String provider, String uri, String format, String pathTemplate,
        String projectId, String region, Map<String, String> formatOptions, Map<String, String> hadoop) {
      this(name, provider, uri, format, pathTemplate, projectId, region, formatOptions, hadoop,
          Connection.NONE, Credentials.DEFAULT, 2, false);
    }
  }

  /**
   * Where a source's store is, beyond its URI.
   *
   * @param endpoint the service endpoint URL, or null for the provider's public one (S3-compatible
   *     stores, OCI's derived endpoint, emulators, private endpoints)
   * @param pathStyle S3 path-style access ({@code https://endpoint/bucket/key})
   * @param namespace OCI's Object Storage namespace
   */
  public record Connection(String endpoint, boolean pathStyle, String namespace) {
    public static final Connection NONE = new Connection(null, false, null);
  }

  /**
   * How a source authenticates.
   *
   * @param type per provider: aws and oci {@code default}, {@code keys}, {@code assume_role},
   *     {@code anonymous}; gcp {@code default}, {@code service_account}, {@code anonymous}; azure
   *     {@code managed_identity} (the default), {@code shared_key}, {@code sas},
   *     {@code client_secret}, {@code workload_identity}
   * @param secrets the secret values, by name ({@code secret_key}, {@code account_key}, ...)
   * @param settings the other values, by name ({@code role_arn}, {@code tenant_id}, ...)
   */
  public record Credentials(String type, Map<String, Secret> secrets, Map<String, String> settings) {
    public static final Credentials DEFAULT = new Credentials("default", Map.of(), Map.of());

    public Secret secret(String name) {
      return secrets.get(name);
    }

    public String setting(String name) {
      return settings.get(name);
    }
  }

  public Optional<Source> source(String name) {
    return sources.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
