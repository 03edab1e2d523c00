package io.logyard.it;

import static io.logyard.it.InProcess.cli;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.generate.GeneratorOptions;
import io.logyard.generate.LogGenerator;
import io.logyard.generate.Provider;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A run killed with SIGKILL in the middle of a lot — after log_results is written, before the
 * lot is done — and started again leaves exactly the tables one clean run over the same input
 * leaves. The killed run is the shaded jar in a JVM of its own, started the way bin/logyard does.
 */
class KillRestartIT {
  private static final String KILL_AT = "log_results";

  @Test
  void aRunKilledMidLotAndRestartedEqualsOneCleanRun() throws Exception {
    Path dir = Files.createTempDirectory("logyard-kill");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LogGenerator.generate(GeneratorOptions.defaults().withProviders(List.of(Provider.AWS, Provider.GCP))
        .withStart(today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(120)).withMinutes(6).withLinesPerMinute(5)
        .withNodesPerProvider(1).withMalformedRate(0.1).withSeed(5), dir.resolve("landing"));
    Path killed = config(dir, "killed");
    Path clean = config(dir, "clean");

    Process p = new ProcessBuilder(command(killed)).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    boolean sawKillPoint = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.contains(KILL_AT)) {
          p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
          sawKillPoint = true;
          break;
        }
      }
    }
    p.waitFor(60, TimeUnit.SECONDS);
    System.out.println("killed run printed:\n" + String.join("\n", lines) + "\n[SIGKILL]\n");
    assertTrue(sawKillPoint, "the run never printed '" + KILL_AT + "':\n" + String.join("\n", lines));
    assertEquals(137, p.exitValue(), "killed by SIGKILL");

    SparkSession spark = SparkTestSession.get();
    Tables killedTables = new Tables(dir.resolve("killed/warehouse").toString());
    Tables cleanTables = new Tables(dir.resolve("clean/warehouse").toString());
    long unfinished = table(spark, killedTables, TableSchemas.LEDGER).filter(col("state").isin("pending", "ingested")).count();
    assertTrue(unfinished > 0, "the kill left the lot unfinished");

    String restarted = cli("run", "--conf", killed.toString());
    assertTrue(restarted.contains("resuming lot-000001"), restarted);
    cli("run", "--conf", clean.toString());

    for (String t : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE, TableSchemas.EMERGENCY_LOGS, TableSchemas.LOG_AGGREGATES)) {
      assertEquals(table(spark, cleanTables, t).count(), table(spark, killedTables, t).count(), t + " rows");
    }
    assertEquals(ids(spark, cleanTables), ids(spark, killedTables), "the same events");
    assertEquals(
        table(spark, cleanTables, TableSchemas.LOG_AGGREGATES).selectExpr("concat_ws('|', provider, hostname, time_window, log_count) AS value")
            .as(Encoders.STRING()).orderBy("value").collectAsList(),
        table(spark, killedTables, TableSchemas.LOG_AGGREGATES).selectExpr("concat_ws('|', provider, hostname, time_window, log_count) AS value")
            .as(Encoders.STRING()).orderBy("value").collectAsList(), "the same aggregates");
    Row ledger = table(spark, killedTables, TableSchemas.LEDGER).filter(col("lot_id").equalTo("lot-000001"))
        .selectExpr("sum(lines_read)", "sum(rows_parsed) + sum(rows_quarantined) + sum(lines_skipped)", "min(state)").first();
    assertEquals(ledger.getLong(0), ledger.getLong(1));
    assertEquals("done", ledger.getString(2));
  }

  private static Path config(Path dir, String name) throws IOException {
    Path c = dir.resolve(name + ".yaml");
    String landing = dir.resolve("landing").toString();
    Files.writeString(c, """
        warehouse:
          path: %s/warehouse
        pipeline:
          settle_seconds: 0
        privacy:
          hmac_key_file: %s/hmac.key
          hmac_key_create: true
        sources:
          - name: aws-access
            provider: aws
            uri: %s/aws/logyard-logs/AWSLogs/123456789012
            path_template: "{region}/access/{yyyy}/{mm}/{dd}/{node}-{*}"
            format: combined
            project_id: "123456789012"
          - name: aws-app
            provider: aws
            uri: %s/aws/logyard-logs/AWSLogs/123456789012
            path_template: "{region}/app/{yyyy}/{mm}/{dd}/{node}-{*}"
            format: json
            project_id: "123456789012"
          - name: gcp-access
            provider: gcp
            uri: %s/gcp/logyard-logs-gcp/access
            path_template: "{yyyy}/{mm}/{dd}/{node}-{*}"
            format: combined
            project_id: logyard-demo
        """.formatted(dir.resolve(name), dir, landing, landing, landing));
    return c;
  }

  /** {@code java <spark.jvm.flags> -cp logyard-jobs.jar:<classpath.txt> io.logyard.cli.Main run --conf FILE}. */
  private static List<String> command(Path conf) throws IOException {
    String classpath = System.getProperty("logyard.jar") + ":"
        + Files.readString(Path.of(System.getProperty("logyard.classpath.file"))).strip();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("logyard.jvm.flags").trim().split("\\s+")));
    cmd.addAll(List.of("-Xmx1g", "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"),
        "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-cp", classpath, "io.logyard.cli.Main", "run", "--conf", conf.toString()));
    return cmd;
  }

  private static Dataset<Row> table(SparkSession spark, Tables tables, String name) {
    return spark.read().format("delta").load(tables.path(name));
  }

  private static List<String> ids(SparkSession spark, Tables tables) {
    return table(spark, tables, TableSchemas.LOG_RESULTS).select("event_id").as(Encoders.STRING()).orderBy("event_id").collectAsList();
  }

}
