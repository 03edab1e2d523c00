package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.Cli;
import io.logyard.SparkTestSession;
import io.logyard.sink.ParquetSink;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet output through {@code run} and {@code export}: Hive-style partitions
 * (provider=/date=) holding exactly the Delta tables' rows, replaced (not appended) when a lot
 * is exported again or its objects are read again by another lot, with no staging leftovers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParquetExportTest {
  @TempDir static Path dir;
  private SparkSession spark;
  private Tables tables;
  private Path conf;
  private Path parquet;
  private String intervalStart;
  private String intervalEnd;

  @BeforeAll
  void setUp() throws IOException {
    spark = SparkTestSession.get();
    String local;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("conf/local.yaml")) {
      local = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    parquet = dir.resolve("parquet");
    conf = dir.resolve("parquet.yaml");
    Files.writeString(conf, local.replace("var/", dir.toAbsolutePath() + "/")
        .replace("bigquery:\n  enabled: false", "bigquery:\n  enabled: false\n\noutputs:\n  parquet:\n    path: " + parquet));
    tables = new Tables(dir.resolve("warehouse").toString());
  }

  private String cli(String... args) {
    return Cli.run(0, args);
  }

  private Dataset<Row> delta(String table) {
    return spark.read().format("delta").load(tables.path(table));
  }

  private Dataset<Row> copy(String table) {
    return spark.read().parquet(ParquetSink.tablePath(parquet.toString(), table));
  }

  /** Rows per (provider, date) partition, of the Delta table and of its Parquet copy. */
  private Map<String, Long> partitions(Dataset<Row> df, String dateColumn) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : df.groupBy("provider", dateColumn).count().collectAsList()) {
      m.put(r.get(0) + "/" + r.get(1), r.getLong(2));
    }
    return m;
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.walk(parquet)) {
      return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".parquet")).map(p -> parquet.relativize(p).toString()).sorted().toList();
    }
  }

  private void assertCopiesEqualDelta() {
    for (String t : ParquetSink.TABLES) {
      assertEquals(partitions(delta(t), "event_date"), partitions(copy(t), "date"), t + ": same rows in every partition");
      assertEquals(delta(t).count(), copy(t).count(), t);
    }
  }

  @Test
  @Order(1)
  void runWritesHivePartitionedCopies() throws IOException {
    Instant before = Instant.now().minusSeconds(5);
    cli("generate", "--out", dir.resolve("landing").toString(), "--minutes", "5", "--lines-per-minute", "6", "--providers", "aws,gcp");
    intervalStart = before.toString();
    intervalEnd = Instant.now().plusSeconds(1).toString();
    String out = cli("run", "--conf", conf.toString());
    assertTrue(out.contains("parquet log_results"), out);

    assertCopiesEqualDelta();
    assertTrue(Files.isDirectory(parquet.resolve("log_results").resolve("provider=aws")));
    assertTrue(files().stream().allMatch(f -> f.matches("(log_results|log_aggregates|emergency_logs)/provider=[a-z]+/date=\\d{4}-\\d{2}-\\d{2}/part-.*\\.parquet")),
        files().toString());
    assertFalse(Files.exists(parquet.resolve("_staging").resolve("log_results").resolve("lot-000001")), "no staging leftovers");
    // the copy's own columns are the contract's (the partition columns come from the path)
    assertEquals(List.of("provider", "date"),
        List.of(copy(TableSchemas.LOG_RESULTS).columns()).subList(copy(TableSchemas.LOG_RESULTS).columns().length - 2,
            copy(TableSchemas.LOG_RESULTS).columns().length));
  }

  @Test
  @Order(2)
  void exportingALotAgainReplacesItsPartitions() throws IOException {
    List<String> filesBefore = files();
    long rows = copy(TableSchemas.LOG_RESULTS).count();
    String out = cli("export", "--conf", conf.toString(), "--lot", "lot-000001");
    assertTrue(out.contains("partitions rebuilt"), out);
    assertEquals(rows, copy(TableSchemas.LOG_RESULTS).count(), "a re-export replaces, never appends");
    assertCopiesEqualDelta();
    assertEquals(filesBefore.size(), files().size());
    assertFalse(filesBefore.equals(files()), "the partitions were rewritten (new file names)");
  }

  @Test
  @Order(3)
  void rereadingTheObjectsInAnotherLotKeepsTheCopyExact() throws InterruptedException {
    Thread.sleep(1_500);
    long rows = copy(TableSchemas.LOG_RESULTS).count();
    // the interval's lot re-reads the objects lot-000001 read: their rows are replaced everywhere
    cli("run", "--conf", conf.toString(), "--interval-start", intervalStart, "--interval-end", intervalEnd);
    assertEquals(rows, delta(TableSchemas.LOG_RESULTS).count());
    assertEquals(rows, copy(TableSchemas.LOG_RESULTS).count());
    assertCopiesEqualDelta();
  }
}
