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
    ConfigReader.Obj top = r.obj(root, "", Set.of("warehouse", "pipeline", "privacy", "spark", "bigquery", "sources"));

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

    ConfigReader.Obj bq = r.obj(top.raw("bigquery"), "bigquery", Set.of("enabled"));
    boolean bqEnabled = bq.bool("enabled", false);
    if (bqEnabled) {
      r.problem("bigquery.enabled", "BigQuery export is not part of this version yet; set it to false");
    }

    Set<String> names = new HashSet<>();
    List<LogyardConfig.Source> sources = top.list("sources", item -> sourceReader.read(item, names));
    if (sources.isEmpty()) {
      r.problem("sources", "at least one source is needed");
    }

    if (!r.problems().isEmpty()) {
      throw new ConfigException(origin, r.problems());
    }
    return new LogyardConfig(origin, warehouse, pipeline, privacy, spark, new LogyardConfig.BigQuery(bqEnabled), List.copyOf(sources));
  }

  private static List<String> upper(List<String> in) {
    return in.stream().map(x -> x.toUpperCase(Locale.ROOT)).toList();
  }
}
