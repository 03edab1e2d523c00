package io.logyard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads and validates a YAML configuration. All problems are reported at once, each with the
 * key's path: {@code sources[2].uri: missing value}.
 */
public final class ConfigLoader {
  /** The embedded default: conf/local.yaml, packaged on the classpath. */
  public static final String EMBEDDED = "classpath:conf/local.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /** Loads {@code location} (a path, or {@link #EMBEDDED}) with overrides and the process environment. */
  public static LogyardConfig load(String location, Map<String, String> overrides) {
    return load(location, overrides, System.getenv());
  }

  public static LogyardConfig load(String location, Map<String, String> overrides, Map<String, String> env) {
    JsonNode root;
    try {
      root = read(location);
    } catch (IOException e) {
      throw new ConfigException(location, List.of("cannot read: " + describe(e)));
    }
    return parse(location, root, overrides, env);
  }

  public static LogyardConfig parseYaml(String origin, String yaml, Map<String, String> overrides, Map<String, String> env) {
    try {
      return parse(origin, YAML.readTree(yaml), overrides, env);
    } catch (IOException e) {
      throw new ConfigException(origin, List.of("not valid YAML: " + describe(e)));
    }
  }

  private static JsonNode read(String location) throws IOException {
    if (location.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length());
      try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) throw new NoSuchFileException(resource);
        return YAML.readTree(in);
      }
    }
    return YAML.readTree(Files.readString(Path.of(location)));
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file";
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  static LogyardConfig parse(String origin, JsonNode root, Map<String, String> overrides, Map<String, String> env) {
    ConfigReader r = new ConfigReader(overrides, env);
    ConfigReader.Obj top = r.obj(root, "", Set.of("warehouse", "pipeline", "privacy", "spark", "bigquery", "outputs", "retention", "sources"));

    ConfigReader.Obj wh = r.obj(top.raw("warehouse"), "warehouse", Set.of("path"));
    var warehouse = new LogyardConfig.Warehouse(wh.required("path"));

    ConfigReader.Obj pl = r.obj(top.raw("pipeline"), "pipeline",
        Set.of("settle_seconds", "window_minutes", "top_endpoints", "max_messages", "emergency_levels", "security_markers",
            "discovery_lookback_days", "full_listing"));
    int window = pl.integer("window_minutes", 5, 1, 1440);
    if (1440 % window != 0) {
      r.problem("pipeline.window_minutes", "must divide a day evenly (1, 5, 10, 15, 30, 60 ...), found " + window);
    }
    var pipeline = new LogyardConfig.Pipeline(
        pl.integer("settle_seconds", 120, 0, 86_400),
        window,
        pl.integer("top_endpoints", 10, 1, 1000),
        pl.integer("max_messages", 20, 0, 1000),
        upper(pl.stringList("emergency_levels", List.of("CRITICAL", "ALERT", "EMERGENCY"))),
        pl.stringList("security_markers", List.of("[SECURITY]")),
        pl.integer("discovery_lookback_days", 2, 1, 3660),
        pl.bool("full_listing", false));

    ConfigReader.Obj pr = r.obj(top.raw("privacy"), "privacy",
        Set.of("ipv4_keep_octets", "ipv6_keep_bits", "fields", "hmac_key_env", "hmac_key_file", "hmac_key_create"));
    Map<String, String> fields = pr.stringMap("fields");
    for (var e : fields.entrySet()) {
      String t = e.getValue().toLowerCase(Locale.ROOT);
      if (!Set.of("keep", "mask", "hash", "drop").contains(t)) {
        r.problem("privacy.fields." + e.getKey(), "must be one of keep, mask, hash, drop, found '" + e.getValue() + "'");
      }
    }
    var privacy = new LogyardConfig.Privacy(
        pr.integer("ipv4_keep_octets", 3, 0, 4),
        pr.integer("ipv6_keep_bits", 64, 0, 128),
        Map.copyOf(fields),
        pr.string("hmac_key_env", "LOGYARD_HMAC_KEY"),
        pr.string("hmac_key_file", null),
        pr.bool("hmac_key_create", false));

    ConfigReader.Obj sp = r.obj(top.raw("spark"), "spark", Set.of("master", "conf"));
    SourceReader sourceReader = new SourceReader(r, env, pipeline);
    sourceReader.refuseLiteralSecrets(sp.raw("conf"), "spark.conf", Set.of());
    var spark = new LogyardConfig.SparkSettings(sp.string("master", "local[2]"), Map.copyOf(sp.stringMap("conf")));

    var bigquery = bigquery(r, r.obj(top.raw("bigquery"), "bigquery", Set.of("enabled", "project", "dataset", "location",
        "credentials_file", "access_token_env", "write_method", "temporary_gcs_bucket", "parent_project", "include_quarantine", "options")));

    ConfigReader.Obj outs = r.obj(top.raw("outputs"), "outputs", Set.of("parquet"));
    ConfigReader.Obj pq = r.obj(outs.raw("parquet"), "outputs.parquet", Set.of("path"));
    var outputs = new LogyardConfig.Outputs(new LogyardConfig.Parquet(pq.string("path", null)));

    ConfigReader.Obj ret = r.obj(top.raw("retention"), "retention", RETAINABLE);
    Map<String, Integer> retention = new LinkedHashMap<>();
    for (String table : RETAINABLE) {
      if (ret.raw(table) != null || ret.scalar(table) != null) {
        retention.put(table, ret.integer(table, 0, 1, 36_600));
      }
    }

    Set<String> names = new HashSet<>();
    List<LogyardConfig.Source> sources = top.list("sources", item -> sourceReader.read(item, names));
    if (sources.isEmpty()) {
      r.problem("sources", "at least one source is needed");
    }

    if (!r.problems().isEmpty()) {
      throw new ConfigException(origin, r.problems());
    }
    return new LogyardConfig(origin, warehouse, pipeline, privacy, spark, bigquery, outputs, Map.copyOf(retention), List.copyOf(sources));
  }

  /** Tables whose rows {@code logyard maintain} may delete by age (the ledger is not one: it must remember every object). */
  static final Set<String> RETAINABLE = new java.util.TreeSet<>(Set.of("log_results", "log_aggregates", "emergency_logs", "quarantine"));

  private static LogyardConfig.BigQuery bigquery(ConfigReader r, ConfigReader.Obj bq) {
    boolean enabled = bq.bool("enabled", false);
    String method = bq.choice("write_method", LogyardConfig.BigQuery.INDIRECT,
        new java.util.TreeMap<>(Map.of("indirect", LogyardConfig.BigQuery.INDIRECT, "direct", LogyardConfig.BigQuery.DIRECT)));
    String project = bq.string("project", null);
    String dataset = bq.string("dataset", null);
    String bucket = bq.string("temporary_gcs_bucket", null);
    String keyFile = bq.string("credentials_file", null);
    if (enabled) {
      if (project == null || project.isBlank()) r.problem(bq.child("project"), "missing value (needed when bigquery.enabled is true)");
      if (dataset == null || dataset.isBlank()) {
        r.problem(bq.child("dataset"), "missing value (needed when bigquery.enabled is true)");
      } else if (!dataset.matches("[A-Za-z0-9_]{1,1024}")) {
        r.problem(bq.child("dataset"), "use letters, digits and '_' only, found '" + dataset + "'");
      }
      if (method.equals(LogyardConfig.BigQuery.INDIRECT) && (bucket == null || bucket.isBlank())) {
        r.problem(bq.child("temporary_gcs_bucket"), "missing value (the indirect write method stages files in a GCS bucket; "
            + "give a bucket, or set write_method: direct)");
      }
    }
    if (bucket != null && bucket.startsWith("gs://")) {
      r.problem(bq.child("temporary_gcs_bucket"), "give the bucket name without gs://, found '" + bucket + "'");
    }
    if (keyFile != null && !keyFile.isBlank()) {
      Path key = Path.of(keyFile);
      if (!Files.isReadable(key)) {
        r.problem(bq.child("credentials_file"), "cannot read " + keyFile);
      } else if (othersCanRead(key)) {
        r.problem(bq.child("credentials_file"), keyFile + " is readable by other users: chmod 600 it");
      }
    }
    Map<String, String> options = bq.stringMap("options");
    for (String k : options.keySet()) {
      if (Set.of("credentialsfile", "credentials", "gcpaccesstoken").contains(k.toLowerCase(Locale.ROOT))) {
        r.problem(bq.child("options") + "." + k, "secrets do not belong in the configuration: use bigquery.credentials_file "
            + "or application default credentials");
      }
    }
    return new LogyardConfig.BigQuery(enabled, project, dataset, bq.string("location", "US"), keyFile, bq.string("access_token_env", null), method, bucket,
        bq.string("parent_project", null), bq.bool("include_quarantine", false), Map.copyOf(options));
  }

  private static boolean othersCanRead(Path file) {
    try {
      var perms = Files.getPosixFilePermissions(file);
      return perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
          || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }

  private static List<String> upper(List<String> in) {
    return in.stream().map(x -> x.toUpperCase(Locale.ROOT)).toList();
  }
}
