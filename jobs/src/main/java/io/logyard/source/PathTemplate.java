package io.logyard.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source's object-key template below its URI, e.g. {@code {yyyy}/{mm}/{dd}/{node}-{*}}.
 * {@code {name}} captures part of one path segment into a variable ({@code {node}} and
 * {@code {region}} fill log_results columns; {@code {yyyy}}, {@code {mm}}, {@code {dd}},
 * {@code {hh}} are the date parts); {@code {*}} matches the rest of a segment without capturing.
 * A variable takes as much of its segment as the rest of the template allows, so in
 * {@code {node}-{*}} the node is everything before the segment's last '-'.
 * Compiled once per source; matching runs once per object, never per line.
 */
public final class PathTemplate implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern VAR = Pattern.compile("\\{([A-Za-z_*][A-Za-z0-9_]*|\\*)}");
  private static final Map<String, String> DATE_PARTS = Map.of(
      "yyyy", "\\d{4}", "mm", "\\d{2}", "dd", "\\d{2}", "hh", "\\d{2}");

  private final String template;
  private final Pattern pattern;
  private final List<String> names;

  private PathTemplate(String template, Pattern pattern, List<String> names) {
    this.template = template;
    this.pattern = pattern;
    this.names = names;
  }

  /** @throws IllegalArgumentException saying what is wrong with the template */
  public static PathTemplate compile(String template) {
    if (template.isBlank()) throw new IllegalArgumentException("empty path template");
    if (template.startsWith("/")) throw new IllegalArgumentException("must be relative to the source uri (no leading '/')");
    if (template.replaceAll(VAR.pattern(), "").matches(".*[{}].*")) {
      throw new IllegalArgumentException("unbalanced or invalid '{...}' in '" + template + "'");
    }
    StringBuilder re = new StringBuilder();
    List<String> names = new ArrayList<>();
    Matcher m = VAR.matcher(template);
    int last = 0;
    while (m.find()) {
      re.append(Pattern.quote(template.substring(last, m.start())));
      String name = m.group(1);
      if (name.equals("*")) {
        re.append("[^/]*");
      } else {
        if (names.contains(name)) throw new IllegalArgumentException("variable {" + name + "} appears twice");
        names.add(name);
        re.append("(?<").append(name.replace("_", "")).append(">")
            .append(DATE_PARTS.getOrDefault(name, "[^/]+")).append(")");
      }
      last = m.end();
    }
    re.append(Pattern.quote(template.substring(last)));
    // compressed variants of the same object name are the same object kind
    re.append("(?:\\.gz)?");
    return new PathTemplate(template, Pattern.compile(re.toString()), List.copyOf(names));
  }

  /** The variables of {@code relativePath}, or null when the path does not fit the template. */
  public Map<String, String> match(String relativePath) {
    Matcher m = pattern.matcher(relativePath);
    if (!m.matches()) return null;
    Map<String, String> vars = new LinkedHashMap<>();
    for (String n : names) vars.put(n, m.group(n.replace("_", "")));
    return vars;
  }

  public List<String> variables() {
    return names;
  }

  @Override
  public String toString() {
    return template;
  }
}
