package io.logyard.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.generate.GeneratorOptions;
import io.logyard.generate.LogGenerator;
import io.logyard.generate.Provider;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import io.logyard.sink.WarehouseLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs on one fresh warehouse at once: the second waits for the first (or refuses), and no work is done twice. */
class ConcurrentRunsTest {
  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();

  private Path config() throws IOException {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LogGenerator.generate(GeneratorOptions.defaults().withProviders(List.of(Provider.GCP))
        .withStart(today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(120)).withMinutes(3).withLinesPerMinute(5)
        .withNodesPerProvider(1).withMalformedRate(0.1).withSeed(7), dir.resolve("landing"));
    Path conf = dir.resolve("logyard.yaml");
    Files.writeString(conf, """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        privacy: {hmac_key_file: %s, hmac_key_create: true}
        sources:
          - name: gcp-access
            provider: gcp
            uri: %s/landing/gcp/logyard-logs-gcp/access
            path_template: "{yyyy}/{mm}/{dd}/{node}-{*}"
            format: combined
        """.formatted(dir.resolve("warehouse"), dir.resolve("hmac.key"), dir));
    return conf;
  }

  private Dataset<Row> ledger() {
    return spark.read().format("delta").load(new Tables(dir.resolve("warehouse").toString()).path(TableSchemas.LEDGER));
  }

  @Test
  void twoRunsAtOnceDoTheWorkOnce() throws Exception {
    Path conf = config();
    // refused at once while another run holds the warehouse, naming it; nothing is written
    try (WarehouseLock held = WarehouseLock.acquire(dir.resolve("warehouse").toString(), new Configuration(),
        WarehouseLock.names(true, List.of("gcp-access")), "run-holder", "run", Clock.systemUTC(), java.time.Duration.ZERO,
        WarehouseLock.DEFAULT_TTL, s -> { })) {
      PrintStream old = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = Main.execute("run", "--conf", conf.toString());
      } finally {
        System.setErr(old);
      }
      String text = err.toString(StandardCharsets.UTF_8);
      assertEquals(1, code, text);
      assertTrue(text.contains("the warehouse is in use: lock warehouse is held by run run-holder (run, host "), text);
      assertFalse(Files.exists(dir.resolve("warehouse/ledger")), "the refused run wrote nothing");
    }

    // on a fresh warehouse, two runs at once: the second waits, then finds nothing new
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> runs = List.of(
        pool.submit(() -> Main.execute("run", "--conf", conf.toString(), "--lock-wait", "600")),
        pool.submit(() -> Main.execute("run", "--conf", conf.toString(), "--lock-wait", "600")));
    for (Future<Integer> r : runs) assertEquals(0, r.get());
    pool.shutdown();

    Dataset<Row> ledger = ledger();
    assertEquals(List.of("lot-000001", "lot-000002"), ledger.select("lot_id").distinct().orderBy("lot_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(1, ledger.filter(col("state").equalTo("empty")).count(), "the second run found nothing new");
    assertEquals(0, ledger.filter(col("uri").isNotNull()).groupBy("uri").count().filter(col("count").gt(1)).count(),
        "no object in two lots");
    Row sums = ledger.selectExpr("sum(rows_parsed)", "sum(rows_quarantined)").first();
    Tables t = new Tables(dir.resolve("warehouse").toString());
    Dataset<Row> lr = spark.read().format("delta").load(t.path(TableSchemas.LOG_RESULTS));
    assertEquals(sums.getLong(0), lr.count());
    assertEquals(lr.count(), lr.select("event_id").distinct().count());
    assertEquals(sums.getLong(1), spark.read().format("delta").load(t.path(TableSchemas.QUARANTINE)).count());
    assertFalse(Files.list(dir.resolve("warehouse/_locks")).findAny().isPresent(), "both runs released the lock");
  }
}
