package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logyard.SparkTestSession;
import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import io.logyard.generate.GeneratorOptions;
import io.logyard.generate.LogGenerator;
import io.logyard.generate.Provider;
import io.logyard.pipeline.Interval;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Plan;
import io.logyard.pipeline.Progress;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The actions of a run one at a time: a run cut short is finished by the next; an interval rerun replaces. */
class LotActionsTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  private static final Instant MTIME = Instant.parse("2026-11-20T12:07:00Z");
  /** "Now" for every run of this test: an hour after the objects were written, whatever today is. */
  private static final Clock CLOCK = Clock.fixed(MTIME.plusSeconds(3600), ZoneOffset.UTC);

  @BeforeAll
  static void setUp() throws IOException {
    spark = SparkTestSession.get();
    GeneratorOptions o = GeneratorOptions.defaults();
    LogGenerator.generate(new GeneratorOptions(List.of(Provider.GCP), o.start(), 10, 8, 3, 0.05, 0.02, 0.02, 1), dir.resolve("landing"));
    try (Stream<Path> files = Files.walk(dir.resolve("landing"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) Files.setLastModifiedTime(f, FileTime.from(MTIME));
    }
  }

  private static LogyardConfig config(String warehouse) {
    String yaml = """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        sources:
          - name: gcp-access
            provider: gcp
            uri: %s/landing/gcp/logyard-logs-gcp/access
            path_template: "{yyyy}/{mm}/{dd}/{node}-{*}"
            format: combined
            project_id: logyard-demo
            region: us-central1
          - name: gcp-app
            provider: gcp
            uri: %s/landing/gcp/logyard-logs-gcp/app
            path_template: "{yyyy}/{mm}/{dd}/{node}-{*}"
            format: json
            project_id: logyard-demo
        """.formatted(dir.resolve(warehouse), dir, dir);
    return ConfigLoader.parseYaml("test", yaml, Map.of(), Map.of());
  }

  private static LotRun stages(String warehouse) {
    return LotRun.open(spark, config(warehouse), new Progress(new PrintWriter(new StringWriter()), true), CLOCK);
  }

  private static Map<String, Long> counts(Tables t) {
    return Map.of(
        TableSchemas.LOG_RESULTS, spark.read().format("delta").load(t.path(TableSchemas.LOG_RESULTS)).count(),
        TableSchemas.QUARANTINE, spark.read().format("delta").load(t.path(TableSchemas.QUARANTINE)).count(),
        TableSchemas.EMERGENCY_LOGS, spark.read().format("delta").load(t.path(TableSchemas.EMERGENCY_LOGS)).count(),
        TableSchemas.LOG_AGGREGATES, spark.read().format("delta").load(t.path(TableSchemas.LOG_AGGREGATES)).count());
  }

  private static List<String> eventIds(Tables t) {
    return spark.read().format("delta").load(t.path(TableSchemas.LOG_RESULTS)).select("event_id").orderBy("event_id")
        .as(Encoders.STRING()).collectAsList();
  }

  @Test
  void twoSourcesThatListTheSameObjectAreRefusedBeforeAnythingIsRecorded() {
    String yaml = """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        sources:
          - {name: gcp-access, provider: gcp, uri: %s/landing/gcp/logyard-logs-gcp/access, path_template: "{yyyy}/{mm}/{dd}/{node}-{*}", format: combined}
          - {name: everything, provider: gcp, uri: %s/landing/gcp/logyard-logs-gcp, path_template: "access/{yyyy}/{mm}/{dd}/{node}-{*}", format: combined}
        """.formatted(dir.resolve("shared"), dir, dir);
    LogyardConfig config = ConfigLoader.parseYaml("test", yaml, Map.of(), Map.of());
    LotRun run = LotRun.open(spark, config, new Progress(new PrintWriter(new StringWriter()), true), CLOCK);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.plan().interval(null).execute());
    assertTrue(e.getMessage().startsWith("sources 'gcp-access' and 'everything' both list "), e.getMessage());
    assertTrue(e.getMessage().contains("/landing/gcp/logyard-logs-gcp/access/"), e.getMessage());
    assertEquals(0, spark.read().format("delta").load(run.tables().path(TableSchemas.LEDGER)).count(), "no lot was opened");
  }

  @Test
  void aRunCutShortAfterIngestIsFinishedByTheNextAndEqualsACleanRun() {
    LotRun clean = stages("clean");
    RunJob.run(clean, ANONYMIZER, null);

    LotRun cut = stages("cut");
    Plan plan = cut.plan().interval(null).execute();
    assertEquals(plan.objectCount(), plan.pending().stream().mapToInt(Plan.Pending::objects).sum());
    assertTrue(plan.pending().stream().anyMatch(p -> p.source().equals("gcp-access") && p.bytes() > 0), plan.pending().toString());
    cut.ingest(plan.lotId(), ANONYMIZER).sources(Set.of("gcp-access")).execute();
    // the process dies here: one source ingested, the other pending, no aggregates
    Plan left = stages("cut").plan().interval(null).execute();
    assertTrue(left.resumed());
    assertEquals(plan.pending().stream().filter(p -> !p.source().equals("gcp-access")).toList(), left.pending(),
        "a resumed lot lists only the sources still to ingest");

    List<RunJob.Summary> resumed = RunJob.run(stages("cut"), ANONYMIZER, null);
    assertTrue(resumed.get(0).resumed(), resumed.toString());
    assertEquals(plan.lotId(), resumed.get(0).lotId());
    assertEquals(counts(clean.tables()), counts(cut.tables()));
    assertEquals(eventIds(clean.tables()), eventIds(cut.tables()));
    long ingestedTwice = spark.read().format("delta").load(cut.tables().path(TableSchemas.LEDGER))
        .filter("lot_id = '" + plan.lotId() + "' AND state = 'done'").count();
    assertEquals(plan.objectCount(), ingestedTwice, "every object of the lot is done once");
  }

  @Test
  void aRunCommitsItsCountsWithTheDoneMarkAndOneThatDiesBeforeAggregatingIsRedoneExactly() {
    LotRun clean = stages("held-clean");
    RunJob.run(clean, ANONYMIZER, null);
    String ledger = clean.tables().path(TableSchemas.LEDGER);
    List<String> operations = io.delta.tables.DeltaTable.forPath(spark, ledger).history().orderBy("version")
        .select("operation").as(Encoders.STRING()).collectAsList();
    assertEquals(List.of("CREATE TABLE", "WRITE", "MERGE"), operations, "the lot is opened, then done with its counts, in one commit");

    LotRun cut = stages("held-cut");
    Plan plan = cut.plan().interval(null).execute();
    cut.ingest(plan.lotId(), ANONYMIZER).sources(Set.of()).aggregatedNext(true).execute();
    // the process dies here, its rows written, the ledger's counts held for the done mark
    String cutLedger = cut.tables().path(TableSchemas.LEDGER);
    assertEquals(plan.objectCount(), spark.read().format("delta").load(cutLedger)
        .filter("lot_id = '" + plan.lotId() + "' AND state = 'pending'").count(), "nothing is marked before the done mark");

    List<RunJob.Summary> resumed = RunJob.run(stages("held-cut"), ANONYMIZER, null);
    assertTrue(resumed.get(0).resumed(), resumed.toString());
    // (the run then looks for more and records that nothing new arrived)
    assertEquals(counts(clean.tables()), counts(cut.tables()));
    assertEquals(eventIds(clean.tables()), eventIds(cut.tables()));
    String figures = "uri, state, lines_read, rows_parsed, rows_quarantined, lines_skipped, windows";
    assertEquals(spark.read().format("delta").load(ledger).selectExpr(figures.split(", ")).orderBy("uri").collectAsList(),
        spark.read().format("delta").load(cutLedger).filter("state <> 'empty'").selectExpr(figures.split(", ")).orderBy("uri")
            .collectAsList(),
        "the same objects done with the same counts and windows");
  }

  @Test
  void anObjectRewrittenSinceItWasReadReplacesItsRowsWhileANewOneIsOnlyAdded() throws IOException {
    Path landing = dir.resolve("changing");
    Files.createDirectories(landing);
    String line = "203.0.113.%d - - [20/Nov/2026:12:0%d:00 +0000] \"GET /p%d HTTP/1.1\" 200 5 \"-\" \"t\"\n";
    Path a = landing.resolve("a.log");
    Files.writeString(a, line.formatted(1, 1, 1) + line.formatted(2, 2, 2) + line.formatted(3, 3, 3));
    Files.setLastModifiedTime(a, FileTime.from(MTIME));
    LogyardConfig c = ConfigLoader.parseYaml("test", """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        sources:
          - {name: web, provider: local, uri: %s, format: combined}
        """.formatted(dir.resolve("changing-wh"), landing), Map.of(), Map.of());
    LotRun first = LotRun.open(spark, c, new Progress(new PrintWriter(new StringWriter()), true), CLOCK);
    RunJob.run(first, ANONYMIZER, null);
    for (String table : List.of(TableSchemas.QUARANTINE, TableSchemas.EMERGENCY_LOGS)) {
      assertEquals(List.of("CREATE TABLE"), io.delta.tables.DeltaTable.forPath(spark, first.tables().path(table)).history()
          .select("operation").as(Encoders.STRING()).collectAsList(), table + ": no rows for it, no commit");
    }

    Files.writeString(a, line.formatted(4, 4, 4) + line.formatted(5, 5, 5));
    Files.setLastModifiedTime(a, FileTime.from(MTIME.plusSeconds(60)));
    Path b = landing.resolve("b.log");
    Files.writeString(b, line.formatted(6, 6, 6));
    Files.setLastModifiedTime(b, FileTime.from(MTIME.plusSeconds(60)));
    LotRun second = LotRun.open(spark, c, new Progress(new PrintWriter(new StringWriter()), true), CLOCK);
    RunJob.run(second, ANONYMIZER, null);

    List<String> endpoints = spark.read().format("delta").load(second.tables().path(TableSchemas.LOG_RESULTS))
        .orderBy("endpoint").select("endpoint").as(Encoders.STRING()).collectAsList();
    assertEquals(List.of("/p4", "/p5", "/p6"), endpoints, "a.log's earlier rows replaced by its new ones, b.log's added");
  }

  @Test
  void rerunningADataIntervalReplacesItsRowsAndAggregateWaitsForIngest() {
    Interval interval = new Interval(Instant.parse("2026-11-20T12:00:00Z"), Instant.parse("2026-11-20T12:15:00Z"));
    LotRun s = stages("interval");
    Plan plan = s.plan().interval(interval).execute();
    assertEquals("ivl-20261120T120000Z", plan.lotId());
    IllegalStateException early = assertThrows(IllegalStateException.class, () -> s.aggregate(plan.lotId()).execute());
    assertTrue(early.getMessage().contains("not ingested"), early.getMessage());
    s.ingest(plan.lotId(), ANONYMIZER).sources(Set.of()).execute();
    s.aggregate(plan.lotId()).execute();
    Map<String, Long> first = counts(s.tables());
    assertTrue(first.get(TableSchemas.LOG_RESULTS) > 0);

    RunJob.run(stages("interval"), ANONYMIZER, interval);
    assertEquals(first, counts(s.tables()), "an interval's rerun replaces, never appends");

    Plan before = stages("interval").plan().interval(new Interval(Instant.parse("2026-11-20T11:00:00Z"), Instant.parse("2026-11-20T11:15:00Z"))).execute();
    assertTrue(before.empty(), "no object was modified in that interval");
  }

  @Test
  void aFreshLotsParsedRowsAreCommittedAsStagedWithBoundsThatHoldEveryRow() throws Exception {
    LotRun s = stages("direct");
    RunJob.run(s, ANONYMIZER, null);
    String path = s.tables().path(TableSchemas.LOG_RESULTS);
    var snapshot = DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty());
    List<AddFile> files = snapshot.allFiles().collectAsList();
    long rows = spark.read().format("delta").load(path).count();
    assertTrue(rows > 0 && !files.isEmpty());

    ObjectMapper json = new ObjectMapper();
    Map<String, long[]> actual = new java.util.HashMap<>();
    for (Row r : spark.read().format("delta").load(path).groupBy(functions.input_file_name().as("f"))
        .agg(functions.count("*"), functions.min("timestamp"), functions.max("timestamp"), functions.min("http_status"),
            functions.max("http_status"))
        .collectAsList()) {
      actual.put(r.getString(0).substring(r.getString(0).indexOf("/ingest-") + 1), new long[] {r.getLong(1),
          ((Timestamp) r.get(2)).toInstant().toEpochMilli(), ((Timestamp) r.get(3)).toInstant().toEpochMilli(),
          r.isNullAt(4) ? Long.MIN_VALUE : r.getLong(4), r.isNullAt(5) ? Long.MIN_VALUE : r.getLong(5)});
    }
    long counted = 0;
    for (AddFile f : files) {
      assertTrue(f.path().startsWith("ingest-lot-"), "the staged file itself, not a rewrite: " + f.path());
      assertEquals(f.partitionValues().get("event_date").get(), f.path().replaceAll(".*/event_date=([^/]+)/.*", "$1"));
      JsonNode stats = json.readTree(f.stats());
      long[] a = actual.get(f.path());
      assertEquals(a[0], stats.get("numRecords").asLong(), f.path());
      counted += stats.get("numRecords").asLong();
      long min = Instant.parse(stats.get("minValues").get("timestamp").asText()).toEpochMilli();
      long max = Instant.parse(stats.get("maxValues").get("timestamp").asText()).toEpochMilli();
      assertTrue(min <= a[1] && a[2] <= max, "timestamp bounds hold every row of " + f.path());
      assertEquals(0, stats.get("nullCount").get("timestamp").asLong());
      if (a[3] != Long.MIN_VALUE) {
        assertTrue(stats.get("minValues").get("http_status").asLong() <= a[3] && a[4] <= stats.get("maxValues").get("http_status").asLong());
      }
    }
    assertEquals(rows, counted, "numRecords adds up to the table's rows");
    try (Stream<Path> left = Files.list(Path.of(java.net.URI.create(path)))) {
      for (Path ingest : left.filter(p -> p.getFileName().toString().startsWith("ingest-")).toList()) {
        try (Stream<Path> kinds = Files.list(ingest)) {
          assertEquals(List.of("parsed"), kinds.map(p -> p.getFileName().toString()).toList(), "only the committed files stay");
        }
      }
    }

    // the commit is idempotent: the same write again changes nothing
    var txns = snapshot.transactions();
    String appId = txns.keys().head();
    long version = (Long) txns.apply(appId);
    List<DeltaSink.DataFile> again = files.stream().map(f -> new DeltaSink.DataFile(
        new org.apache.hadoop.fs.Path(path, f.path()), f.size(), f.modificationTime(), Map.of("event_date", f.partitionValues().get("event_date").get())))
        .toList();
    assertFalse(DeltaSink.commit(spark, again, path, TableSchemas.LOG_RESULTS, new DeltaSink.Write(appId, version, null)));
    assertEquals(rows, spark.read().format("delta").load(path).count());
  }
}
