package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger is partitioned by the day an object's key names: discovery's lookup of the listed
 * objects reads their key days' partitions (and the null one), not the ledger's whole history.
 */
class LedgerKeyDaysTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  /** Longer than the 32 characters of Delta's string statistics: a URI's own statistics skip no file. */
  private static final String PREFIX = "file:/logs/AWSLogs/123456789012/elasticloadbalancing/us-east-1/";
  private static final Timestamp NOW = Timestamp.from(Instant.parse("2026-11-20T13:00:00Z"));

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
  }

  private static SourceObject object(String key, LocalDate day, long size) {
    Map<String, String> vars = day == null ? Map.of()
        : Map.of("yyyy", String.format("%04d", day.getYear()), "mm", String.format("%02d", day.getMonthValue()),
            "dd", String.format("%02d", day.getDayOfMonth()));
    return new SourceObject("s", PREFIX + key, size, Instant.parse("2026-11-20T12:00:00Z").toEpochMilli(), null, vars);
  }

  private static void ingest(Ledger ledger, String lotId, List<SourceObject> objects) {
    ledger.openLot(lotId, null, "run-" + lotId, objects, Map.of("s", "local"), NOW);
    Map<String, Ledger.Counts> counts = new java.util.LinkedHashMap<>();
    for (SourceObject o : objects) counts.put(o.uri(), new Ledger.Counts(3, 2, 1, 0, List.of()));
    ledger.markIngested(lotId, "run-" + lotId, counts, NOW, false);
    ledger.markDone(lotId, "run-" + lotId, NOW);
  }

  @Test
  void aListedObjectIsLookedUpInItsKeyDaysPartitionOnly() {
    String path = dir.resolve("ledger").toString();
    Ledger ledger = Ledger.open(spark, path);
    LocalDate first = LocalDate.of(2026, 11, 1);
    List<SourceObject> older = new ArrayList<>();
    // six days of lots, a lot per day
    for (int d = 0; d < 6; d++) {
      LocalDate day = first.plusDays(d);
      List<SourceObject> lot = List.of(object(day + "/a.log", day, 100), object(day + "/b.log", day, 200));
      ingest(ledger, ledger.nextLotId(), lot);
      older.addAll(lot);
    }
    ingest(ledger, ledger.nextLotId(), List.of(object("no-day.log", null, 50)));
    assertEquals("lot-000008", ledger.nextLotId(), "the next lot id, from the files' statistics");
    assertEquals(List.of("key_day"), DeltaSink.partitionColumns(spark, path));

    LocalDate last = first.plusDays(5);
    // what discovery lists: the last day's two objects (one rewritten), one new object of that day
    List<SourceObject> listed = List.of(object(last + "/a.log", last, 100), object(last + "/b.log", last, 999),
        object(last + "/c.log", last, 10));
    Dataset<Row> lookup = ledger.versions(listed);
    assertEquals(2, filesRead(lookup), "the last day's partition and the null one, of 7");
    Map<String, Ledger.Seen> seen = ledger.committed(listed);
    assertEquals(2, seen.size());
    assertTrue(seen.get(PREFIX + last + "/a.log").sameAs(listed.get(0)));
    assertFalse(seen.get(PREFIX + last + "/b.log").sameAs(listed.get(1)), "rewritten: size 200 -> 999");
    assertNull(seen.get(PREFIX + last + "/c.log"));

    // an object whose template names no day may have a row anywhere: every partition is read
    List<SourceObject> dayless = List.of(object("no-day.log", null, 50), object(last + "/a.log", last, 100));
    assertEquals(7, filesRead(ledger.versions(dayless)));
    assertEquals(2, ledger.committed(dayless).size());

    // a rewritten object's earlier rows are found in its key day's partition
    Map<String, Ledger.Earlier> earlier = ledger.earlier(List.of(listed.get(1)), "lot-999999");
    assertEquals(List.of(LocalDate.of(2026, 11, 20)), List.copyOf(earlier.get(listed.get(1).uri()).days()));
  }

  @Test
  void aLedgerWrittenBeforeKeyDaysIsRepartitionedOnceAndStillAnswers() {
    String path = dir.resolve("old-ledger").toString();
    StructType full = TableSchemas.schema(TableSchemas.LEDGER);
    StructType old = new StructType(java.util.Arrays.stream(full.fields())
        .filter(f -> !f.name().equals("key_day")).toArray(StructField[]::new));
    Timestamp mtime = Timestamp.from(Instant.parse("2026-11-20T12:00:00Z"));
    List<Row> rows = List.of(
        RowFactory.create("s", "local", PREFIX + "2026-11-03/a.log", 100L, mtime, null, "lot-000001", null, "done",
            3L, 2L, 1L, 0L, List.of(), NOW, NOW, "run-1"),
        RowFactory.create(null, null, null, null, null, null, "lot-000002", null, "empty",
            0L, 0L, 0L, 0L, List.of(), NOW, NOW, "run-2"));
    spark.createDataFrame(rows, old).write().format("delta").save(path);

    Ledger ledger = Ledger.open(spark, path);
    assertEquals(List.of("key_day"), DeltaSink.partitionColumns(spark, path));
    Dataset<Row> table = DeltaSink.read(spark, path);
    assertEquals(2, table.count());
    assertEquals(2, table.filter("key_day IS NULL").count(), "earlier rows have no key day");
    assertEquals("lot-000003", ledger.nextLotId());
    SourceObject a = object("2026-11-03/a.log", LocalDate.of(2026, 11, 3), 100);
    assertTrue(ledger.committed(List.of(a)).get(a.uri()).sameAs(a), "found in the null partition");

    long versions = DeltaSink.read(spark, path).sparkSession().sql("DESCRIBE HISTORY delta.`" + path + "`").count();
    Ledger.open(spark, path);
    assertEquals(versions, spark.sql("DESCRIBE HISTORY delta.`" + path + "`").count(), "rewritten once, not per open");
  }

  /** The data files the scan of {@code df} read, after Delta's partition pruning and skipping. */
  private static long filesRead(Dataset<Row> df) {
    df.collectAsList();
    SparkPlan plan = df.queryExecution().executedPlan();
    if (plan instanceof AdaptiveSparkPlanExec a) plan = a.executedPlan();
    long n = 0;
    for (SparkPlan p : scala.collection.JavaConverters.seqAsJavaList(plan.collectLeaves())) {
      if (p instanceof FileSourceScanExec s) n += s.metrics().apply("numFiles").value();
    }
    return n;
  }
}
