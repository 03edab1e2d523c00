package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.config.ConfigLoader;
import io.logyard.pipeline.Ingested;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Progress;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import io.logyard.sink.Staging;
import io.logyard.sink.TableSchemas;
import io.logyard.source.EventRow;
import io.logyard.source.LotReader;
import io.logyard.source.SourceObject;
import io.logyard.source.StagedRows;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain object bigger than a task's bytes ({@link LotReader#TASK_BYTES}, tiny here) is read as
 * several ranges by different tasks and ends exactly as the object read whole: the same rows,
 * event ids and line numbers, one ledger row with the full counts; a rerun finds nothing new,
 * and a replay of the object, read whole, leaves the same rows. The same lines gzip'd, or an object of a format whose header defines its columns,
 * are read whole. An object one of whose ranges the store would not serve is not read at all.
 */
class SplitObjectsTest {
  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();
  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  private static final Instant MTIME = Instant.parse("2026-11-20T11:00:00Z");
  private static final int LINES = 40;
  /** Bytes per task while splitting: the plain object (3.2 KB) is cut into 9 ranges; the gzip one is 453 bytes. */
  private static final String SPLIT = "400";

  /** Combined lines of different lengths; line 4 is bad, line 5 ends in CRLF, line 7 is empty, the last has no newline. */
  private static String content() {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= LINES; i++) {
      if (i == 4) {
        b.append("not a log line from 203.0.113.9\n");
      } else if (i == 7) {
        b.append("\n");
      } else {
        b.append("198.51.100.").append(i).append(" - - [20/Nov/2026:10:").append(String.format("%02d", i))
            .append(":00 +0000] \"GET /").append("p".repeat(i % 9)).append(" HTTP/1.1\" 200 ").append(i).append(" \"-\" \"ua\"")
            .append(i == 5 ? "\r\n" : i == LINES ? "" : "\n");
      }
    }
    return b.toString();
  }

  private <T> T withTaskBytes(String bytes, Supplier<T> body) {
    String before = spark.conf().get(LotReader.TASK_BYTES, null);
    spark.conf().set(LotReader.TASK_BYTES, bytes);
    try {
      return body.get();
    } finally {
      if (before == null) spark.conf().unset(LotReader.TASK_BYTES);
      else spark.conf().set(LotReader.TASK_BYTES, before);
    }
  }

  private static SourceObject object(String source, Path f) throws IOException {
    return new SourceObject(source, f.toUri().toString(), Files.size(f), MTIME.toEpochMilli(), null, Map.of());
  }

  private static LotReader.SourceSpec spec(String source, String format) {
    return new LotReader.SourceSpec(format, Map.of(), Map.of(), new EventRow.SourceMeta(source, "aws", null, "us-east-1", format));
  }

  private static List<String> sorted(Dataset<Row> rows) {
    List<String> out = new ArrayList<>(rows.drop(StagedRows.RANGE_START).collectAsList().stream().map(Row::toString).toList());
    out.sort(null);
    return out;
  }

  @Test
  void aLargePlainObjectIsReadInRangesWithTheRowsOfAWholeReadAndGzipOrHeaderObjectsAreNot() throws IOException {
    Path plain = Files.writeString(Files.createDirectories(dir.resolve("in")).resolve("access.log"), content());
    Path gz = dir.resolve("in/access.log.gz");
    try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(content().getBytes(StandardCharsets.UTF_8));
    }
    Path cloudfront = dir.resolve("in/cloudfront.log");
    try (InputStream in = getClass().getResourceAsStream("/formats/aws-cloudfront.log")) {
      Files.copy(in, cloudfront);
    }
    for (Path f : List.of(plain, gz, cloudfront)) assertTrue(Files.size(f) > Long.parseLong(SPLIT), f + " is bigger than a task");
    List<SourceObject> objects = List.of(object("plain", plain), object("gz", gz), object("cf", cloudfront));
    Map<String, LotReader.SourceSpec> specs = Map.of("plain", spec("plain", "combined"), "gz", spec("gz", "combined"),
        "cf", spec("cf", "aws-cloudfront"));
    LotReader.Run run = new LotReader.Run("run-1", 0L, 5, (level, message) -> null);

    String wholePath = dir.resolve("whole").toString();
    String splitPath = dir.resolve("split").toString();
    List<StagedRows.Task> wholeTasks = new ArrayList<>();
    List<StagedRows.Task> splitTasks = new ArrayList<>();
    try (Staging whole = Staging.write(spark, wholePath, null, writers -> keep(wholeTasks, LotReader.read(spark, objects, specs, ANONYMIZER, run, writers)));
        Staging split = withTaskBytes(SPLIT, () -> Staging.write(spark, splitPath, null,
            writers -> keep(splitTasks, LotReader.read(spark, objects, specs, ANONYMIZER, run, writers))))) {
      Map<String, Long> ranges = rangesPerSource(splitTasks);
      assertTrue(ranges.get("plain") >= 3, ranges.toString());
      assertEquals(1L, ranges.get("gz"), "a gzip object is read whole");
      assertEquals(1L, ranges.get("cf"), "an object whose header defines its columns is read whole");
      assertEquals(1L, rangesPerSource(wholeTasks).get("plain"));

      assertEquals(whole.counts(), split.counts());
      assertEquals(sorted(whole.parsed()), sorted(split.parsed()));
      assertEquals(sorted(whole.quarantined()), sorted(split.quarantined()));

      Staging.ObjectCounts plainCounts = split.counts().stream().filter(c -> c.sourceName().equals("plain")).findFirst().orElseThrow();
      assertEquals(List.of((long) LINES, (long) LINES - 2, 2L, 0L),
          List.of(plainCounts.linesRead(), plainCounts.parsed(), plainCounts.quarantined(), plainCounts.skipped()));
      assertEquals(List.of(4L, 7L), split.quarantined().filter("source_name = 'plain'").select("line_number").orderBy("line_number")
          .as(Encoders.LONG()).collectAsList(), "line numbers count from the object's first line");
      assertEquals(LINES, split.parsed().filter("source_name = 'plain'").selectExpr("max(line_number)").first().getLong(0),
          "the last line, without a newline, is read");
    }
  }

  private LotRun stages() {
    String yaml = """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        sources:
          - name: plain
            provider: aws
            uri: %s
            format: combined
        """.formatted(dir.resolve("wh"), dir.resolve("landing"));
    return LotRun.open(spark, ConfigLoader.parseYaml("test", yaml, Map.of(), Map.of()),
        new Progress(new PrintWriter(new StringWriter()), true), Clock.fixed(MTIME.plusSeconds(3600), ZoneOffset.UTC));
  }

  /** Ingests the lot with objects split (only the read: tiny file partitions slow Delta's reads), then aggregates it. */
  private Ingested ingestSplitting(LotRun s, String lotId) {
    Ingested i = withTaskBytes(SPLIT, () -> s.ingest(lotId, ANONYMIZER).sources(java.util.Set.of()).execute());
    s.aggregate(lotId).execute();
    return i;
  }

  private List<String> column(String table, String expr) {
    return spark.read().format("delta").load(dir.resolve("wh").resolve(table).toString()).selectExpr(expr + " AS c").orderBy("c")
        .as(Encoders.STRING()).collectAsList();
  }

  @Test
  void theLedgerShowsOneObjectWithItsFullCountsAndARerunOrReplayAddsNothing() throws IOException {
    Path f = Files.writeString(Files.createDirectories(dir.resolve("landing")).resolve("access.log"), content());
    Files.setLastModifiedTime(f, FileTime.from(MTIME));
    LotRun s = stages();
    String lot = s.plan().interval(null).execute().lotId();
    assertEquals(LINES, ingestSplitting(s, lot).linesRead());
    String ledger = "concat_ws(' ', lot_id, state, lines_read, rows_parsed, rows_quarantined, lines_skipped)";
    assertEquals(List.of(lot + " done " + LINES + " " + (LINES - 2) + " 2 0"), column(TableSchemas.LEDGER, ledger));
    List<String> events = column(TableSchemas.LOG_RESULTS, "concat_ws(' ', event_id, source_offset, client_ip, endpoint)");
    List<String> quarantine = column(TableSchemas.QUARANTINE, "concat_ws(' ', line_number, byte_offset, reason)");
    List<String> aggregates = column(TableSchemas.LOG_AGGREGATES, "concat_ws(' ', time_window, log_count)");
    assertEquals(LINES - 2, events.size());
    assertEquals(LINES - 2, events.stream().map(e -> e.split(" ")[0]).distinct().count(), "event ids are unique");
    assertEquals(2, quarantine.size(), quarantine.toString());
    assertTrue(quarantine.get(0).startsWith("4 ") && quarantine.get(1).startsWith("7 "),
        "the lines are numbered from the object's first, the empty one in the second range: " + quarantine);

    assertTrue(stages().plan().interval(null).execute().empty(), "a rerun finds nothing new");
    LotRun again = stages();
    String replay = again.plan().reprocess(List.of(f.toString())).execute().lotId();
    // read whole this time: event ids and line numbers do not depend on how the object was cut
    assertEquals(LINES, again.ingest(replay, ANONYMIZER).sources(java.util.Set.of()).execute().linesRead());
    again.aggregate(replay).execute();
    assertEquals(events, column(TableSchemas.LOG_RESULTS, "concat_ws(' ', event_id, source_offset, client_ip, endpoint)"));
    assertEquals(quarantine, column(TableSchemas.QUARANTINE, "concat_ws(' ', line_number, byte_offset, reason)"));
    assertEquals(aggregates, column(TableSchemas.LOG_AGGREGATES, "concat_ws(' ', time_window, log_count)"));
    List<String> ledgerRows = column(TableSchemas.LEDGER, ledger);
    assertTrue(ledgerRows.contains(replay + " done " + LINES + " " + (LINES - 2) + " 2 0"), ledgerRows.toString());
  }

  private static List<StagedRows.Task> keep(List<StagedRows.Task> into, List<StagedRows.Task> tasks) {
    into.addAll(tasks);
    return tasks;
  }

  /** Per source, how many parts of its objects were read (one counts record each). */
  private static Map<String, Long> rangesPerSource(List<StagedRows.Task> tasks) {
    Map<String, Long> out = new java.util.TreeMap<>();
    tasks.forEach(t -> t.counts().forEach(c -> out.merge(c.sourceName(), 1L, Long::sum)));
    return out;
  }

  private static StagedRows.RangeCounts range(String uri, long start, long lines, long quarantined, long emergencies, long windowSeconds) {
    long window = MTIME.plusSeconds(windowSeconds).toEpochMilli() * 1000L;
    return new StagedRows.RangeCounts(uri, "s", start, lines, lines, lines - quarantined, quarantined, 0, emergencies, List.of(window));
  }

  @Test
  void anObjectOneOfWhoseRangesWasNotReadIsNotReadAtAll() {
    List<StagedRows.RangeCounts> counts = List.of(range("a", 0, 5, 1, 0, 0), range("a", 100, 3, 0, 1, 300),
        range("b", 0, 2, 0, 0, 0), range("b", 100, 2, 0, 0, 0));
    List<StagedRows.Unread> unread = List.of(new StagedRows.Unread("b", "s", 200, "object read failed after byte 250: EOFException"));
    // line 2 of a's second range
    InternalRow bad = new GenericInternalRow(new Object[] {UTF8String.fromString("a"), 120L, null, null, null, UTF8String.fromString("s"),
        2L, 100L, UTF8String.fromString("bad"), null});
    try (Staging staging = Staging.write(spark, dir.resolve("staged").toString(), null, writers -> {
      try {
        StagedRows.Writer w = writers.open("0-0");
        w.quarantined(bad);
        return List.of(new StagedRows.Task(w.close(), counts, unread));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    })) {
      assertEquals(Map.of("b", "object read failed after byte 250: EOFException"), staging.unread());
      assertEquals(List.of(new Staging.ObjectCounts("a", "s", 8, 7, 1, 0, 1, List.of(MTIME, MTIME.plusSeconds(300)))), staging.counts(),
          "only the object read to its end, its ranges' counts and windows added up");
      assertEquals(List.of(7L), staging.quarantined().select("line_number").as(Encoders.LONG()).collectAsList(),
          "line 2 of the second range, after the first range's 5");
    }
  }
}
