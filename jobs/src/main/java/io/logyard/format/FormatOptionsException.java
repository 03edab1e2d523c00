package io.logyard.format;

import java.util.List;

/**
 * Options that do not define a valid format, with every problem at once, each under its key
 * relative to the format's definition ({@code fields[2].type}, {@code pattern}), so that the
 * configuration can report {@code sources[0].format.fields[2].type: ...}.
 */
public final class FormatOptionsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** One problem: the key it is about and what is wrong. */
  public record Problem(String key, String message) {}

  private final transient List<Problem> problems;

  FormatOptionsException(String format, List<Problem> problems) {
    super("format " + format + ": " + String.join("; ",
        problems.stream().map(p -> p.key() + ": " + p.message()).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
