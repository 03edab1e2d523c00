package io.logyard.format;

import java.util.List;

/**
 * A log format: a pure-Java parser from one line to a {@link LogEvent}, and its field list.
 * Implementations are immutable and thread-safe: one instance parses every line of a partition.
 */
public interface LogFormat {

  /** The name users type in {@code format:} and {@code --format}, e.g. {@code combined}. */
  String name();

  /** Every field this format yields, in the order of the format's documentation. */
  List<Field> fields();

  /**
   * Parses one line (without its line terminator).
   *
   * @throws MalformedLineException with a precise reason when the line is not of this format
   */
  LogEvent parse(String line) throws MalformedLineException;

  /**
   * True for a line that is part of the file's framing rather than an event (a CSV header row,
   * a {@code #Version} comment). Such lines are counted as skipped, never quarantined.
   */
  default boolean isHeader(String line) {
    return false;
  }

  /**
   * A parser for one object of this format. The default reads line by line: a header line is
   * skipped, any other line is one record. Formats whose headers define the columns, or whose
   * documents hold several records, return their own.
   */
  default ObjectParser forObject() {
    return new LineParser(this);
  }

  /**
   * True when an object of this format may be cut between any two lines and each part read on
   * its own: its {@link #forObject} parser carries nothing from one line to the next (no header
   * that defines the columns after it, no document spanning lines). A large uncompressed object
   * of such a format is read as several byte ranges in parallel. By default, true exactly when
   * objects are read by the default line-by-line parser, so a format with its own parser is
   * never split unless it says so.
   */
  default boolean splittable() {
    return forObject() instanceof LineParser;
  }
}
