package io.logyard.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The predicate that replaces a lot's windows in log_aggregates: consecutive windows as one range. */
class WindowPredicateTest {

  @Test
  void consecutiveWindowsBecomeOneRangeAndLoneOnesAnEquality() {
    List<Instant> windows = List.of(Instant.parse("2026-11-20T00:05:00Z"), Instant.parse("2026-11-20T00:00:00Z"),
        Instant.parse("2026-11-20T00:10:00Z"), Instant.parse("2026-11-20T01:00:00Z"), Instant.parse("2026-11-21T23:55:00Z"),
        Instant.parse("2026-11-22T00:00:00Z"));
    assertEquals("event_date IN (DATE '2026-11-20', DATE '2026-11-21', DATE '2026-11-22') AND ("
        + "(time_window >= TIMESTAMP '2026-11-20T00:00:00Z' AND time_window <= TIMESTAMP '2026-11-20T00:10:00Z')"
        + " OR time_window = TIMESTAMP '2026-11-20T01:00:00Z'"
        + " OR (time_window >= TIMESTAMP '2026-11-21T23:55:00Z' AND time_window <= TIMESTAMP '2026-11-22T00:00:00Z'))",
        DeltaSink.inWindows(windows, 5));
  }

  @Test
  void aYearOfWindowsIsOneRange() {
    List<Instant> windows = new ArrayList<>();
    for (Instant w = Instant.parse("2026-01-01T00:00:00Z"); w.isBefore(Instant.parse("2027-01-01T00:00:00Z")); w = w.plusSeconds(300)) {
      windows.add(w);
    }
    String p = DeltaSink.inWindows(windows, 5);
    assertEquals(1, p.split("time_window >=", -1).length - 1, "one range");
    assertEquals(false, p.contains("time_window ="), "no single windows");
  }
}
