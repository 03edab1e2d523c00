package io.logyard.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Progress;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import io.logyard.sink.TableSchemas;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A format defined in place in a source's configuration ({@code format: {type: delimited, ...}})
 * end to end on local files: columns, attributes and their privacy kinds, quoted delimiters,
 * comment lines skipped, bad values quarantined with the field's name, a second run reads nothing.
 */
class UserFormatPipelineTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  private static final Instant MTIME = Instant.parse("2026-11-20T12:07:00Z");
  /** "Now" for every run: an hour after the files were written, whatever today is. */
  private static final Clock CLOCK = Clock.fixed(MTIME.plusSeconds(3600), ZoneOffset.UTC);

  private static final String HEADER = "# payments gateway export v2";
  private static final List<String> GW1 = List.of(
      HEADER,
      "2026-11-20T12:00:01Z|gw-1|203.0.113.7|POST|/v1/charges|201|532|12.5|m-1001|\"ok|retried\"",
      "2026-11-20T12:00:02Z|gw-1|2001:db8:5:6::9|GET|/v1/charges/ch_1|200|88|3.25|m-1002|",
      "2026-11-20T12:00:61Z|gw-1|203.0.113.8|GET|/v1/charges|200|88|3.0|m-1003|bad second");
  private static final List<String> GW2 = List.of(
      HEADER,
      "2026-11-20T12:01:00Z|gw-2|198.51.100.4|POST|/v1/refunds|502|0|250|m-1001|upstream timeout",
      "2026-11-20T12:01:05Z|gw-2|198.51.100.4|GET|/health|two hundred|2|0.4|m-0|",
      "2026-11-20T12:01:09Z|gw-2|198.51.100.5|GET|/v1/balance|200|41|1.75|m-1004|extra|fields");

  @BeforeAll
  static void setUp() throws IOException {
    spark = SparkTestSession.get();
    Path day = dir.resolve("landing/payments/2026/11/20");
    Files.createDirectories(day);
    Files.writeString(day.resolve("gw-1-1200.log"), String.join("\n", GW1) + "\n");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(day.resolve("gw-2-1200.log.gz")))) {
      out.write((String.join("\n", GW2) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    for (String f : List.of("gw-1-1200.log", "gw-2-1200.log.gz")) {
      Files.setLastModifiedTime(day.resolve(f), FileTime.from(MTIME));
    }
  }

  private static LogyardConfig config() {
    String yaml = """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        sources:
          - name: payments
            provider: local
            uri: %s/landing/payments
            path_template: "{yyyy}/{mm}/{dd}/{node}-{*}"
            project_id: shop
            region: eu-west-1
            format:
              type: delimited
              delimiter: "|"
              comment: "#"
              fields:
                - {name: ts, type: timestamp, column: timestamp}
                - {name: gateway, type: string, column: hostname}
                - {name: client, type: string, column: client_ip}
                - {name: method, type: string, column: http_method}
                - {name: path, type: string, column: endpoint}
                - {name: status, type: int, column: http_status}
                - {name: bytes, type: long, column: response_bytes}
                - {name: took_ms, type: double, column: latency_ms}
                - {name: merchant, type: string, kind: identifier}
                - {name: note, type: string}
        """.formatted(dir.resolve("warehouse"), dir);
    return ConfigLoader.parseYaml("test", yaml, Map.of(), Map.of());
  }

  private static LotRun stages() {
    return LotRun.open(spark, config(), new Progress(new PrintWriter(new StringWriter()), true), CLOCK);
  }

  private static Dataset<Row> table(LotRun s, String name) {
    return spark.read().format("delta").load(s.tables().path(name));
  }

  @Test
  void aDelimitedFormatDefinedInPlaceRunsEndToEnd() {
    LotRun s = stages();
    RunJob.run(s, ANONYMIZER, null);

    Dataset<Row> lr = table(s, TableSchemas.LOG_RESULTS);
    assertEquals(4, lr.count());
    Row charge = lr.filter(col("endpoint").equalTo("/v1/charges")).first();
    assertEquals("gw-1", charge.getAs("nodeName"));
    assertEquals("gw-1", charge.getAs("hostname"));
    assertEquals("POST", charge.getAs("http_method"));
    assertEquals(201L, ((Number) charge.getAs("http_status")).longValue());
    assertEquals(532L, ((Number) charge.getAs("response_bytes")).longValue());
    assertEquals(12.5, (Double) charge.getAs("latency_ms"));
    assertEquals("203.0.113.0", charge.getAs("client_ip"), "the address column is masked");
    Map<String, String> attributes = charge.getJavaMap(charge.fieldIndex("attributes"));
    assertEquals("ok|retried", attributes.get("note"), "a quoted delimiter stays in its field");
    assertTrue(attributes.containsKey("merchant"));
    assertNotEquals("m-1001", attributes.get("merchant"), "an identifier is pseudonymized");
    assertEquals("shop", charge.getAs("project_id"));
    assertEquals(1, lr.filter(col("client_ip").contains(":")).count());
    assertEquals(0, lr.filter(col("client_ip").equalTo("2001:db8:5:6::9")).count(), "IPv6 keeps 64 bits");
    Row extra = lr.filter(col("endpoint").equalTo("/v1/balance")).first();
    assertEquals("fields", extra.getJavaMap(extra.fieldIndex("attributes")).get("extra_1"));

    Dataset<Row> q = table(s, TableSchemas.QUARANTINE);
    assertEquals(2, q.count());
    List<String> reasons = q.select("reason").orderBy("reason").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(reasons.stream().anyMatch(r -> r.contains("status")), reasons.toString());
    assertTrue(reasons.stream().anyMatch(r -> r.contains("ts") || r.contains("second")), reasons.toString());

    Row ledger = table(s, TableSchemas.LEDGER).filter(col("state").equalTo("done"))
        .selectExpr("sum(lines_read)", "sum(rows_parsed)", "sum(rows_quarantined)", "sum(lines_skipped)", "count(*)").first();
    assertEquals(List.of(8L, 4L, 2L, 2L, 2L),
        List.of(ledger.getLong(0), ledger.getLong(1), ledger.getLong(2), ledger.getLong(3), ledger.getLong(4)),
        "read = parsed + quarantined + skipped (the comment lines)");

    List<RunJob.Summary> again = RunJob.run(stages(), ANONYMIZER, null);
    assertTrue(again.get(0).toString().contains("empty") || table(s, TableSchemas.LOG_RESULTS).count() == 4, again.toString());
    assertEquals(4, table(s, TableSchemas.LOG_RESULTS).count(), "a second run reads nothing again");
    assertEquals(2, table(s, TableSchemas.QUARANTINE).count());
  }
}
