package io.logyard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document as a Jackson tree, read with SnakeYAML's composer so that every key keeps its
 * line: duplicate keys (at any depth, in block and flow mappings) are problems naming both lines,
 * and a syntax error says the line, the column and what was expected, never quoting the text.
 * Anchors, aliases and merge keys ({@code <<: *defaults}) work as YAML defines them.
 */
final class YamlTree {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern DECIMAL_INT = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");

  /** The document (null when empty), the line of each key path, and its duplicate keys. */
  record Parsed(JsonNode root, Map<String, Integer> lines, List<String> problems) {}

  /** A syntax error; {@link #getMessage()} holds line, column and what was expected, no input text. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private final Map<String, Integer> lines = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  private YamlTree() {}

  static Parsed parse(String text) throws SyntaxError {
    Node node;
    try {
      node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new SyntaxError(describe(e));
    } catch (YAMLException e) {
      throw new SyntaxError("not valid YAML: " + Masking.mask(firstLine(e.getMessage())));
    }
    YamlTree t = new YamlTree();
    JsonNode root = node == null ? null : t.convert(node, "");
    return new Parsed(root, Map.copyOf(t.lines), List.copyOf(t.problems));
  }

  private JsonNode convert(Node node, String path) {
    if (node instanceof MappingNode m) {
      ObjectNode obj = F.objectNode();
      Map<String, Integer> seen = new HashMap<>();
      List<NodeTuple> merges = new ArrayList<>();
      for (NodeTuple t : m.getValue()) {
        int line = t.getKeyNode().getStartMark().getLine() + 1;
        if (Tag.MERGE.equals(t.getKeyNode().getTag())) {
          merges.add(t);
          continue;
        }
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          problems.add((path.isEmpty() ? "(top level)" : path) + ": a key at line " + line + " is not a single value");
          continue;
        }
        String key = k.getValue();
        String child = path.isEmpty() ? key : path + "." + key;
        Integer first = seen.putIfAbsent(key, line);
        if (first != null) {
          problems.add(child + ": duplicate key (lines " + first + " and " + line + ")");
          continue;
        }
        lines.put(child, line);
        obj.set(key, convert(t.getValueNode(), child));
      }
      for (NodeTuple t : merges) merge(obj, t, path);
      return obj;
    }
    if (node instanceof SequenceNode s) {
      ArrayNode arr = F.arrayNode();
      List<Node> items = s.getValue();
      for (int i = 0; i < items.size(); i++) {
        String child = path + "[" + i + "]";
        lines.put(child, items.get(i).getStartMark().getLine() + 1);
        arr.add(convert(items.get(i), child));
      }
      return arr;
    }
    return scalar((ScalarNode) node);
  }

  /**
   * A merge key ({@code <<: *anchor} or {@code <<: [*a, *b]}): the merged mappings' keys that
   * {@code obj} does not have itself, the first mapping winning, as YAML defines it.
   */
  private void merge(ObjectNode obj, NodeTuple t, String path) {
    int line = t.getKeyNode().getStartMark().getLine() + 1;
    List<Node> from = t.getValueNode() instanceof SequenceNode s ? s.getValue() : List.of(t.getValueNode());
    for (Node n : from) {
      if (!(n instanceof MappingNode)) {
        problems.add((path.isEmpty() ? "(top level)" : path) + ": the merge key (<<) at line " + line + " needs a mapping or a list of mappings");
        continue;
      }
      YamlTree inner = new YamlTree();
      ObjectNode merged = (ObjectNode) inner.convert(n, path);
      inner.problems.stream().filter(p -> !problems.contains(p)).forEach(problems::add);
      merged.fields().forEachRemaining(e -> {
        if (obj.has(e.getKey())) return;
        obj.set(e.getKey(), e.getValue());
        String prefix = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        inner.lines.forEach((p, l) -> {
          if (p.equals(prefix) || p.startsWith(prefix + ".") || p.startsWith(prefix + "[")) lines.putIfAbsent(p, l);
        });
      });
    }
  }

  /**
   * Plain {@code null}/{@code ~}/empty is null, {@code true}/{@code false} a boolean, a plain
   * decimal number a number; everything else is text exactly as written ({@code yes}, {@code 0123},
   * {@code 1_000}, {@code 1e3}: an account id keeps its leading zero, a key's own check says what it expects).
   */
  private static JsonNode scalar(ScalarNode s) {
    String v = s.getValue();
    Tag tag = s.getTag();
    if (Tag.NULL.equals(tag)) return F.nullNode();
    if (Tag.BOOL.equals(tag) && (v.equals("true") || v.equals("false"))) return F.booleanNode(Boolean.parseBoolean(v));
    if (Tag.INT.equals(tag) && DECIMAL_INT.matcher(v).matches()) return F.numberNode(new BigInteger(v));
    if (Tag.FLOAT.equals(tag) && DECIMAL.matcher(v).matches()) return F.numberNode(new BigDecimal(v));
    return F.textNode(v);
  }

  /**
   * Where and what, from the exception's marks and problem: never its snippet of the input, and
   * never the one problem that quotes a value (an undefined alias is what a plain value starting
   * with '*' becomes).
   */
  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
    if (problem.startsWith("found undefined alias")) {
      problem = "found an undefined alias (a plain value cannot start with '*': quote it)";
    }
    if (problem.startsWith("but found another document")) {
      return "not valid YAML at " + where(e.getProblemMark()) + ": a second document; a configuration is one document";
    }
    StringBuilder b = new StringBuilder("not valid YAML");
    Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    if (at != null) b.append(" at ").append(where(at));
    b.append(": ").append(problem.strip());
    if (e.getContext() != null) {
      b.append(" (").append(e.getContext().strip());
      if (e.getContextMark() != null) b.append(" started at ").append(where(e.getContextMark()));
      b.append(')');
    }
    return Masking.mask(b.toString());
  }

  private static String where(Mark m) {
    return "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
  }

  private static String firstLine(String s) {
    return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
  }
}
