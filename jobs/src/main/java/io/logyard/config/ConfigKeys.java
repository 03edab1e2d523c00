package io.logyard.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key, declared once: path, type, default, validation and a one-line doc.
 * The table drives the parser (a key's default and range), the unknown-key check (a section
 * allows exactly the keys declared below it), {@code --set}/{@code LOGYARD_*} precedence (which
 * paths a value may be given for) and the configuration reference in conf/README.md ({@link #markdown()}).
 * List items are written {@code sources[]}. Checks that involve several keys (a window that must
 * divide a day, what a provider allows) stay with the code that reads them.
 */
public final class ConfigKeys {
  /** What a key holds. */
  public enum Type {
    SECTION("mapping"),
    SECTIONS("list of mappings"),
    TEXT("text"),
    INT("whole number"),
    BOOL("true/false"),
    LIST("list of text"),
    MAP("mapping of text"),
    CHOICE("one of");

    final String shown;

    Type(String shown) {
      this.shown = shown;
    }
  }

  /**
   * One key.
   *
   * @param dflt the default as text (null: none); {@link #required} keys have none
   * @param shownDefault how the reference shows the default, when not {@code dflt} itself
   * @param providers the providers whose sources may have the key (empty: any)
   */
  public record Key(String path, Type type, String dflt, boolean required, int min, int max, List<String> choices,
      String shownDefault, List<String> providers, String doc) {
    /** The last segment of the path: the key's name inside its section. */
    public String name() {
      int dot = path.lastIndexOf('.');
      return dot < 0 ? path : path.substring(dot + 1);
    }

    String parent() {
      int dot = path.lastIndexOf('.');
      return dot < 0 ? "" : path.substring(0, dot);
    }

    String validation() {
      return switch (type) {
        case INT -> "whole number, " + min + "–" + max;
        case CHOICE -> "one of " + String.join(", ", choices);
        default -> type.shown;
      };
    }

    String defaultText() {
      if (shownDefault != null) return shownDefault;
      if (required) return "(required)";
      return dflt == null ? "—" : dflt;
    }
  }

  /** Tables whose rows {@code logyard maintain} may delete by age (the ledger must remember every object). */
  static final List<String> RETAINABLE = List.of("emergency_logs", "log_aggregates", "log_results", "quarantine");

  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  static {
    section("warehouse", "where the tables live");
    required("warehouse.path", "where the Delta tables live: a local path or a Hadoop URI (`s3a://`, `gs://`, `abfs://`)");

    section("pipeline", "how runs discover, window and route");
    integer("pipeline.settle_seconds", 120, 0, 86_400, "objects modified more recently wait for a later run (files still being written)");
    integer("pipeline.window_minutes", 5, 1, 1440, "width of the log_aggregates windows; must divide a day");
    integer("pipeline.top_endpoints", 10, 1, 1000, "endpoints kept per window in endpoint_counts");
    integer("pipeline.max_messages", 20, 0, 1000, "distinct ERROR-or-worse messages kept per window");
    add("pipeline.emergency_levels", Type.LIST, "CRITICAL, ALERT, EMERGENCY", "alert levels routed to emergency_logs (a list, or comma-separated text)");
    add("pipeline.security_markers", Type.LIST, "[SECURITY]", "message substrings routed to emergency_logs");
    integer("pipeline.discovery_lookback_days", 2, 1, 3660, "days of date prefixes, ending today (UTC), that discovery lists");
    add("pipeline.full_listing", Type.BOOL, "false", "list everything below each source's URI instead (the embedded default does: local folders)");

    section("privacy", "what leaves the job (see Privacy)");
    integer("privacy.ipv4_keep_octets", 3, 0, 4, "leading IPv4 octets kept");
    integer("privacy.ipv6_keep_bits", 64, 0, 128, "leading IPv6 bits kept");
    shown(Type.MAP, "privacy.fields", "see Privacy", "per-field treatment (keep, mask, hash, drop): `client_ip: mask`, `attributes.requester: hash`, ...");
    add("privacy.hmac_key_env", Type.TEXT, "LOGYARD_HMAC_KEY", "environment variable holding the pseudonymization key");
    add("privacy.hmac_key_file", Type.TEXT, null, "file holding the key, if the variable is not set (refused unless only its owner can read it)");
    add("privacy.hmac_key_create", Type.BOOL, "false", "create `hmac_key_file` with a random key when missing (the demo does)");

    section("spark", "the Spark session logyard builds when not started by spark-submit");
    add("spark.master", Type.TEXT, "local[2]", "Spark master when not started by spark-submit");
    add("spark.conf", Type.MAP, null, "extra Spark settings (spark-submit's win); never a secret");

    section("bigquery", "the BigQuery export (see Outputs → BigQuery)");
    add("bigquery.enabled", Type.BOOL, "false", "export the tables to BigQuery");
    add("bigquery.project", Type.TEXT, null, "project holding the dataset (needed when enabled)");
    add("bigquery.dataset", Type.TEXT, null, "dataset of the exported tables: letters, digits, `_` (needed when enabled)");
    add("bigquery.location", Type.TEXT, "US", "dataset location (`EU`, `US`, `europe-west1`, ...)");
    add("bigquery.credentials_file", Type.TEXT, null, "service-account key file (refused unless only its owner can read it); absent: application default credentials");
    add("bigquery.access_token_env", Type.TEXT, null, "environment variable holding an OAuth2 access token (wins over the key file)");
    choice("bigquery.write_method", "indirect", List.of("direct", "indirect"), "`indirect` (GCS staging + load job) or `direct` (Storage Write API)");
    add("bigquery.temporary_gcs_bucket", Type.TEXT, null, "bucket name (no `gs://`) for the indirect method's staging files");
    add("bigquery.parent_project", Type.TEXT, null, "project billed for jobs, when it differs from `project`");
    add("bigquery.include_quarantine", Type.BOOL, "false", "export the quarantine table too");
    add("bigquery.options", Type.MAP, null, "further spark-bigquery-connector options (e.g. `proxyAddress`); never credentials");

    section("outputs", "outputs besides the Delta tables");
    section("outputs.parquet", "Parquet copies with Hive-style partitions");
    add("outputs.parquet.path", Type.TEXT, null, "where the Parquet copies go (off when absent)");

    section("retention", "days of rows `logyard maintain` keeps; absent: keep everything");
    for (String table : RETAINABLE) {
      put(new Key("retention." + table, Type.INT, null, false, 1, 36_600, List.of(), "keep everything", List.of(), "days of " + table + " rows kept"));
    }

    put(new Key("sources", Type.SECTIONS, null, true, 0, 0, List.of(), "(at least one)", List.of(), "where logs arrive, each with the keys below"));
    required("sources[].name", "unique: lowercase letters, digits, `-`, `_`; used in the ledger and `ingest --source`");
    put(new Key("sources[].provider", Type.CHOICE, null, true, 0, 0, List.of("aws", "gcp", "azure", "oci", "local"), null, List.of(),
        "the storage's provider"));
    required("sources[].uri", "root of the objects: a local path or a Hadoop URI (`s3a://`, `gs://`, `abfs://`, `wasb://`, `file://`)");
    required("sources[].format", "a log format's name (see Log formats)");
    add("sources[].format_options", Type.MAP, null, "options of the format, e.g. a JSON field mapping");
    add("sources[].path_template", Type.TEXT, null, "object key below `uri`, e.g. `{region}/access/{yyyy}/{mm}/{dd}/{node}-{*}`: `{node}` and `{region}` "
        + "fill log_results columns, `{yyyy}/{mm}/{dd}/{hh}` are date parts, `{*}` matches the rest of a segment; objects that do not fit are ignored; an object two sources list stops the run (its rows would be written twice)");
    add("sources[].project_id", Type.TEXT, null, "project or account id written to every row");
    add("sources[].region", Type.TEXT, null, "region written to every row (a template's `{region}` wins)");
    only(List.of("aws", "oci", "azure", "gcp"), "sources[].endpoint", Type.TEXT, null,
        "the service endpoint (`https://host[:port]`): S3-compatible or private endpoints, emulators");
    only(List.of("aws"), "sources[].path_style", Type.BOOL, "false", "S3 path-style access");
    only(List.of("oci"), "sources[].namespace", Type.TEXT, null, "the tenancy's Object Storage namespace");
    shown(Type.SECTION, "sources[].credentials", "the connector's default chain",
        "`type` and secret references (`*_env`, `*_file`), per provider (see Credentials); never a literal secret");
    shownInt("sources[].discovery_lookback_days", "pipeline.discovery_lookback_days", 1, 3660, "this source's discovery lookback");
    shown(Type.BOOL, "sources[].full_listing", "pipeline.full_listing", "list everything below this source's `uri`");
    add("sources[].hadoop", Type.MAP, null, "Hadoop settings for this source's filesystem, over what logyard derives");
  }

  private ConfigKeys() {}

  private static void put(Key k) {
    if (KEYS.put(k.path(), k) != null) throw new IllegalStateException("key declared twice: " + k.path());
  }

  private static void section(String path, String doc) {
    put(new Key(path, Type.SECTION, null, false, 0, 0, List.of(), null, List.of(), doc));
  }

  private static void required(String path, String doc) {
    put(new Key(path, Type.TEXT, null, true, 0, 0, List.of(), null, List.of(), doc));
  }

  private static void integer(String path, int dflt, int min, int max, String doc) {
    put(new Key(path, Type.INT, String.valueOf(dflt), false, min, max, List.of(), null, List.of(), doc));
  }

  private static void shownInt(String path, String shown, int min, int max, String doc) {
    put(new Key(path, Type.INT, null, false, min, max, List.of(), "`" + shown + "`", List.of(), doc));
  }

  private static void choice(String path, String dflt, List<String> choices, String doc) {
    put(new Key(path, Type.CHOICE, dflt, false, 0, 0, choices, null, List.of(), doc));
  }

  private static void add(String path, Type type, String dflt, String doc) {
    put(new Key(path, type, dflt, false, 0, 0, List.of(), null, List.of(), doc));
  }

  private static void only(List<String> providers, String path, Type type, String dflt, String doc) {
    put(new Key(path, type, dflt, false, 0, 0, List.of(), null, providers, doc));
  }

  private static void shown(Type type, String path, String shown, String doc) {
    put(new Key(path, type, null, false, 0, 0, List.of(), shown.contains(".") ? "`" + shown + "`" : shown, List.of(), doc));
  }

  /** Every key, in the reference's order. */
  public static List<Key> all() {
    return List.copyOf(KEYS.values());
  }

  /** The key at {@code path} ({@code sources[3].uri} is {@code sources[].uri}); fails for an undeclared key. */
  static Key key(String path) {
    Key k = KEYS.get(pattern(path));
    if (k == null) throw new IllegalStateException("configuration key not declared in ConfigKeys: " + path);
    return k;
  }

  /** The names of the keys a section allows. */
  static Set<String> children(String sectionPath) {
    String p = pattern(sectionPath);
    Set<String> out = new LinkedHashSet<>();
    for (Key k : KEYS.values()) {
      if (k.parent().equals(p) && !k.path().equals(p)) out.add(k.name());
    }
    return out;
  }

  /** {@code sources[3].uri} → {@code sources[].uri}. */
  static String pattern(String path) {
    return path.replaceAll("\\[\\d+]", "[]");
  }

  /** The configuration reference of conf/README.md: every key, then the {@code LOGYARD_*} variables that are not keys. */
  public static String markdown() {
    StringBuilder b = new StringBuilder("| key | type | default | meaning |\n|---|---|---|---|\n");
    for (Key k : KEYS.values()) {
      b.append("| `").append(k.path()).append("` | ").append(k.validation()).append(" | ").append(k.defaultText())
          .append(" | ").append(k.providers().isEmpty() ? "" : "only for " + String.join(", ", k.providers()) + ": ")
          .append(k.doc().replace("|", "\\|")).append(" |\n");
    }
    b.append("\n| variable (not a key) | read by |\n|---|---|\n");
    ConfigEnvironment.NON_CONFIG_VARIABLES.forEach((name, use) -> b.append("| `").append(name).append("` | ").append(use).append(" |\n"));
    b.append("| `").append(ConfigEnvironment.TEST_PREFIX).append("*` | tests |\n\n");
    return b.toString();
  }
}
