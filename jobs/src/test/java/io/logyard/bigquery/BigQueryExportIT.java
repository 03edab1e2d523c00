package io.logyard.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Field;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Schema;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.StandardTableDefinition;
import io.logyard.Cli;
import io.logyard.SparkTestSession;
import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import io.logyard.sink.BigQueryTables;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BigQuery export for real, through the spark-bigquery-connector against the bqemulator
 * BigQuery emulator on 127.0.0.1 (REST through {@code bigQueryHttpEndpoint}, a dummy access
 * token for credentials). {@code bigquery setup} creates the tables from schemas/; {@code run}
 * exports each lot with the indirect method (Parquet to a bucket of gcp-storage-emulator, then
 * the emulator's load job reading the same files); a re-export changes no count;
 * {@code bigquery check} reports drift. The direct method (Storage Write API over gRPC) goes
 * through a TLS-terminating proxy, since the connector's gRPC channel always uses TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BigQueryExportIT {
  /** Set by the build (Failsafe's environment): the emulator accepts any token. */
  static final String TOKEN_ENV = "LOGYARD_TEST_BQ_TOKEN";
  static final String PROJECT = "logyard-test";
  static final String DATASET = "logs";

  @TempDir static Path dir;
  private BigQueryEmulator emulator;
  private TlsProxy proxy;
  private GcsEmulator gcs;
  static final String BUCKET = "logyard-staging";
  private SparkSession spark;
  private Path conf;
  private LogyardConfig config;
  private Tables tables;

  @BeforeAll
  void setUp() throws Exception {
    assertTrue(System.getenv(TOKEN_ENV) != null, TOKEN_ENV + " must be set (the Failsafe configuration sets it)");
    Path trust = TlsProxy.makeCertificate(dir);
    System.setProperty("javax.net.ssl.trustStore", trust.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", TlsProxy.trustStorePassword());
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    gcs = GcsEmulator.start(dir, BUCKET);
    emulator = BigQueryEmulator.start(PROJECT, dir, gcs.root);
    proxy = TlsProxy.start(dir, emulator.grpcPort);
    spark = SparkTestSession.get();
    gcs.configure(spark.sparkContext().hadoopConfiguration(), PROJECT);

    String local;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("conf/local.yaml")) {
      local = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String bigquery = """
        bigquery:
          enabled: true
          project: %s
          dataset: %s
          location: US
          access_token_env: %s
          write_method: indirect
          temporary_gcs_bucket: %s
          options:
            bigQueryHttpEndpoint: %s
            bigQueryStorageGrpcEndpoint: 127.0.0.1:%d

        retention:
          log_results: 400
        """.formatted(PROJECT, DATASET, TOKEN_ENV, BUCKET, emulator.restEndpoint(), proxy.port());
    conf = dir.resolve("bigquery.yaml");
    Files.writeString(conf, local.replace("var/", dir.toAbsolutePath() + "/").replace("bigquery:\n  enabled: false\n", bigquery));
    config = ConfigLoader.load(conf.toString(), Map.of());
    tables = new Tables(config);
  }

  @AfterAll
  void tearDown() throws Exception {
    if (proxy != null) proxy.close();
    if (emulator != null) emulator.close();
    if (gcs != null) gcs.close();
  }

  private String cli(int expectedExit, String... args) {
    Cli.Result r = Cli.capture(args);
    String log;
    try {
      log = emulator.log();
    } catch (java.io.IOException e) {
      log = "";
    }
    String emulatorLog = log;
    assertEquals(expectedExit, r.code(), () -> String.join(" ", args) + " printed:\n" + r.out() + "\nemulator log:\n" + emulatorLog);
    return r.out();
  }

  private long bigQueryCount(String table) {
    try (BigQueryTables bq = new BigQueryTables(config.bigquery())) {
      FieldValueList row = bq.query("SELECT COUNT(*) FROM " + bq.sqlName(table)).iterateAll().iterator().next();
      return row.get(0).getLongValue();
    }
  }

  private Map<String, Long> counts() {
    Map<String, Long> m = new TreeMap<>();
    for (String t : config.bigquery().tables()) m.put(t, bigQueryCount(t));
    return m;
  }

  private Map<String, Long> deltaCounts() {
    Map<String, Long> m = new TreeMap<>();
    for (String t : config.bigquery().tables()) m.put(t, spark.read().format("delta").load(tables.path(t)).count());
    return m;
  }

  @Test
  @Order(1)
  void setupCreatesTablesFromTheContracts() {
    String out = cli(0, "bigquery", "setup", "--conf", conf.toString());
    assertTrue(out.contains("created in US"), out);
    try (BigQueryTables bq = new BigQueryTables(config.bigquery())) {
      for (String t : config.bigquery().tables()) {
        var table = bq.table(t);
        assertEquals(List.of(), BigQueryTables.drift(t, table.getDefinition().getSchema(), BigQueryTables.contract(t)),
            t + " equals schemas/" + t + ".json");
        StandardTableDefinition def = table.getDefinition();
        assertEquals("event_date", def.getTimePartitioning().getField(), out);
        assertEquals(List.of("provider"), def.getClustering().getFields(), out);
      }
    }
    String again = cli(0, "bigquery", "setup", "--conf", conf.toString());
    assertTrue(again.contains("schema matches schemas/log_results.json"), again);
  }

  @Test
  @Order(2)
  void checkReportsAllGood() {
    String out = cli(0, "bigquery", "check", "--conf", conf.toString());
    assertTrue(out.contains("all good"), out);
  }

  @Test
  @Order(3)
  void runExportsEveryLotAndRowCountsMatchDelta() {
    cli(0, "generate", "--out", dir.resolve("landing").toString(), "--minutes", "5", "--lines-per-minute", "6", "--providers", "aws,gcp");
    String out = cli(0, "run", "--conf", conf.toString());
    assertTrue(out.contains("bigquery log_results"), out);
    Map<String, Long> delta = deltaCounts();
    assertTrue(delta.get(TableSchemas.LOG_RESULTS) > 0);
    assertEquals(delta, counts(), out);
  }

  @Test
  @Order(4)
  void reExportingALotChangesNoCount() {
    Map<String, Long> before = counts();
    String out = cli(0, "export", "--conf", conf.toString(), "--lot", "lot-000001");
    assertEquals(before, counts(), out);
    assertEquals(deltaCounts(), counts());
    // the content too: the same event ids, each once
    try (BigQueryTables bq = new BigQueryTables(config.bigquery())) {
      Row delta = spark.read().format("delta").load(tables.path(TableSchemas.LOG_RESULTS))
          .selectExpr("count(distinct event_id)", "sum(response_bytes)").first();
      FieldValueList big = bq.query("SELECT COUNT(DISTINCT event_id), SUM(response_bytes) FROM " + bq.sqlName(TableSchemas.LOG_RESULTS))
          .iterateAll().iterator().next();
      assertEquals(delta.getLong(0), big.get(0).getLongValue());
      assertEquals(delta.getLong(1), big.get(1).getLongValue());
    }
  }

  /**
   * The direct method: the lot's emergency_logs rows through the Storage Write API (gRPC via the
   * TLS proxy) into a staging table, then the MERGE over the rows the indirect export wrote.
   */
  @Test
  @Order(5)
  void directWriteThroughTheStorageWriteApi() {
    LogyardConfig.BigQuery b = config.bigquery();
    var direct = new LogyardConfig.BigQuery(true, b.project(), b.dataset(), b.location(), null, b.accessTokenEnv(),
        LogyardConfig.BigQuery.DIRECT, null, null, false, b.options());
    var rows = spark.read().format("delta").load(tables.path(TableSchemas.EMERGENCY_LOGS));
    java.util.List<String> uris = rows.select("source_uri").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    java.util.List<java.time.LocalDate> dates = rows.select("event_date").distinct().collectAsList().stream()
        .map(r -> r.getDate(0).toLocalDate()).toList();
    long before = rows.count();
    assertTrue(before > 0, "the generated logs hold emergencies");
    var replaced = new io.logyard.sink.BigQuerySink(direct).replace(spark, rows, TableSchemas.EMERGENCY_LOGS, "direct-test",
        io.logyard.sink.BigQuerySink.Slice.objects(uris, dates));
    assertEquals(before, replaced.inserted());
    assertEquals(before, replaced.deleted(), "the rows the indirect export wrote are replaced, not duplicated");
    assertEquals(before, bigQueryCount(TableSchemas.EMERGENCY_LOGS));
  }

  @Test
  @Order(6)
  void checkReportsSchemaDrift() {
    try (BigQueryTables bq = new BigQueryTables(config.bigquery())) {
      // as if someone had recreated the table by hand with an extra column
      List<Field> fields = new java.util.ArrayList<>(BigQueryTables.contract(TableSchemas.EMERGENCY_LOGS).getFields());
      fields.add(Field.of("surprise", StandardSQLTypeName.STRING));
      bq.drop(TableSchemas.EMERGENCY_LOGS);
      bq.client().create(com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.TableInfo.of(
          bq.tableId(TableSchemas.EMERGENCY_LOGS), StandardTableDefinition.of(Schema.of(fields))));
    }
    String out = cli(1, "bigquery", "check", "--conf", conf.toString());
    assertTrue(out.contains("schema drift: emergency_logs.surprise: not in the contract"), out);
  }
}
