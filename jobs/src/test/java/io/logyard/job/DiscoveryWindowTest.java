package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logyard.config.LogyardConfig;
import io.logyard.pipeline.Interval;
import io.logyard.pipeline.PlanLot;
import io.logyard.source.Discovery;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which days' prefixes a run lists: the lookback ending today, a backfill, or around an interval. */
class DiscoveryWindowTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  private static LogyardConfig.Source source(int lookback) {
    return new LogyardConfig.Source("s", "aws", "s3a://b/x", "combined", "{yyyy}/{mm}/{dd}/{*}", null, null, Map.of(), Map.of(),
        LogyardConfig.Connection.NONE, LogyardConfig.Credentials.DEFAULT, lookback, false);
  }

  @Test
  void lookbackEndsToday() {
    assertEquals(new Discovery.Window(LocalDate.of(2026, 11, 20), TODAY), PlanLot.window(source(2), null, null, TODAY));
    assertEquals(new Discovery.Window(TODAY, TODAY), PlanLot.window(source(1), null, null, TODAY));
  }

  @Test
  void sinceStartsABackfill() {
    assertEquals(new Discovery.Window(LocalDate.of(2026, 10, 1), TODAY),
        PlanLot.window(source(2), null, LocalDate.of(2026, 10, 1), TODAY));
  }

  @Test
  void anIntervalListsItsOwnDaysNotToday() {
    Interval i = new Interval(Instant.parse("2026-11-01T23:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));
    assertEquals(new Discovery.Window(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 1)), PlanLot.window(source(2), i, null, TODAY));
  }
}
