package io.logyard.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

  private ConfigLoader() {}

  /** Loads {@code location} (a path, or {@link #EMBEDDED}) with overrides and the process environment. */
  public static LogyardConfig load(String location, Map<String, String> overrides) {
    return load(location, overrides, System.getenv());
  }

  public static LogyardConfig load(String location, Map<String, String> overrides, Map<String, String> env) {
    String text;
    try {
      text = read(location);
    } catch (IOException e) {
      throw new ConfigException(location, List.of("cannot read: " + describe(e)));
    }
    return parseYaml(location, text, overrides, env);
  }

  public static LogyardConfig parseYaml(String origin, String yaml, Map<String, String> overrides, Map<String, String> env) {
    YamlTree.Parsed doc;
    try {
      doc = YamlTree.parse(yaml);
    } catch (YamlTree.SyntaxError e) {
      throw new ConfigException(origin, List.of(e.getMessage()));
    }
    return parse(origin, doc, overrides, env);
  }

  private static String read(String location) throws IOException {
    if (location.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length());
      try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) throw new NoSuchFileException(resource);
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return Files.readString(Path.of(location));
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof java.nio.charset.CharacterCodingException) return "not UTF-8 text";
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  private static LogyardConfig parse(String origin, YamlTree.Parsed doc, Map<String, String> overrides, Map<String, String> env) {
    ConfigReader r = new ConfigReader(overrides, env, doc.lines());
    doc.problems().forEach(p -> r.problems().add(p));
    JsonNode root = doc.root();
    ConfigReader.Obj top = r.obj(root, "");

    ConfigReader.Obj wh = r.obj(top.raw("warehouse"), "warehouse");
    var warehouse = new LogyardConfig.Warehouse(wh.required("path"));

    ConfigReader.Obj pl = r.obj(top.raw("pipeline"), "pipeline");
    int window = pl.integer("window_minutes");
    if (1440 % window != 0) {
      r.problem("pipeline.window_minutes", "must divide a day evenly (1, 5, 10, 15, 30, 60 ...), found " + window);
    }
    var pipeline = new LogyardConfig.Pipeline(
        pl.integer("settle_seconds"),
        window,
        pl.integer("top_endpoints"),
        pl.integer("max_messages"),
        upper(pl.stringList("emergency_levels")),
        pl.stringList("security_markers"),
        pl.integer("discovery_lookback_days"),
        pl.bool("full_listing"));

    ConfigReader.Obj pr = r.obj(top.raw("privacy"), "privacy");
    Map<String, String> fields = pr.stringMap("fields");
    for (var e : fields.entrySet()) {
      String t = e.getValue().toLowerCase(Locale.ROOT);
      if (!Set.of("keep", "mask", "hash", "drop").contains(t)) {
        r.problem("privacy.fields." + e.getKey(), "must be one of keep, mask, hash, drop, found '" + e.getValue() + "'");
      }
    }
    String hmacKeyEnv = pr.string("hmac_key_env");
    r.referencedVariable(hmacKeyEnv);
    var privacy = new LogyardConfig.Privacy(
        pr.integer("ipv4_keep_octets"),
        pr.integer("ipv6_keep_bits"),
        Map.copyOf(fields),
        hmacKeyEnv,
        pr.string("hmac_key_file"),
        pr.bool("hmac_key_create"));

    ConfigReader.Obj sp = r.obj(top.raw("spark"), "spark");
    SourceReader sourceReader = new SourceReader(r, pipeline);
    sourceReader.refuseLiteralSecrets(sp.raw("conf"), "spark.conf", Set.of());
    var spark = new LogyardConfig.SparkSettings(sp.string("master"), Map.copyOf(sp.stringMap("conf")));

    var bigquery = bigquery(r, r.obj(top.raw("bigquery"), "bigquery"));

    ConfigReader.Obj outs = r.obj(top.raw("outputs"), "outputs");
    ConfigReader.Obj pq = r.obj(outs.raw("parquet"), "outputs.parquet");
    var outputs = new LogyardConfig.Outputs(new LogyardConfig.Parquet(pq.string("path")));

    ConfigReader.Obj ret = r.obj(top.raw("retention"), "retention");
    Map<String, Integer> retention = new LinkedHashMap<>();
    for (String table : ConfigKeys.RETAINABLE) {
      if (ret.raw(table) != null || ret.scalar(table) != null) {
        retention.put(table, ret.integer(table, 0));
      }
    }

    Set<String> names = new HashSet<>();
    List<LogyardConfig.Source> sources = top.list("sources", item -> sourceReader.read(item, names));
    if (sources.isEmpty()) {
      r.problem("sources", "at least one source is needed");
    }
    r.checkOverridesAndEnvironment();

    if (!r.problems().isEmpty()) {
      throw new ConfigException(origin, r.problems());
    }
    return new LogyardConfig(origin, warehouse, pipeline, privacy, spark, bigquery, outputs, Map.copyOf(retention), List.copyOf(sources));
  }

  private static LogyardConfig.BigQuery bigquery(ConfigReader r, ConfigReader.Obj bq) {
    boolean enabled = bq.bool("enabled");
    String method = bq.choice("write_method");
    String project = bq.string("project");
    String dataset = bq.string("dataset");
    String bucket = bq.string("temporary_gcs_bucket");
    String keyFile = bq.string("credentials_file");
    String tokenEnv = bq.string("access_token_env");
    r.referencedVariable(tokenEnv);
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
      String problem = SecretFiles.ownerOnlyProblem(Path.of(keyFile));
      if (problem != null) r.problem(bq.child("credentials_file"), problem);
    }
    Map<String, String> options = bq.stringMap("options");
    for (String k : options.keySet()) {
      if (Set.of("credentialsfile", "credentials", "gcpaccesstoken").contains(k.toLowerCase(Locale.ROOT))) {
        r.problem(bq.child("options") + "." + k, "secrets do not belong in the configuration: use bigquery.credentials_file "
            + "or application default credentials");
      }
    }
    return new LogyardConfig.BigQuery(enabled, project, dataset, bq.string("location"), keyFile, tokenEnv, method, bucket,
        bq.string("parent_project"), bq.bool("include_quarantine"), Map.copyOf(options));
  }

  private static List<String> upper(List<String> in) {
    return in.stream().map(x -> x.toUpperCase(Locale.ROOT)).toList();
  }
}
