package io.logyard.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/**
 * The instant a command takes as "now": discovery's lookback days, the settle time, run ids,
 * ledger timestamps and retention's cut-off all come from this one clock. Hidden: for tests and
 * replays; by default the system clock (UTC).
 */
public final class ClockOption {
  @Option(names = "--now", paramLabel = "INSTANT", hidden = true,
      description = "Take this instant (ISO-8601, e.g. 2026-11-20T12:00:00Z) as now. Default: the system clock.")
  Instant now;

  public Clock clock() {
    return now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
  }
}
