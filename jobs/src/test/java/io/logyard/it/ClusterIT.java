package io.logyard.it;

import static io.logyard.it.InProcess.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The unchanged jar under {@code spark-submit}, on a real multi-process Spark: a standalone master
 * and two workers (one core each, JVMs of their own) started from the Spark distribution in the
 * project's virtual environment, and that distribution as shipped. The spark-submit lines are the
 * recipes of jobs/README.md ({@link SparkSubmit}).
 * <ol>
 *   <li>A lot from every provider's emulator (S3 and OCI on two S3 servers that both hold a
 *       bucket named {@code logyard-logs} but take different key pairs, GCS, Azurite) is read in
 *       one run of this JVM, each source with its own settings; on Spark with Hadoop 3.4 (recipe
 *       {@code hadoop-3.4}, the full jar), read by tasks on both workers, it leaves the same
 *       tables;
 *   <li>a worker killed with SIGKILL while the lot's read is running: Spark retries its tasks on
 *       the other worker and the lot ends exactly once;
 *   <li>on the stock Spark 3.5 distribution, Hadoop 3.3.4 (recipe {@code hadoop-3.3}, the slim jar
 *       and that Hadoop's own connectors): S3, OCI and GCS read, the same rows again.
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final List<String> RUN_COLUMNS = List.of("sync_time", "run_id", "discovered_at", "committed_at");
  private static final List<String> TABLES = List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE,
      TableSchemas.EMERGENCY_LOGS, TableSchemas.LOG_AGGREGATES, TableSchemas.LEDGER);
  private Path dir;
  private FourStores stores;
  private StandaloneCluster cluster;
  private Path hadoop34;

  @BeforeAll
  void setUp() throws Exception {
    dir = Files.createTempDirectory("logyard-cluster");
    stores = new FourStores(dir);
    hadoop34 = SparkSubmit.hadoop34SparkHome();
    cluster = StandaloneCluster.start(dir.resolve("cluster"), hadoop34, 2);
  }

  @AfterAll
  void tearDown() throws Exception {
    try {
      if (cluster != null) cluster.close();
    } finally {
      if (stores != null) stores.close();
    }
  }

  @Test
  @Order(1)
  void everyProviderReadOnTwoWorkersLeavesTheTablesOfALocalRun() throws Exception {
    List<String> all = List.of("aws", "oci", "gcp", "azure");
    Path local = dir.resolve("local-warehouse");
    String out = cli("run", "--conf", stores.config("local", local, all).toString());
    assertTrue(out.contains("lot-000001: " + stores.objects + " objects"), out);
    Tables l = new Tables(local.toString());
    for (var e : stores.records.entrySet()) {
      Row r = table(l, TableSchemas.LEDGER).filter(functions.col("provider").equalTo(e.getKey()))
          .selectExpr("sum(lines_read)", "sum(rows_parsed) + sum(rows_quarantined) + sum(lines_skipped)", "sum(rows_parsed)").first();
      assertEquals(e.getValue(), r.getLong(0), e.getKey() + ": every record read, each source with its own settings");
      assertEquals(r.getLong(0), r.getLong(1), e.getKey() + ": lines_read = parsed + quarantined + skipped");
      assertEquals(r.getLong(2), table(l, TableSchemas.LOG_RESULTS).filter(functions.col("provider").equalTo(e.getKey())).count(),
          e.getKey() + ": rows");
    }

    Path onCluster = submit("hadoop-3.4", hadoop34, cluster.url, "cluster", all);
    assertSameTables(l, new Tables(onCluster.toString()), all);
    Set<String> executors = executorsThatRanTasks(dir.resolve("cluster-submit/events"));
    assertTrue(executors.size() >= 2, "tasks ran on both workers' executors: " + executors);
  }

  @Test
  @Order(2)
  void aWorkerKilledWhileTheLotIsReadLeavesTheLotExactlyOnce() throws Exception {
    Path work = dir.resolve("kill");
    long lines = bigLocalObjects(work.resolve("landing"), 2, 25_000_000);
    Path conf = work.resolve("kill.yaml");
    Files.writeString(conf, """
        warehouse:
          path: %s
        pipeline:
          settle_seconds: 0
        privacy:
          hmac_key_file: %s
        sources:
          - name: big
            provider: aws
            uri: %s
            path_template: "{yyyy}/{mm}/{dd}/{node}-{*}"
            format: combined
        """.formatted(work.resolve("warehouse"), dir.resolve("hmac.key"), work.resolve("landing")));
    int ui = SparkSubmit.freePort();
    Map<String, String> settings = new HashMap<>(SparkSubmit.localSettings(work.resolve("submit")));
    settings.put("spark.ui.port", String.valueOf(ui));
    Path log = work.resolve("submit/run.log");
    Process p = SparkSubmit.start(SparkSubmit.command("hadoop-3.4", hadoop34, cluster.url, conf, settings), hadoop34, log);
    try {
      assertTrue(awaitTasksRunningOnBothExecutors(ui, p), "the read of the lot ran on both workers; see " + log);
      cluster.killWorker(1);
      assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the run finished");
    } finally {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> SparkSubmit.tail(out));
    String events = eventLog(work.resolve("submit/events"));
    assertTrue(events.contains("ExecutorLostFailure"), "a running task was lost with its worker and retried");

    Tables t = new Tables(work.resolve("warehouse").toString());
    Row ledger = table(t, TableSchemas.LEDGER).selectExpr("sum(lines_read)", "sum(rows_parsed)", "sum(rows_quarantined)",
        "count(*)", "min(state)").first();
    assertEquals(lines, ledger.getLong(0), "every line read once");
    assertEquals(lines, ledger.getLong(1) + ledger.getLong(2), "lines read = parsed + quarantined");
    assertEquals(2L, ledger.getLong(3));
    assertEquals("done", ledger.getString(4));
    assertEquals(ledger.getLong(1), table(t, TableSchemas.LOG_RESULTS).count(), "each parsed line is one row, once");
    assertEquals(ledger.getLong(1), table(t, TableSchemas.LOG_RESULTS).select("event_id").distinct().count(), "no event twice");
  }

  @Test
  @Order(3)
  void theStockSparkDistributionReadsWithItsOwnHadoopConnectors() throws Exception {
    List<String> providers = List.of("aws", "oci", "gcp");
    Path stock = submit("hadoop-3.3", SparkSubmit.stockSparkHome(), "local[2]", "stock", providers);
    assertSameTables(new Tables(dir.resolve("local-warehouse").toString()), new Tables(stock.toString()), providers);
  }

  /** Runs a recipe over the stores of {@code providers} into a new warehouse; returns its path. */
  private Path submit(String recipe, Path sparkHome, String master, String name, List<String> providers) throws Exception {
    Path warehouse = dir.resolve(name + "-warehouse");
    Path conf = stores.config(name, warehouse, providers);
    Path work = dir.resolve(name + "-submit");
    String out = SparkSubmit.run(SparkSubmit.command(recipe, sparkHome, master, conf, SparkSubmit.localSettings(work)),
        sparkHome, work.resolve("run.log"));
    assertTrue(out.contains("lot-000001: "), SparkSubmit.tail(out));
    return warehouse;
  }

  private static Dataset<Row> table(Tables tables, String name) {
    return SparkTestSession.get().read().format("delta").load(tables.path(name));
  }

  /** Every table holds the same rows for {@code providers}, but for what says when and by which run. */
  private static void assertSameTables(Tables expected, Tables actual, List<String> providers) {
    for (String name : TABLES) {
      List<String> e = rows(table(expected, name), providers);
      List<String> a = rows(table(actual, name), providers);
      assertTrue(!e.isEmpty() || name.equals(TableSchemas.EMERGENCY_LOGS), name + " has rows");
      assertEquals(e.size(), a.size(), name + " rows");
      assertEquals(e, a, name);
    }
  }

  private static List<String> rows(Dataset<Row> t, List<String> providers) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : t.schema().fields()) {
      if (RUN_COLUMNS.contains(f.name())) continue;
      Column c = functions.col(f.name());
      cols.add(f.dataType() instanceof MapType ? functions.array_sort(functions.map_entries(c)).as(f.name()) : c);
    }
    return t.filter(functions.col("provider").isin(providers.toArray()))
        .select(functions.to_json(functions.struct(cols.toArray(Column[]::new)))).as(Encoders.STRING())
        .collectAsList().stream().sorted().toList();
  }

  /** Polls the driver's REST API until a stage has a task running on each of two executors. */
  private static boolean awaitTasksRunningOnBothExecutors(int uiPort, Process run) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String api = "http://127.0.0.1:" + uiPort + "/api/v1/applications";
    Pattern app = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    Pattern active = Pattern.compile("\"activeTasks\"\\s*:\\s*(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline && run.isAlive()) {
      try {
        Matcher m = app.matcher(get(http, api));
        if (m.find()) {
          Matcher a = active.matcher(get(http, api + "/" + m.group(1) + "/executors"));
          int busy = 0;
          while (a.find()) if (Integer.parseInt(a.group(1)) > 0) busy++;
          if (busy >= 2) return true;
        }
      } catch (IOException notYetListening) {
        // the driver's UI starts with the session
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static String get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String eventLog(Path events) throws IOException {
    try (Stream<Path> files = Files.list(events)) {
      StringBuilder all = new StringBuilder();
      for (Path f : (Iterable<Path>) files::iterator) all.append(Files.readString(f, StandardCharsets.UTF_8));
      return all.toString();
    }
  }

  /** The executors (not the driver) that finished tasks, from the Spark event log. */
  private static Set<String> executorsThatRanTasks(Path events) throws IOException {
    Set<String> ids = new TreeSet<>();
    Matcher m = Pattern.compile("\"Event\":\"SparkListenerTaskEnd\".*?\"Executor ID\":\"([^\"]+)\"").matcher(eventLog(events));
    while (m.find()) if (!m.group(1).equals("driver")) ids.add(m.group(1));
    return ids;
  }

  /**
   * {@code count} uncompressed combined-format objects of about {@code bytes} each, dated today,
   * one malformed line in every thousand; returns the number of lines.
   */
  private static long bigLocalObjects(Path landing, int count, long bytes) throws IOException {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Path day = landing.resolve(today.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")));
    Files.createDirectories(day);
    String stamp = today.format(DateTimeFormatter.ofPattern("dd/MMM/yyyy", Locale.ROOT));
    long lines = 0;
    for (int o = 0; o < count; o++) {
      try (Writer w = Files.newBufferedWriter(day.resolve("node" + o + "-access.log"), StandardCharsets.UTF_8)) {
        long written = 0;
        for (int i = 0; written < bytes; i++) {
          String line = i % 1000 == 999 ? "not a log line " + i + "\n"
              : "203.0.113.%d - - [%s:%02d:%02d:%02d +0000] \"GET /item/%d HTTP/1.1\" %d %d \"-\" \"bench/1.0\"\n".formatted(
                  i % 250, stamp, (i / 3600) % 24, (i / 60) % 60, i % 60, i, i % 50 == 0 ? 503 : 200, 100 + i % 900);
          w.write(line);
          written += line.length();
          lines++;
        }
      }
    }
    return lines;
  }
}
