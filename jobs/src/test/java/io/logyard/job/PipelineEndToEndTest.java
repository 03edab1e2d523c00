package io.logyard.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.logyard.Cli;
import io.logyard.SparkTestSession;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The walking skeleton end to end, through the CLI's entry point: generate sample logs for four
 * providers, run the pipeline, check every table and the ledger's reconciliation, run again
 * (nothing changes but an empty lot), then add logs and check only they are read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {
  @TempDir static Path dir;
  private Path conf;
  private SparkSession spark;
  private Tables tables;
  private long firstGenerationLines;
  private Map<String, Long> afterFirstRun;
  private Map<String, Long> versionsAfterFirstRun;

  @BeforeAll
  void setUp() throws IOException {
    spark = SparkTestSession.get();
    String local;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("conf/local.yaml")) {
      local = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    conf = dir.resolve("test.yaml");
    Files.writeString(conf, local.replace("var/", dir.toAbsolutePath() + "/"));
    tables = new Tables(dir.resolve("warehouse").toString());
  }

  private String cli(int expectedExit, String... args) {
    return Cli.run(expectedExit, args);
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(tables.path(name));
  }

  private Map<String, Long> counts() {
    Map<String, Long> m = new HashMap<>();
    for (String t : TableSchemas.TABLES) m.put(t, table(t).count());
    return m;
  }

  private Map<String, Long> versions() {
    Map<String, Long> m = new HashMap<>();
    for (String t : TableSchemas.TABLES) {
      m.put(t, DeltaTable.forPath(spark, tables.path(t)).history(1).select("version").first().getLong(0));
    }
    return m;
  }

  private static long countLines(Path root) throws IOException {
    long n = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        InputStream raw = Files.newInputStream(f);
        try (InputStream in = f.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(raw) : raw) {
          for (byte b : in.readAllBytes()) if (b == '\n') n++;
        }
      }
    }
    return n;
  }

  @Test
  @Order(1)
  void firstRunFillsEveryTableAndReconciles() throws IOException {
    cli(0, "generate", "--out", dir.resolve("landing").toString(), "--minutes", "10", "--lines-per-minute", "12");
    firstGenerationLines = countLines(dir.resolve("landing"));
    String out = cli(0, "run", "--conf", conf.toString());
    assertTrue(out.contains("lot-000001"), out);

    Dataset<Row> lr = table(TableSchemas.LOG_RESULTS);
    List<String> providers = lr.select("provider").distinct().orderBy("provider").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(List.of("aws", "azure", "gcp", "oci"), providers);
    assertEquals(0, lr.filter(col("event_id").isNull().or(col("project_id").isNull()).or(col("nodeName").isNull())).count());
    assertEquals(lr.count(), lr.select("event_id").distinct().count(), "event ids are unique");

    Row ledger = table(TableSchemas.LEDGER).filter(col("state").equalTo("done"))
        .selectExpr("sum(lines_read)", "sum(rows_parsed)", "sum(rows_quarantined)", "sum(lines_skipped)", "count(*)").first();
    assertEquals(firstGenerationLines, ledger.getLong(0), "every line of every file is accounted for");
    assertEquals(ledger.getLong(0), ledger.getLong(1) + ledger.getLong(2) + ledger.getLong(3));
    assertEquals(lr.count(), ledger.getLong(1));
    assertEquals(table(TableSchemas.QUARANTINE).count(), ledger.getLong(2));
    assertTrue(ledger.getLong(2) > 0, "the generator's malformed lines are quarantined");
    assertEquals(0, table(TableSchemas.QUARANTINE).filter(col("reason").isNull().or(col("reason").equalTo(""))).count());

    assertTrue(table(TableSchemas.EMERGENCY_LOGS).count() > 0);
    assertEquals(0, table(TableSchemas.EMERGENCY_LOGS).join(lr, "event_id", "left_anti").count(), "every emergency is an event");
    long aggregated = table(TableSchemas.LOG_AGGREGATES).selectExpr("sum(log_count)").first().getLong(0);
    assertEquals(lr.filter(col("timestamp").isNotNull()).count(), aggregated);

    for (String t : TableSchemas.TABLES) {
      assertEquals(TableSchemas.shape(TableSchemas.schema(t)), TableSchemas.shape(table(t).schema()), t + " matches schemas/" + t + ".json");
    }
    afterFirstRun = counts();
    versionsAfterFirstRun = versions();
  }

  @Test
  @Order(2)
  void noTableHoldsAFullClientAddress() {
    Dataset<Row> lr = table(TableSchemas.LOG_RESULTS);
    assertEquals(0, lr.filter(col("client_ip").rlike("^\\d+\\.\\d+\\.\\d+\\.[1-9]\\d*$")).count(), "IPv4 keeps three octets");
    assertEquals(0, lr.filter(col("client_ip").contains(":").and(col("client_ip").endsWith("::").unary_$bang())).count(),
        "IPv6 keeps 64 bits");
    String fullV4 = "(^|[^0-9.])(\\d{1,3}\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d?)([^0-9.]|$)";
    for (String c : List.of("message", "referrer", "user_agent", "endpoint", "public_ip", "private_ip")) {
      assertEquals(0, lr.filter(col(c).rlike(fullV4)).count(), c + " holds no full IPv4 address");
    }
    assertEquals(0, table(TableSchemas.QUARANTINE).filter(col("raw_line").rlike(fullV4)).count());
    assertEquals(0, table(TableSchemas.QUARANTINE).filter(col("reason").rlike(fullV4)).count(),
        "quarantine reasons are scrubbed like the data");
    assertEquals(0, table(TableSchemas.QUARANTINE)
        .filter(col("reason").rlike("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}")).count());
    assertEquals(0, lr.filter(col("message").rlike("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}")).count(), "no e-mail address");
  }

  @Test
  @Order(3)
  void secondRunChangesNothingButRecordsAnEmptyLot() {
    String out = cli(0, "run", "--conf", conf.toString());
    assertTrue(out.contains("lot-000002 (empty)"), out);
    Map<String, Long> now = counts();
    for (String t : List.of(TableSchemas.LOG_RESULTS, TableSchemas.LOG_AGGREGATES, TableSchemas.EMERGENCY_LOGS, TableSchemas.QUARANTINE)) {
      assertEquals(afterFirstRun.get(t), now.get(t), t);
      assertEquals(versionsAfterFirstRun.get(t), versions().get(t), t + " got no commit");
    }
    assertEquals(1, table(TableSchemas.LEDGER).filter(col("lot_id").equalTo("lot-000002").and(col("state").equalTo("empty"))).count());
  }

  @Test
  @Order(4)
  void newObjectsAreTheOnlyOnesRead() throws IOException {
    Path more = dir.resolve("more");
    cli(0, "generate", "--out", more.toString(), "--start", "2026-11-20T11:00:00Z", "--minutes", "5", "--lines-per-minute", "12",
        "--providers", "aws,oci", "--seed", "7");
    long newLines = countLines(more);
    copyTree(more, dir.resolve("landing"));
    long before = table(TableSchemas.LOG_RESULTS).count();
    cli(0, "run", "--conf", conf.toString());
    Row lot = table(TableSchemas.LEDGER).filter(col("lot_id").equalTo("lot-000003"))
        .selectExpr("count(*)", "sum(lines_read)", "sum(rows_parsed)", "collect_set(provider)").first();
    assertEquals(newLines, lot.getLong(1), "only the new files were read");
    assertEquals(before + lot.getLong(2), table(TableSchemas.LOG_RESULTS).count());
    assertEquals(List.of("aws", "oci"), lot.getList(3).stream().map(Object::toString).sorted().toList());
  }

  @Test
  @Order(5)
  void statusAndQueryShowTheLedgerAndTables() {
    String status = cli(0, "status", "--conf", conf.toString());
    assertTrue(status.contains("lot-000001") && status.contains("lot-000002") && status.contains("empty"), status);
    String json = cli(0, "query", "--conf", conf.toString(), "--json",
        "SELECT provider, count(*) AS n FROM log_results GROUP BY provider ORDER BY provider");
    assertEquals(4, json.lines().filter(l -> l.startsWith("{\"provider\":")).count(), json);
    String tableOut = cli(0, "query", "--conf", conf.toString(), "SELECT count(*) AS n FROM quarantine");
    assertTrue(tableOut.contains("(1 row)"), tableOut);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }
}
