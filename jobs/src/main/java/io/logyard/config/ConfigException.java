package io.logyard.config;

import java.util.List;

/** Every problem found in a configuration, each with the key path it concerns. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(String origin, List<String> problems) {
    super("invalid configuration " + origin + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
