package io.logyard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Walks a YAML tree and collects every problem instead of stopping at the first. Keys, their
 * defaults and ranges come from {@link ConfigKeys}. Scalars are resolved with the documented
 * precedence: overrides (command-line {@code --set}) > environment ({@link ConfigEnvironment#variable})
 * > the file > the default. Every path a value was looked up for is remembered, so that
 * {@link #checkOverridesAndEnvironment} can refuse a {@code --set} or {@code LOGYARD_*} that
 * matches no key, as an unknown key in the file is refused.
 */
final class ConfigReader {
  /** Mappings of settings whose entries may not hold secrets (format options are data, privacy fields treatments). */
  private static final Set<String> SETTINGS_MAPS = Set.of("spark.conf", "sources[].hadoop", "bigquery.options");
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> overrides;
  private final Map<String, String> env;
  private final Map<String, Integer> lines;
  /** Scalar and list paths looked up, e.g. {@code sources[0].uri}. */
  private final Set<String> consulted = new LinkedHashSet<>();
  /** Mapping-of-text paths read, e.g. {@code spark.conf}: {@code --set spark.conf.NAME=V} sets an entry. */
  private final Set<String> maps = new LinkedHashSet<>();
  /** Environment variables the configuration names as holding a value ({@code *_env} keys). */
  private final Set<String> referenced = new LinkedHashSet<>();

  ConfigReader(Map<String, String> overrides, Map<String, String> env, Map<String, Integer> lines) {
    this.overrides = overrides;
    this.env = env;
    this.lines = lines;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String path, String message) {
    problems.add((path.isEmpty() ? "(top level)" : path) + ": " + message);
  }

  /** Marks an environment variable as used by the configuration (its name came from a {@code *_env} key). */
  String referencedVariable(String name) {
    if (name != null) referenced.add(name);
    return name == null ? null : env.get(name);
  }

  /** A mapping at {@code path}; reports its keys that {@link ConfigKeys} does not declare there. */
  Obj obj(JsonNode node, String path) {
    return obj(node, path, ConfigKeys.children(path), true);
  }

  /** A mapping at {@code path} whose keys are not in the table (they depend on other values); reports those not in {@code allowed}. */
  Obj obj(JsonNode node, String path, Set<String> allowed) {
    return obj(node, path, allowed, false);
  }

  private Obj obj(JsonNode node, String path, Set<String> allowed, boolean tabled) {
    if (node != null && !node.isNull() && !node.isObject()) {
      problem(path, "expected a mapping, found " + kind(node));
      node = null;
    }
    Obj obj = new Obj(node == null || node.isNull() ? null : (ObjectNode) node, path, tabled);
    if (obj.node != null) {
      Iterator<String> names = obj.node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          Integer line = lines.get(obj.child(name));
          String near = closest(name, allowed);
          problem(obj.child(name), "unknown key" + (line == null ? "" : " at line " + line) + " ("
              + (near == null ? "" : "did you mean " + near + "? ") + "expected one of " + String.join(", ", allowed) + ")");
        }
      }
    }
    return obj;
  }

  /**
   * Refuses every {@code --set} key that names no key, and every {@code LOGYARD_*} variable that
   * is neither a key nor allowed by {@link ConfigEnvironment}. Call after everything was read.
   */
  void checkOverridesAndEnvironment() {
    for (String key : new TreeMap<>(overrides).keySet()) {
      if (consulted.contains(key) || maps.stream().anyMatch(m -> key.startsWith(m + ".") && key.length() > m.length() + 1)) continue;
      Set<String> candidates = new LinkedHashSet<>(consulted);
      maps.forEach(m -> candidates.add(m + ".NAME"));
      String near = closest(key, candidates);
      problem(key, "unknown key (from --set" + (near == null ? "" : "; did you mean " + near + "?") + ")");
    }
    Map<String, String> variables = new TreeMap<>();
    for (String p : consulted) variables.putIfAbsent(ConfigEnvironment.variable(p), p);
    for (String name : new TreeMap<>(env).keySet()) {
      if (!name.startsWith(ConfigEnvironment.PREFIX) || variables.containsKey(name) || referenced.contains(name)
          || ConfigEnvironment.exempt(name)) {
        continue;
      }
      String near = closest(name, variables.keySet());
      problems.add(name + ": unknown configuration variable ("
          + (near == null ? "not a key's variable, nor one logyard's launchers read" : "did you mean " + near + ", for " + variables.get(near) + "?")
          + ")");
    }
  }

  /** The candidate nearest to {@code s} by edit distance, when it is near enough to be a typo. */
  static String closest(String s, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(s.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, s.length() / 5) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String kind(JsonNode node) {
    if (node.isObject()) return "a mapping";
    if (node.isArray()) return "a list";
    if (node.isTextual()) return "text '" + node.asText() + "'";
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
  }

  final class Obj {
    final ObjectNode node;
    final String path;
    private final boolean tabled;

    Obj(ObjectNode node, String path, boolean tabled) {
      this.node = node;
      this.path = path;
      this.tabled = tabled;
    }

    String child(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    JsonNode raw(String key) {
      return node == null ? null : node.get(key);
    }

    /** The key's declaration; a section read with its own key set (credentials) has none. */
    private ConfigKeys.Key declared(String key) {
      return tabled ? ConfigKeys.key(child(key)) : null;
    }

    /** The value given on the command line or in the environment, or null. */
    private String override(String p) {
      consulted.add(p);
      if (overrides.containsKey(p)) return overrides.get(p);
      return env.get(ConfigEnvironment.variable(p));
    }

    /** The scalar's text after precedence, or null when absent everywhere. */
    String scalar(String key) {
      String p = child(key);
      String over = override(p);
      if (over != null) return over;
      JsonNode v = raw(key);
      if (v == null || v.isNull()) return null;
      if (!v.isValueNode()) {
        problem(p, "expected a single value, found " + kind(v));
        return null;
      }
      return v.asText();
    }

    /** Text, with the declared default. */
    String string(String key) {
      String v = scalar(key);
      ConfigKeys.Key k = declared(key);
      return v == null && k != null ? k.dflt() : v;
    }

    String required(String key) {
      String v = scalar(key);
      if (v == null || v.isBlank()) {
        problem(child(key), "missing value");
        return null;
      }
      return v;
    }

    /** A whole number in the declared range, with the declared default. */
    int integer(String key) {
      return integer(key, Integer.parseInt(declared(key).dflt()));
    }

    /** A whole number in the declared range, with a default that depends on other keys. */
    int integer(String key, int dflt) {
      ConfigKeys.Key k = declared(key);
      String v = scalar(key);
      if (v == null) return dflt;
      try {
        int i = Integer.parseInt(v.trim());
        if (i < k.min() || i > k.max()) {
          problem(child(key), "must be between " + k.min() + " and " + k.max() + ", found " + i);
          return dflt;
        }
        return i;
      } catch (NumberFormatException e) {
        problem(child(key), "expected a whole number, found '" + v + "'");
        return dflt;
      }
    }

    boolean bool(String key) {
      return bool(key, Boolean.parseBoolean(declared(key).dflt()));
    }

    boolean bool(String key, boolean dflt) {
      declared(key);
      String v = scalar(key);
      if (v == null) return dflt;
      return switch (v.trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default -> {
          problem(child(key), "expected true or false, found '" + v + "'");
          yield dflt;
        }
      };
    }

    /** One of the declared choices (any case), or the declared default. */
    String choice(String key) {
      ConfigKeys.Key k = declared(key);
      String v = scalar(key);
      if (v == null) return k.dflt();
      String t = v.trim().toLowerCase(Locale.ROOT);
      if (!k.choices().contains(t)) {
        problem(child(key), "must be one of " + String.join(", ", k.choices()) + ", found '" + v + "'");
        return k.dflt();
      }
      return t;
    }

    /**
     * A mapping of text to text (free keys), e.g. Spark or Hadoop settings; {@code --set PATH.NAME=VALUE}
     * sets one entry (environment variables cannot: their names lose the dots).
     */
    Map<String, String> stringMap(String key) {
      declared(key);
      String p = child(key);
      maps.add(p);
      JsonNode v = raw(key);
      Map<String, String> out = new LinkedHashMap<>();
      if (v != null && !v.isNull() && !v.isObject()) {
        problem(p, "expected a mapping, found " + kind(v));
      } else if (v != null && v.isObject()) {
        v.fields().forEachRemaining(e -> {
          if (e.getValue().isValueNode() && !e.getValue().isNull()) {
            out.put(e.getKey(), e.getValue().asText());
          } else {
            problem(p + "." + e.getKey(), "expected a single value, found " + kind(e.getValue()));
          }
        });
      }
      for (var o : new TreeMap<>(overrides).entrySet()) {
        if (!o.getKey().startsWith(p + ".") || o.getKey().length() <= p.length() + 1) continue;
        String name = o.getKey().substring(p.length() + 1);
        if (SETTINGS_MAPS.contains(ConfigKeys.pattern(p)) && Masking.isSecretName(name)) {
          Masking.register(o.getValue());
          problem(o.getKey(), "a secret must not be written in the configuration nor given with --set: give it through "
              + "the source's credentials (a reference to an environment variable or a file)");
          continue;
        }
        out.put(name, o.getValue());
      }
      return out;
    }

    /** A list (or comma-separated text), with the declared default. */
    List<String> stringList(String key) {
      ConfigKeys.Key k = declared(key);
      List<String> dflt = splitList(k.dflt() == null ? "" : k.dflt());
      String p = child(key);
      String over = override(p);
      if (over != null) {
        return splitList(over);
      }
      JsonNode v = raw(key);
      if (v == null || v.isNull()) return dflt;
      if (v.isTextual()) return splitList(v.asText());
      if (!v.isArray()) {
        problem(p, "expected a list, found " + kind(v));
        return dflt;
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        if (v.get(i).isValueNode()) {
          out.add(v.get(i).asText());
        } else {
          problem(p + "[" + i + "]", "expected a single value, found " + kind(v.get(i)));
        }
      }
      return out;
    }

    <T> List<T> list(String key, Function<Item, T> each) {
      declared(key);
      JsonNode v = raw(key);
      List<T> out = new ArrayList<>();
      if (v == null || v.isNull()) return out;
      if (!v.isArray()) {
        problem(child(key), "expected a list, found " + kind(v));
        return out;
      }
      for (int i = 0; i < v.size(); i++) {
        out.add(each.apply(new Item(v.get(i), child(key) + "[" + i + "]")));
      }
      return out;
    }
  }

  record Item(JsonNode node, String path) {}

  private static List<String> splitList(String s) {
    Set<String> out = new LinkedHashSet<>();
    for (String part : s.split(",")) {
      if (!part.isBlank()) out.add(part.trim());
    }
    return List.copyOf(out);
  }
}
