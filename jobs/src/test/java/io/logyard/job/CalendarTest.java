package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logyard.config.LogyardConfig;
import io.logyard.pipeline.Interval;
import io.logyard.pipeline.PlanLot;
import io.logyard.pipeline.Progress;
import io.logyard.source.Discovery;
import io.logyard.source.Ledger;
import io.logyard.source.SourceObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard against tests and behaviour that depend on the calendar: everything that reads "now"
 * (discovery's lookback, the settle time, a backfill, an interval's days, retention's cut-off) is
 * checked for several todays, across month, year and leap-day boundaries and long after the
 * data was written, with data placed relative to each today.
 */
class CalendarTest {
  @TempDir Path root;

  private LogyardConfig.Source source() {
    return new LogyardConfig.Source("s", "gcp", root.toString(), "combined", "{yyyy}/{mm}/{dd}/{node}-{*}", null, null, Map.of(),
        Map.of(), LogyardConfig.Connection.NONE, LogyardConfig.Credentials.DEFAULT, 2, false);
  }

  /** An object of day {@code d} written at {@code time} UTC that day. */
  private void object(LocalDate d, String node, LocalTime time) throws IOException {
    Path p = root.resolve("%04d/%02d/%02d/%s-a.log".formatted(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), node));
    Files.createDirectories(p.getParent());
    Files.writeString(p, "x\n");
    Files.setLastModifiedTime(p, FileTime.from(d.atTime(time).toInstant(ZoneOffset.UTC)));
  }

  private List<String> nodes(List<SourceObject> objects) {
    return objects.stream().map(o -> o.vars().get("node")).sorted().toList();
  }

  private List<SourceObject> listed(LocalDate today, Interval interval, LocalDate since) {
    return Discovery.list(source(), new Configuration(), PlanLot.window(source(), interval, since, today)).objects();
  }

  @ParameterizedTest(name = "today {0}")
  @ValueSource(strings = {"2026-11-20", "2026-12-01", "2027-01-01", "2028-02-29", "2028-03-01", "2031-07-15"})
  void discoverySettleBackfillIntervalAndRetentionFollowTheClock(String todayText) throws IOException {
    LocalDate today = LocalDate.parse(todayText);
    Clock clock = Clock.fixed(today.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    LocalDate now = LocalDate.now(clock);
    object(now, "today", LocalTime.of(11, 0));
    object(now, "settling", LocalTime.of(11, 59, 30));
    object(now.minusDays(1), "yesterday", LocalTime.of(23, 50));
    object(now.minusDays(2), "before", LocalTime.of(10, 0));
    object(now.minusYears(1), "lastyear", LocalTime.of(10, 0));

    // the lookback (2 days) ending today: today's and yesterday's prefixes, nothing older
    List<SourceObject> lookback = listed(now, null, null);
    assertEquals(List.of("settling", "today", "yesterday"), nodes(lookback));
    // settle time of 60 s before the clock's now: the object written 30 s ago waits
    long settleBefore = clock.millis() - 60_000;
    PlanLot.Selection s = PlanLot.select(lookback, Map.of(), null, settleBefore);
    assertEquals(List.of("today", "yesterday"), nodes(s.taken()));
    assertEquals(1, s.waiting());
    // objects the ledger has seen unchanged are not taken again
    SourceObject seen = s.taken().get(0);
    assertEquals(1, PlanLot.select(lookback, Map.of(seen.uri(), new Ledger.Seen(seen.size(), seen.modificationTime(), null)),
        null, settleBefore).taken().size());

    // a backfill from a year ago lists every day in between
    assertEquals(List.of("before", "lastyear", "settling", "today", "yesterday"), nodes(listed(now, null, now.minusYears(1))));

    // an interval just after midnight lists its own day and the day before, whatever "now" is
    Interval night = new Interval(now.minusDays(1).atTime(23, 45).toInstant(ZoneOffset.UTC), now.atStartOfDay().toInstant(ZoneOffset.UTC));
    List<SourceObject> around = listed(now.plusYears(3), night, null);
    assertEquals(List.of("before", "yesterday"), nodes(around));
    assertEquals(List.of("yesterday"), nodes(PlanLot.select(around, Map.of(), night, Long.MAX_VALUE).taken()));

    // retention keeps `days` days ending today
    assertEquals(now.minusDays(29), MaintainJob.cutoff(now, 30));
    assertEquals(now, MaintainJob.cutoff(now, 1));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2026-11-20T10:00:00Z", "2026-12-31T23:59:00Z", "2027-06-01T00:00:00Z"})
  void progressLinesAlwaysCarrySeconds(String instant) {
    Instant i = Instant.parse(instant);
    assertEquals(instant.substring(11, 19), Progress.stamp(LocalTime.ofInstant(i, ZoneOffset.UTC)));
  }
}
