package io.logyard.format;

import java.util.ArrayList;
import java.util.List;

/** Test helper: what an {@link ObjectParser} made of an object. */
final class ObjectSinkRecorder implements ObjectParser.Sink {
  final List<LogEvent> events = new ArrayList<>();
  final List<String> reasons = new ArrayList<>();
  final List<Long> records = new ArrayList<>();
  int skipped;

  static ObjectSinkRecorder read(LogFormat f, List<String> lines) {
    ObjectSinkRecorder r = new ObjectSinkRecorder();
    ObjectParser p = f.forObject();
    for (String line : lines) {
      p.line(line, r);
    }
    p.end(r);
    return r;
  }

  @Override
  public void parsed(LogEvent event, long record) {
    events.add(event);
    records.add(record);
  }

  @Override
  public void quarantined(String reason, String raw, long record) {
    reasons.add(reason);
    records.add(record);
  }

  @Override
  public void skipped() {
    skipped++;
  }
}
