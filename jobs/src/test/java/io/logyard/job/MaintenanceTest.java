package io.logyard.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.logyard.Cli;
import io.logyard.SparkTestSession;
import io.logyard.sink.DeltaMaintenance;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.ParquetSink;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logyard maintain} over tiny tables: Delta table properties at creation, a dry run that
 * changes nothing, then retention per table (log_results by event date, quarantine by its
 * object's age in the ledger, the Parquet copy's old date partitions), OPTIMIZE and VACUUM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintenanceTest {
  @TempDir static Path dir;
  private SparkSession spark;
  private Tables tables;
  private Path conf;
  private String parquet;
  private static final LocalDate TODAY = LocalDate.parse("2026-11-21");

  @BeforeAll
  void setUp() throws Exception {
    spark = SparkTestSession.get();
    tables = new Tables(dir.resolve("warehouse").toString());
    parquet = dir.resolve("parquet").toString();
    conf = dir.resolve("maintain.yaml");
    Files.writeString(conf, """
        warehouse: {path: %s}
        outputs: {parquet: {path: %s}}
        retention:
          log_results: 30
          quarantine: 14
        sources:
          - {name: web, provider: aws, uri: %s, format: combined}
        """.formatted(dir.resolve("warehouse"), parquet, dir.resolve("landing")));

    // log_results: one old object (September), four recent ones; one commit each, so small files
    write(TableSchemas.LOG_RESULTS, "old", "2026-09-01");
    write(TableSchemas.LOG_RESULTS, "b", "2026-11-20");
    write(TableSchemas.LOG_RESULTS, "d", "2026-11-20");
    write(TableSchemas.LOG_RESULTS, "e", "2026-11-20");
    write(TableSchemas.LOG_RESULTS, "c", "2026-11-21");
    // quarantine rows of the old object and of a recent one; the ledger knows their ages
    for (String uri : List.of("old", "c")) {
      Dataset<Row> q = contract(spark.range(2).select(lit(uri).as("source_uri"), col("id").plus(1).as("line_number"),
          col("id").as("byte_offset"), lit("bad line").as("reason"), lit("aws").as("provider")), TableSchemas.QUARANTINE);
      DeltaSink.replace(spark, q, tables.path(TableSchemas.QUARANTINE), TableSchemas.QUARANTINE, "source_uri = '" + uri + "'");
    }
    Dataset<Row> ledger = contract(spark.sql("""
        SELECT 'old' AS uri, TIMESTAMP '2026-09-01 10:00:00' AS modification_time, 'lot-000001' AS lot_id, 'done' AS state, 'aws' AS provider
        UNION ALL SELECT 'c', TIMESTAMP '2026-11-21 10:00:00', 'lot-000002', 'done', 'aws'"""), TableSchemas.LEDGER);
    DeltaSink.replace(spark, ledger, tables.path(TableSchemas.LEDGER), TableSchemas.LEDGER, "true");
    ParquetSink.refresh(spark, table(TableSchemas.LOG_RESULTS), parquet, TableSchemas.LOG_RESULTS, "lot-test",
        Set.of("aws"), Set.of(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21")));
  }

  private void write(String table, String uri, String date) {
    Dataset<Row> rows = contract(spark.range(3).select(
        lit(uri).as("source_uri"), lit("aws").as("provider"),
        org.apache.spark.sql.functions.concat(lit(uri + "-"), col("id").cast("string")).as("event_id"),
        lit(java.sql.Date.valueOf(date)).as("event_date"),
        org.apache.spark.sql.functions.to_timestamp(lit(date + " 10:00:00")).as("timestamp")), table);
    DeltaSink.replace(spark, rows, tables.path(table), table, "source_uri = '" + uri + "'");
  }

  /** {@code df}'s columns, and nulls for the contract columns it lacks. */
  private static Dataset<Row> contract(Dataset<Row> df, String table) {
    List<Column> cols = new ArrayList<>();
    List<String> have = List.of(df.columns());
    for (StructField f : TableSchemas.schema(table).fields()) {
      cols.add(have.contains(f.name()) ? df.col(f.name()).cast(f.dataType()).as(f.name()) : lit(null).cast(f.dataType()).as(f.name()));
    }
    return df.select(cols.toArray(new Column[0]));
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(tables.path(name));
  }

  private long version(String name) {
    return DeltaTable.forPath(spark, tables.path(name)).history(1).select("version").first().getLong(0);
  }

  private String cli(String... args) {
    return Cli.run(0, args);
  }

  @Test
  @Order(1)
  void tablesAreCreatedWithTheDocumentedProperties() {
    for (String t : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE, TableSchemas.LEDGER)) {
      var props = DeltaSink.properties(spark, tables.path(t));
      DeltaSink.properties(t).forEach((k, v) -> assertEquals(v, props.get(k), t + " " + k));
    }
  }

  @Test
  @Order(2)
  void dryRunReportsAndChangesNothing() {
    long lr = version(TableSchemas.LOG_RESULTS), q = version(TableSchemas.QUARANTINE);
    String out = cli("maintain", "--conf", conf.toString(), "--dry-run", "--now", TODAY + "T09:00:00Z");
    assertTrue(out.contains("log_results     retention 30 days: would delete 3 rows before 2026-10-23"), out);
    assertTrue(out.contains("quarantine      retention 14 days: would delete 2 rows before 2026-11-08"), out);
    assertTrue(out.contains("log_results     parquet: would delete 1 date partitions before 2026-10-23"), out);
    assertEquals(lr, version(TableSchemas.LOG_RESULTS));
    assertEquals(q, version(TableSchemas.QUARANTINE));
    assertEquals(15, table(TableSchemas.LOG_RESULTS).count());
    assertTrue(Files.isDirectory(Path.of(parquet, "log_results/provider=aws/date=2026-09-01")));
  }

  @Test
  @Order(3)
  void retentionCompactionAndVacuum() {
    long filesBefore = DeltaMaintenance.files(spark, tables.path(TableSchemas.LOG_RESULTS)).files();
    assertTrue(filesBefore >= 5, "one file per write at least: " + filesBefore);
    // what an ingest killed before its commit left in log_results' directory, written 30 days ago
    // (VACUUM judges files by their age on disk); no commit refers to it
    Path attempt = Path.of(tables.path(TableSchemas.LOG_RESULTS).replaceFirst("^file:", "")).resolve("ingest-lot-000009-0123456789abcdef-run-x");
    List<Path> left = List.of(attempt.resolve("parsed/event_date=2026-11-20/part-00000-a.c000.snappy.parquet"),
        attempt.resolve("quarantined/part-00000-b.c000.snappy.parquet"));
    try {
      for (Path f : left) {
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(30))));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String out = cli("maintain", "--conf", conf.toString(), "--now", TODAY + "T09:00:00Z");
    for (Path f : left) assertFalse(Files.exists(f), "VACUUM removes a killed ingest's leftovers: " + f + "\n" + out);

    Dataset<Row> lr = table(TableSchemas.LOG_RESULTS);
    assertEquals(12, lr.count(), out);
    assertEquals(0, lr.filter(col("event_date").lt(java.sql.Date.valueOf("2026-10-23"))).count());
    assertEquals(List.of("c"), table(TableSchemas.QUARANTINE).select("source_uri").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), "the old object's quarantined lines are gone");
    assertEquals(2, table(TableSchemas.LEDGER).count(), "the ledger keeps every object");

    long filesAfter = DeltaMaintenance.files(spark, tables.path(TableSchemas.LOG_RESULTS)).files();
    assertEquals(2, filesAfter, "one file per remaining date partition after OPTIMIZE: " + out);
    assertTrue(out.matches("(?s).*log_results     optimize: \\d+ files compacted into 1 .*"), out);
    assertTrue(out.contains("vacuum: deleted 2 unreferenced files"),
        "files deleted minutes ago stay for the 7-day retention, a killed ingest's month-old leftovers go: " + out);
    assertTrue(table(TableSchemas.LOG_RESULTS).count() == 12, "readers still see every kept row after compaction");

    assertTrue(!Files.exists(Path.of(parquet, "log_results/provider=aws/date=2026-09-01")), "the old Parquet partition is deleted");
    assertTrue(Files.isDirectory(Path.of(parquet, "log_results/provider=aws/date=2026-11-20")));
  }
}
