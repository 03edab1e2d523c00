package io.logyard.cli;

import io.logyard.pipeline.Interval;
import picocli.CommandLine.Option;

/** Which lot a stage command works on: a lot id, or a scheduler's data interval. */
final class StageOptions {
  @Option(names = "--interval-start", paramLabel = "TIME",
      description = "Start of the data interval (ISO-8601, e.g. 2026-11-20T10:00:00Z): the lot holds the objects modified in [start, end).")
  String intervalStart;

  @Option(names = "--interval-end", paramLabel = "TIME", description = "End of the data interval (exclusive).")
  String intervalEnd;

  Interval interval() {
    return Interval.of(intervalStart, intervalEnd);
  }
}
