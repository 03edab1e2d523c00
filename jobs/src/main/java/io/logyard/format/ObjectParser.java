package io.logyard.format;

/**
 * Parses one object (one file) of a format, line by line, in order. It exists for what a single
 * line cannot say on its own: header lines that define the columns of the lines after them
 * (CloudFront's {@code #Fields}, a VPC Flow Logs header) and documents that hold many records
 * (CloudTrail's {@code {"Records": [...]}}). One instance per object; not thread-safe; cheap to
 * make. Every line ends up as records handed to the {@link Sink}: for each object,
 * {@code records read = parsed + quarantined}, and header lines are {@code skipped}.
 *
 * <p>{@link LogFormat#forObject} gives the format's parser; for a line format it is {@code
 * isHeader} then {@code parse}, line by line.
 */
public interface ObjectParser {
  /** What an object yields, record by record. */
  interface Sink {
    /** One event. {@code record} is its 1-based position in the object's records. */
    void parsed(LogEvent event, long record);

    /**
     * One record that could not be parsed.
     *
     * @param raw the record's text (a line, or one record of a document) for the quarantine,
     *     unredacted: the caller redacts it
     */
    void quarantined(String reason, String raw, long record);

    /** One line of framing (a header), neither an event nor an error. */
    void skipped();
  }

  /** The next line of the object, without its terminator. */
  void line(String line, Sink sink);

  /** The object ended: records still pending are handed over (or quarantined if incomplete). */
  default void end(Sink sink) {}
}
