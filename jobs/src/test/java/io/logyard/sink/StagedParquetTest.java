package io.logyard.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import io.logyard.source.EventRow;
import io.logyard.source.LotReader;
import io.logyard.source.SourceObject;
import io.logyard.source.StagedRows;
import io.logyard.transform.WindowCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging area written straight from the reading tasks: parsed rows by day, as
 * log_results lays out its files (so that their direct commit works), with more days in one
 * task than it keeps writers open; quarantined lines apart; nothing else left in it.
 */
class StagedParquetTest {
  @TempDir Path dir;

  @Test
  void oneTaskWritingMoreDaysThanOpenWritersLeavesOneAreaOfExactlyItsRows() throws Exception {
    SparkSession spark = SparkTestSession.get();
    int days = StagedParquet.MAX_OPEN + 4;
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      // days out of order, each seen twice: writers are closed and reopened as another file
      int day = 1 + (d * 7) % days;
      lines.add(String.format("203.0.113.%d - - [%02d/Nov/2026:10:00:00 +0000] \"GET /d/%d HTTP/1.1\" 200 5 \"-\" \"curl/8\"",
          d + 1, day, d));
      lines.add(String.format("203.0.113.%d - - [%02d/Nov/2026:11:00:00 +0000] \"GET /e/%d HTTP/1.1\" 404 - \"-\" \"curl/8\"",
          d + 1, 1 + (day % days), d));
    }
    lines.add("not a log line");
    lines.add("");
    Path log = Files.writeString(dir.resolve("access.log"), String.join("\n", lines) + "\n");
    SourceObject o = new SourceObject("s", log.toUri().toString(), Files.size(log), 0L, null, Map.of());
    Anonymizer anonymizer = new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    Path area = dir.resolve("area");
    Path stale = Files.createDirectories(area.resolve("parsed/event_date=2026-01-01")).resolve("part-stale.parquet");
    Files.writeString(stale, "left by an earlier attempt");

    try (Staging staged = Staging.write(spark, area.toString(), new WindowCounts(5, 20), writers -> LotReader.read(spark, List.of(o),
        Map.of("s", new LotReader.SourceSpec("combined", Map.of(), Map.of(), new EventRow.SourceMeta("s", "local", "p", "r", "combined"))),
        anonymizer, new LotReader.Run("run-1", 0L, 5, (level, message) -> null), writers))) {
      assertFalse(Files.exists(stale), "the area replaces what was there");
      assertEquals(2L * days, staged.parsed().count());
      Staging.ObjectCounts counts = staged.counts().get(0);
      assertEquals(2L * days + 2, counts.linesRead());
      assertEquals(2L * days, counts.parsed());
      assertEquals(2L, counts.quarantined() + counts.skipped());
      // the window figures counted as the rows were written hold every parsed row with a timestamp, each once
      Staging.WindowFigures figures = staged.keepWindowFigures();
      assertEquals(2L * days, figures.read(spark, counts.windows()).selectExpr("sum(events)").first().getLong(0));
      assertEquals(2L * days, counts.windows().size(), "each row in a window of its own: " + counts.windows());
      List<Row> bad = staged.quarantined().collectAsList();
      assertTrue(bad.stream().anyMatch(r -> "not a log line".equals(r.getAs("raw_line"))), bad.toString());

      // every parsed file lies in its day's partition and holds only that day's rows
      List<DeltaSink.DataFile> files = staged.parsedFiles();
      Set<String> partitions = new TreeSet<>();
      long inFiles = 0;
      for (DeltaSink.DataFile f : files) {
        String day = f.partitionValues().get("event_date");
        partitions.add(day);
        List<Row> in = spark.read().parquet(f.path().toString()).selectExpr("cast(to_date(timestamp) as string) AS d").collectAsList();
        for (Row r : in) assertEquals(day, r.getString(0), f.path().toString());
        inFiles += in.size();
      }
      assertEquals(2L * days, inFiles);
      assertEquals(days, partitions.size(), partitions.toString());
      assertTrue(files.size() > days, "a day whose writer was closed gets a further file: " + files.size());
      Map<String, Long> perDay = files.stream().collect(java.util.stream.Collectors.groupingBy(
          f -> String.valueOf(f.partitionValues().get("event_date")), java.util.stream.Collectors.counting()));
      assertTrue(perDay.values().stream().allMatch(n -> n <= 2), "at most the task's file and one of its overflow per day: " + perDay);

      // parsed files hold the parsed rows' columns only; the others read as null
      List<String> columns = List.of(spark.read().parquet(files.get(0).path().toString()).columns());
      assertTrue(columns.containsAll(List.of("event_id", "timestamp", "source_uri", "line_number", "emergency_reason")), columns.toString());
      assertFalse(columns.contains("raw_line") || columns.contains("event_date") || columns.contains("kind"), columns.toString());

      // nothing in the area but the files of these rows: parsed rows', quarantined lines' and window figures' files
      try (var all = Files.walk(area)) {
        List<Path> data = all.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        assertEquals(2L * days, rowsIn(spark, data, "parsed"));
        assertEquals((long) bad.size(), rowsIn(spark, data, "quarantined"));
        assertEquals(2L * days, spark.read().parquet(data.stream().filter(p -> p.toString().contains("/windows/")).map(Path::toString)
            .toArray(String[]::new)).selectExpr("sum(events)").first().getLong(0), "the window figures' files");
        assertEquals(0, data.stream().filter(p -> !p.toString().matches(".*/(parsed|quarantined|windows)/.*")).count(), data.toString());
      }
    }
  }

  /**
   * Rows of many more days than open writers, interleaved (timestamps in random order): each
   * day still gets at most two files (the task's own, then one of its overflow laid out by day),
   * not a file per return of the day, and every row is in its day's file once.
   */
  @Test
  void rowsOfManyDaysInterleavedMakeAtMostTwoFilesPerDay() throws Exception {
    SparkSession spark = SparkTestSession.get();
    int days = 3 * StagedParquet.MAX_OPEN;
    int rounds = 6;
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      for (int d = 0; d < days; d++) {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 1, 1).plusDays((d * 5L + r) % days);
        lines.add(String.format("203.0.113.%d - - [%s:10:%02d:00 +0000] \"GET /r/%d HTTP/1.1\" 200 5 \"-\" \"curl/8\"",
            d + 1, day.format(java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy", java.util.Locale.ROOT)), r, r));
      }
    }
    Path log = Files.writeString(dir.resolve("interleaved.log"), String.join("\n", lines) + "\n");
    SourceObject o = new SourceObject("s", log.toUri().toString(), Files.size(log), 0L, null, Map.of());
    Anonymizer anonymizer = new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    Path area = dir.resolve("interleaved-area");
    try (Staging staged = Staging.write(spark, area.toString(), new WindowCounts(5, 20), writers -> LotReader.read(spark, List.of(o),
        Map.of("s", new LotReader.SourceSpec("combined", Map.of(), Map.of(), new EventRow.SourceMeta("s", "local", "p", "r", "combined"))),
        anonymizer, new LotReader.Run("run-1", 0L, 5, (level, message) -> null), writers))) {
      List<DeltaSink.DataFile> files = staged.parsedFiles();
      Map<String, Long> perDay = files.stream().collect(java.util.stream.Collectors.groupingBy(
          f -> String.valueOf(f.partitionValues().get("event_date")), java.util.stream.Collectors.counting()));
      assertEquals(days, perDay.size(), perDay.toString());
      assertTrue(perDay.values().stream().allMatch(n -> n <= 2), perDay.toString());
      long inFiles = 0;
      for (DeltaSink.DataFile f : files) {
        String day = f.partitionValues().get("event_date");
        List<Row> in = spark.read().parquet(f.path().toString()).selectExpr("cast(to_date(timestamp) as string) AS d").collectAsList();
        for (Row r : in) assertEquals(day, r.getString(0), f.path().toString());
        inFiles += in.size();
      }
      assertEquals((long) rounds * days, inFiles);
      assertEquals((long) rounds * days, staged.parsed().select("event_id").distinct().count(), "each row once");
      Staging.ObjectCounts counts = staged.counts().get(0);
      assertEquals((long) rounds * days, staged.keepWindowFigures().read(spark, counts.windows()).selectExpr("sum(events)").first().getLong(0),
          "the figures count each row once, in whichever file it went");
      try (var all = Files.walk(area)) {
        assertEquals(0, all.filter(p -> p.toString().contains("/overflow")).filter(p -> !p.getFileName().toString().startsWith("overflow-")).count(),
            "the overflow is gone once laid out");
      }
    }
  }

  private static long rowsIn(SparkSession spark, List<Path> files, String folder) {
    String[] paths = files.stream().filter(p -> p.toString().contains("/" + folder + "/")).map(Path::toString).toArray(String[]::new);
    return paths.length == 0 ? 0 : spark.read().parquet(paths).count();
  }

  /** What a failed or killed task attempt wrote is not among the reported files and is removed. */
  @Test
  void filesNoSuccessfulAttemptReportedAreRemoved() throws Exception {
    Path area = dir.resolve("area");
    Path kept = Files.createDirectories(area.resolve("parsed/event_date=2026-11-20")).resolve("part-0-7-a.snappy.parquet");
    Path failed = kept.resolveSibling("part-0-3-b.snappy.parquet");
    Path quarantine = Files.createDirectories(area.resolve("quarantined")).resolve("part-0-3-c.snappy.parquet");
    for (Path p : List.of(kept, failed, quarantine)) Files.writeString(p, "x");
    StagedParquet.removeUnreported(new org.apache.hadoop.conf.Configuration(), area.toString(), List.of(kept.toString()));
    assertTrue(Files.exists(kept));
    assertFalse(Files.exists(failed));
    assertFalse(Files.exists(quarantine));
  }

  /** A pass that fails (its job failed for good) leaves no area behind, and its error is the one raised. */
  @Test
  void aFailedPassLeavesNoArea() {
    SparkSession spark = SparkTestSession.get();
    Path area = dir.resolve("failed");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Staging.write(spark, area.toString(), null, writers -> {
      try {
        StagedRows.Writer w = writers.open("0-0");
        w.quarantined(new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(new Object[StagedRows.QUARANTINED.size()]));
        w.close();
      } catch (java.io.IOException x) {
        throw new java.io.UncheckedIOException(x);
      }
      assertTrue(Files.exists(area.resolve("quarantined")), "the task wrote its file");
      throw new IllegalStateException("job aborted");
    }));
    assertEquals("job aborted", e.getMessage());
    assertFalse(Files.exists(area), "the area is removed");
  }
}
