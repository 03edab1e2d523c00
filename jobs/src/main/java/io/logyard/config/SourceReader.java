package io.logyard.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.logyard.format.FormatOptionsException;
import io.logyard.format.LogFormats;
import io.logyard.source.PathTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates one entry of {@code sources}: the common keys, the provider's own keys
 * (endpoint, path-style access, OCI namespace), and the credentials reference. Secrets are
 * referenced, never written: {@code secret_key_env: VAR} names an environment variable,
 * {@code secret_key_file: PATH} a file only its owner may read; a literal secret anywhere in a
 * source (or in {@code spark.conf}) is refused with its key path.
 */
final class SourceReader {
  private static final List<String> PROVIDERS = ConfigKeys.key("sources[].provider").choices();
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  /** URI schemes per provider; a bare path (no scheme) is a local folder for any provider. */
  private static final Map<String, Set<String>> SCHEMES = Map.of(
      "aws", Set.of("s3a"),
      "oci", Set.of("s3a"),
      "gcp", Set.of("gs"),
      "azure", Set.of("abfs", "abfss", "wasb", "wasbs"),
      "local", Set.of("file"));

  /** Credential types per provider, each with its secret names (required, optional) and settings. */
  private record CredType(Set<String> requiredSecrets, Set<String> optionalSecrets, Set<String> requiredSettings,
      Set<String> optionalSettings) {
    Set<String> keys() {
      Set<String> k = new LinkedHashSet<>(List.of("type"));
      for (String s : requiredSecrets) k.addAll(List.of(s + "_env", s + "_file"));
      for (String s : optionalSecrets) k.addAll(List.of(s + "_env", s + "_file"));
      k.addAll(requiredSettings);
      k.addAll(optionalSettings);
      return k;
    }
  }

  private static final CredType NONE = new CredType(Set.of(), Set.of(), Set.of(), Set.of());
  private static final Map<String, CredType> S3_TYPES = Map.of(
      "default", NONE,
      "keys", new CredType(Set.of("access_key", "secret_key"), Set.of("session_token"), Set.of(), Set.of()),
      "assume_role", new CredType(Set.of(), Set.of(), Set.of("role_arn"), Set.of("external_id", "session_name")),
      "anonymous", NONE);
  private static final Map<String, Map<String, CredType>> CREDENTIAL_TYPES = Map.of(
      "aws", S3_TYPES,
      "oci", Map.of("default", NONE, "keys", S3_TYPES.get("keys")),
      "gcp", Map.of(
          "default", NONE,
          "service_account", new CredType(Set.of("key"), Set.of(), Set.of(), Set.of()),
          "anonymous", NONE),
      "azure", Map.of(
          "default", new CredType(Set.of(), Set.of(), Set.of(), Set.of("client_id", "tenant_id")),
          "managed_identity", new CredType(Set.of(), Set.of(), Set.of(), Set.of("client_id", "tenant_id")),
          "shared_key", new CredType(Set.of("account_key"), Set.of(), Set.of(), Set.of()),
          "sas", new CredType(Set.of("sas_token"), Set.of(), Set.of(), Set.of()),
          "client_secret", new CredType(Set.of("client_secret"), Set.of(), Set.of("tenant_id", "client_id"), Set.of()),
          "workload_identity", new CredType(Set.of(), Set.of(), Set.of("tenant_id", "client_id"), Set.of("token_file"))),
      "local", Map.of("default", NONE));

  private final ConfigReader r;
  private final LogyardConfig.Pipeline pipeline;

  SourceReader(ConfigReader r, LogyardConfig.Pipeline pipeline) {
    this.r = r;
    this.pipeline = pipeline;
  }

  LogyardConfig.Source read(ConfigReader.Item item, Set<String> names) {
    ConfigReader.Obj s = r.obj(item.node(), item.path());
    if (item.node() == null || !item.node().isObject()) {
      return null;
    }
    refuseLiteralSecrets(item.node(), item.path(), Set.of("format_options"));
    String name = s.required("name");
    if (name != null && !NAME.matcher(name).matches()) {
      r.problem(s.child("name"), "use lowercase letters, digits, '-' and '_', found '" + name + "'");
    } else if (name != null && !names.add(name)) {
      r.problem(s.child("name"), "duplicate source name '" + name + "'");
    }
    String provider = s.required("provider");
    if (provider != null && !PROVIDERS.contains(provider)) {
      r.problem(s.child("provider"), "must be one of " + String.join(", ", PROVIDERS) + ", found '" + provider + "'");
      provider = null;
    }
    String uri = s.required("uri");
    String scheme = uri == null ? null : scheme(s, provider, uri);
    Map<String, String> options = new LinkedHashMap<>();
    String format = format(s, options);
    String template = s.string("path_template");
    if (template != null) {
      try {
        PathTemplate.compile(template);
      } catch (IllegalArgumentException e) {
        r.problem(s.child("path_template"), e.getMessage());
      }
    }
    for (ConfigKeys.Key k : ConfigKeys.all()) {
      if (k.providers().isEmpty() || !k.path().startsWith("sources[].")) continue;
      if (s.raw(k.name()) != null && provider != null && !k.providers().contains(provider)) {
        r.problem(s.child(k.name()), "only for provider " + String.join(" or ", k.providers().stream().sorted().toList())
            + ", not " + provider);
      }
    }
    String region = s.string("region");
    LogyardConfig.Connection connection = connection(s, provider, region, scheme);
    LogyardConfig.Credentials credentials = credentials(s, provider, scheme);
    return new LogyardConfig.Source(name, provider, uri, format, template,
        s.string("project_id"), region,
        Map.copyOf(new LinkedHashMap<>(options)), Map.copyOf(s.stringMap("hadoop")),
        connection, credentials,
        s.integer("discovery_lookback_days", pipeline.discoveryLookbackDays()),
        s.bool("full_listing", pipeline.fullListing()));
  }

  /**
   * The source's format: a name ({@code format: combined}, options in {@code format_options}), or
   * a format defined in place ({@code format: {type: delimited|regex, ..., fields: [...]}}), which
   * becomes the name {@code delimited}/{@code regex} and its definition as options (fields as
   * {@code name:type:column:kind} entries). Every problem is recorded under its key path.
   *
   * @param options filled with the format's options
   * @return the format's name, or null when it is missing or wrong
   */
  private String format(ConfigReader.Obj s, Map<String, String> options) {
    JsonNode node = s.raw("format");
    String base;
    String format;
    if (node != null && node.isObject()) {
      base = s.child("format");
      if (s.raw("format_options") != null) {
        r.problem(s.child("format_options"), "a format defined in place takes its settings in format itself");
      }
      format = userFormat(node, base, options);
    } else {
      base = s.child("format_options");
      format = s.required("format");
      options.putAll(s.stringMap("format_options"));
    }
    if (format == null) return null;
    try {
      LogFormats.create(format, options);
    } catch (FormatOptionsException e) {
      for (FormatOptionsException.Problem p : e.problems()) r.problem(base + "." + p.key(), p.message());
      return null;
    } catch (IllegalArgumentException e) {
      r.problem(s.child("format"), e.getMessage());
      return null;
    }
    return format;
  }

  /** {@code format: {type, delimiter, quote, comment, pattern, fields: [{name, type, column, kind}]}} as options. */
  private String userFormat(JsonNode node, String path, Map<String, String> options) {
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual() || !LogFormats.userTypes().contains(type.asText())) {
      r.problem(path + ".type", (type == null ? "missing value" : "found '" + type.asText() + "'") + ": one of "
          + String.join(", ", LogFormats.userTypes()) + " (or write the name of a built-in format as format's value)");
      return null;
    }
    node.fields().forEachRemaining(e -> {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("type")) return;
      if (key.equals("fields")) {
        options.put("fields", fieldSpecs(v, path + ".fields"));
      } else if (v.isValueNode() && !v.isNull()) {
        options.put(key, v.asText());
      } else {
        r.problem(path + "." + key, "expected a single value, found " + (v.isNull() ? "null" : v.isArray() ? "a list" : "a mapping"));
      }
    });
    return type.asText();
  }

  /** The {@code fields} list as {@code name:type:column:kind} entries. */
  private String fieldSpecs(JsonNode list, String path) {
    if (!list.isArray()) {
      r.problem(path, "expected a list of fields ({name, type, column})");
      return "";
    }
    Set<String> keys = new LinkedHashSet<>(List.of("name", "type", "column", "kind"));
    List<String> specs = new java.util.ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode f = list.get(i);
      String at = path + "[" + i + "]";
      if (f.isTextual()) {
        specs.add(f.asText());
        continue;
      }
      ConfigReader.Obj o = r.obj(f, at, keys);
      if (!f.isObject()) {
        specs.add("entry" + i + "_not_a_mapping:string");
        continue;
      }
      String name = o.string("name");
      if (name == null) r.problem(at + ".name", "missing value");
      specs.add((name == null ? "entry" + i + "_without_name" : name) + ":" + java.util.Objects.requireNonNullElse(o.string("type"), "string") + ":"
          + java.util.Objects.requireNonNullElse(o.string("column"), "") + ":" + java.util.Objects.requireNonNullElse(o.string("kind"), ""));
    }
    return String.join(",", specs);
  }

  /** The URI's scheme (null for a local path), checked against the provider and for a bucket. */
  private String scheme(ConfigReader.Obj s, String provider, String uri) {
    if (!uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null;
    }
    URI u;
    try {
      u = new URI(uri);
    } catch (URISyntaxException e) {
      r.problem(s.child("uri"), "not a valid URI: " + e.getReason());
      return null;
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (provider != null && !SCHEMES.get(provider).contains(scheme)) {
      String hint = scheme.equals("s3") ? " (Hadoop's S3 connector is s3a://)" : "";
      r.problem(s.child("uri"), "provider " + provider + " reads " + String.join(", ", SCHEMES.get(provider).stream().sorted().toList())
          + " URIs (or a local path), found " + scheme + "://" + hint);
      return null;
    }
    if (!scheme.equals("file") && (u.getAuthority() == null || u.getAuthority().isBlank())) {
      r.problem(s.child("uri"), scheme.startsWith("abfs") || scheme.startsWith("wasb")
          ? "container and account missing (abfs://CONTAINER@ACCOUNT.dfs.core.windows.net/path)"
          : "bucket name missing");
      return null;
    }
    if (scheme.startsWith("abfs") || scheme.startsWith("wasb")) {
      if (!u.getAuthority().contains("@")) {
        r.problem(s.child("uri"), "container or account missing (" + scheme + "://CONTAINER@ACCOUNT."
            + (scheme.startsWith("abfs") ? "dfs" : "blob") + ".core.windows.net/path)");
        return null;
      }
    }
    return scheme;
  }

  private LogyardConfig.Connection connection(ConfigReader.Obj s, String provider, String region, String scheme) {
    String endpoint = s.string("endpoint");
    if (endpoint != null && !endpoint.matches("^https?://[^/\\s]+/?$")) {
      r.problem(s.child("endpoint"), "expected a URL like https://host[:port], found '" + endpoint + "'");
    }
    boolean pathStyle = s.bool("path_style");
    String namespace = s.string("namespace");
    if ("oci".equals(provider)) {
      if ("s3a".equals(scheme)) {
        if (namespace == null) r.problem(s.child("namespace"), "missing value (the tenancy's Object Storage namespace)");
        if (region == null) r.problem(s.child("region"), "missing value (e.g. eu-frankfurt-1)");
      }
      if (endpoint == null && namespace != null && region != null) {
        endpoint = ociEndpoint(namespace, region);
      }
      pathStyle = true;
    }
    return new LogyardConfig.Connection(endpoint == null ? null : endpoint.replaceAll("/$", ""), pathStyle, namespace);
  }

  /** OCI Object Storage's Amazon S3 Compatibility API endpoint. */
  static String ociEndpoint(String namespace, String region) {
    return "https://" + namespace + ".compat.objectstorage." + region + ".oraclecloud.com";
  }

  private LogyardConfig.Credentials credentials(ConfigReader.Obj s, String provider, String scheme) {
    JsonNode node = s.raw("credentials");
    String path = s.child("credentials");
    if (provider == null) return LogyardConfig.Credentials.DEFAULT;
    Map<String, CredType> types = CREDENTIAL_TYPES.get(provider);
    if (node == null || node.isNull()) return LogyardConfig.Credentials.DEFAULT;
    if (!node.isObject()) {
      r.problem(path, "expected a mapping (type and references), found a single value");
      return LogyardConfig.Credentials.DEFAULT;
    }
    JsonNode typeNode = node.get("type");
    String type = typeNode == null || typeNode.isNull() ? "default" : typeNode.asText();
    CredType ct = types.get(type);
    if (ct == null) {
      r.problem(path + ".type", "for provider " + provider + " one of " + String.join(", ", types.keySet().stream().sorted().toList())
          + ", found '" + type + "'");
      return LogyardConfig.Credentials.DEFAULT;
    }
    if (scheme != null && scheme.startsWith("wasb") && !Set.of("default", "shared_key").contains(type)) {
      r.problem(path + ".type", "wasb:// takes shared_key only; use abfs:// for " + type);
    }
    ConfigReader.Obj c = r.obj(node, path, ct.keys());
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (String secret : ct.requiredSecrets()) {
      Secret v = secret(c, secret);
      if (v != null) secrets.put(secret, v);
      else if (c.raw(secret + "_env") == null && c.raw(secret + "_file") == null) {
        r.problem(path + "." + secret + "_env", "missing value: reference the " + secret.replace('_', ' ')
            + " with " + secret + "_env (an environment variable) or " + secret + "_file (a file only its owner can read)");
      }
    }
    for (String secret : ct.optionalSecrets()) {
      Secret v = secret(c, secret);
      if (v != null) secrets.put(secret, v);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String k : ct.requiredSettings()) {
      String v = c.required(k);
      if (v != null) settings.put(k, v);
    }
    for (String k : ct.optionalSettings()) {
      String v = c.string(k);
      if (v != null) settings.put(k, v);
    }
    if (type.equals("service_account") && secrets.containsKey("key")) {
      checkServiceAccountKey(path + ".key_file", secrets.get("key"));
    }
    return new LogyardConfig.Credentials(type, Map.copyOf(secrets), Map.copyOf(settings));
  }

  /** The secret referenced by {@code <name>_env} or {@code <name>_file}, or null (problems recorded). */
  private Secret secret(ConfigReader.Obj c, String name) {
    String envKey = name + "_env";
    String fileKey = name + "_file";
    String var = c.string(envKey);
    String file = c.string(fileKey);
    if (var != null && file != null) {
      r.problem(c.child(envKey), "give " + envKey + " or " + fileKey + ", not both");
      return null;
    }
    if (var != null) {
      String v = r.referencedVariable(var);
      if (v == null || v.isBlank()) {
        r.problem(c.child(envKey), "environment variable " + var + " is not set");
        return null;
      }
      return new Secret(v.strip(), "env " + var);
    }
    if (file != null) {
      return readSecretFile(c.child(fileKey), file);
    }
    return null;
  }

  /** A secret file's content (trimmed); refused when {@link SecretFiles} refuses it. */
  private Secret readSecretFile(String keyPath, String file) {
    try {
      return new Secret(SecretFiles.readOwnerOnly(Path.of(file)), "file " + file);
    } catch (IllegalArgumentException e) {
      r.problem(keyPath, e.getMessage());
      return null;
    }
  }

  private void checkServiceAccountKey(String keyPath, Secret key) {
    try {
      JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(key.value());
      for (String field : List.of("client_email", "private_key_id", "private_key")) {
        if (json == null || !json.hasNonNull(field)) {
          r.problem(keyPath, "not a service account JSON key (no " + field + ")");
          return;
        }
      }
      Masking.register(json.get("private_key").asText());
    } catch (IOException e) {
      r.problem(keyPath, "not a service account JSON key (not JSON)");
    }
  }

  /**
   * Refuses a literal value under a key that names a secret anywhere below {@code node}
   * (except the subtrees named in {@code skip}, whose keys are data, not settings).
   */
  void refuseLiteralSecrets(JsonNode node, String path, Set<String> skip) {
    if (node == null) return;
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        String key = e.getKey();
        String child = path.isEmpty() ? key : path + "." + key;
        JsonNode v = e.getValue();
        if (skip.contains(key)) return;
        if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()
            && !key.endsWith("_env") && !key.endsWith("_file") && Masking.isSecretName(key)) {
          Masking.register(v.asText());
          r.problem(child, key.contains(".")
              ? "a secret must not be written in the configuration: give it through the source's credentials (a reference to an environment variable or a file)"
              : "a secret must not be written in the configuration: reference it with " + key + "_env (an environment variable) or "
                  + key + "_file (a file only its owner can read)");
        } else {
          refuseLiteralSecrets(v, child, Set.of());
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) refuseLiteralSecrets(node.get(i), path + "[" + i + "]", Set.of());
    }
  }
}
