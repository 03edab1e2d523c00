package io.logyard.format;

import java.util.List;

/**
 * What every format shares: its name, its field list, and the guarded {@link #parse} that turns
 * a bug in a scanner into a quarantined line instead of a failed job. Subclasses implement
 * {@link #scan}, reporting malformed input themselves with a {@link MalformedLineException}.
 */
abstract class BaseFormat implements LogFormat {
  private final String name;
  private final List<Field> fields;

  BaseFormat(String name, List<Field> fields) {
    this.name = name;
    this.fields = List.copyOf(fields);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<Field> fields() {
    return fields;
  }

  @Override
  public final LogEvent parse(String line) throws MalformedLineException {
    try {
      return scan(line);
    } catch (RuntimeException e) {
      throw Scan.internal(e);
    }
  }

  /** Parses one line; every malformed input is a {@link MalformedLineException}. */
  abstract LogEvent scan(String line) throws MalformedLineException;
}
