package io.logyard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks a YAML tree and collects every problem instead of stopping at the first. Scalars are
 * resolved with the documented precedence: overrides (command-line {@code --set}) > environment
 * ({@code LOGYARD_<PATH>}, e.g. {@code LOGYARD_WAREHOUSE_PATH}) > the file > the default.
 */
final class ConfigReader {
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> overrides;
  private final Map<String, String> env;

  ConfigReader(Map<String, String> overrides, Map<String, String> env) {
    this.overrides = overrides;
    this.env = env;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String path, String message) {
    problems.add(path + ": " + message);
  }

  /** A mapping at {@code path}; reports its keys that are not in {@code allowed}. */
  Obj obj(JsonNode node, String path, Set<String> allowed) {
    if (node != null && !node.isNull() && !node.isObject()) {
      problem(path, "expected a mapping, found " + kind(node));
      node = null;
    }
    Obj obj = new Obj(node == null || node.isNull() ? null : (ObjectNode) node, path);
    if (obj.node != null) {
      Iterator<String> names = obj.node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!allowed.contains(name)) {
          problem(obj.child(name), "unknown key (expected one of " + String.join(", ", allowed) + ")");
        }
      }
    }
    return obj;
  }

  static String envName(String path) {
    return "LOGYARD_" + path.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_+$", "").toUpperCase(Locale.ROOT);
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) return "a mapping";
    if (node.isArray()) return "a list";
    if (node.isTextual()) return "text '" + node.asText() + "'";
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
  }

  final class Obj {
    final ObjectNode node;
    final String path;

    Obj(ObjectNode node, String path) {
      this.node = node;
      this.path = path;
    }

    String child(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    JsonNode raw(String key) {
      return node == null ? null : node.get(key);
    }

    /** The scalar's text after precedence, or null when absent everywhere. */
    String scalar(String key) {
      String p = child(key);
      if (overrides.containsKey(p)) return overrides.get(p);
      String fromEnv = env.get(envName(p));
      if (fromEnv != null) return fromEnv;
      JsonNode v = raw(key);
      if (v == null || v.isNull()) return null;
      if (!v.isValueNode()) {
        problem(p, "expected a single value, found " + kind(v));
        return null;
      }
      return v.asText();
    }

    String string(String key, String dflt) {
      String v = scalar(key);
      return v == null ? dflt : v;
    }

    String required(String key) {
      String v = scalar(key);
      if (v == null || v.isBlank()) {
        problem(child(key), "missing value");
        return null;
      }
      return v;
    }

    int integer(String key, int dflt, int min, int max) {
      String v = scalar(key);
      if (v == null) return dflt;
      try {
        int i = Integer.parseInt(v.trim());
        if (i < min || i > max) {
          problem(child(key), "must be between " + min + " and " + max + ", found " + i);
          return dflt;
        }
        return i;
      } catch (NumberFormatException e) {
        problem(child(key), "expected a whole number, found '" + v + "'");
        return dflt;
      }
    }

    boolean bool(String key, boolean dflt) {
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

    <T> T choice(String key, T dflt, Map<String, T> allowed) {
      String v = scalar(key);
      if (v == null) return dflt;
      T t = allowed.get(v.trim().toLowerCase(Locale.ROOT));
      if (t == null) {
        problem(child(key), "must be one of " + String.join(", ", allowed.keySet()) + ", found '" + v + "'");
        return dflt;
      }
      return t;
    }

    /** A mapping of text to text (free keys), e.g. Spark or Hadoop settings. */
    Map<String, String> stringMap(String key) {
      JsonNode v = raw(key);
      Map<String, String> out = new LinkedHashMap<>();
      if (v == null || v.isNull()) return out;
      if (!v.isObject()) {
        problem(child(key), "expected a mapping, found " + kind(v));
        return out;
      }
      v.fields().forEachRemaining(e -> {
        if (e.getValue().isValueNode() && !e.getValue().isNull()) {
          out.put(e.getKey(), e.getValue().asText());
        } else {
          problem(child(key) + "." + e.getKey(), "expected a single value, found " + kind(e.getValue()));
        }
      });
      return out;
    }

    List<String> stringList(String key, List<String> dflt) {
      String p = child(key);
      String over = overrides.containsKey(p) ? overrides.get(p) : env.get(envName(p));
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
