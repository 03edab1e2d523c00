package io.logyard.format;

/** The {@link ObjectParser} of a line format: one record per line, header lines skipped. */
final class LineParser implements ObjectParser {
  private final LogFormat format;
  private long record;

  LineParser(LogFormat format) {
    this.format = format;
  }

  @Override
  public void line(String line, Sink sink) {
    if (format.isHeader(line)) {
      sink.skipped();
      return;
    }
    record++;
    try {
      sink.parsed(format.parse(line), record);
    } catch (MalformedLineException e) {
      sink.quarantined(e.reason(), line, record);
    }
  }
}
