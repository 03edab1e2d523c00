package io.logyard.cli;

import io.logyard.pipeline.Interval;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The lot a stage works on: given by id, or by the data interval it was discovered for. */
final class LotOptions {
  @Option(names = "--lot", paramLabel = "LOT", description = "The lot id, as discover or status print it.")
  String lot;

  @ArgGroup(exclusive = false)
  StageOptions interval;

  String lotId() {
    Interval i = interval == null ? null : interval.interval();
    if (lot != null && i != null) throw new IllegalArgumentException("give --lot or the interval, not both");
    if (lot == null && i == null) throw new IllegalArgumentException("which lot? give --lot LOT or --interval-start/--interval-end");
    return lot != null ? lot : i.lotId();
  }
}
