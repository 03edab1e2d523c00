package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.config.ConfigLoader;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Progress;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import io.logyard.sink.TableSchemas;
import io.logyard.transform.Aggregates;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run takes the window figures its reading counted for the windows only its lot's rows are in,
 * and counts the windows it shares with earlier lots again from log_results: either way
 * log_aggregates is what aggregating the whole of log_results gives.
 */
class WindowFiguresTest {
  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();
  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  private final StringWriter progress = new StringWriter();

  private LotRun run() {
    String yaml = """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0, top_endpoints: 2, max_messages: 2}
        sources:
          - name: web
            provider: aws
            uri: %s
            format: combined
        """.formatted(dir.resolve("wh"), dir.resolve("landing"));
    return LotRun.open(spark, ConfigLoader.parseYaml("test", yaml, Map.of(), Map.of()), new Progress(new PrintWriter(progress), false),
        Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC));
  }

  /** Lines from minute {@code from} to {@code to} of 10:00 on 2026-11-20, a few of them server errors, one not a log line. */
  private void object(String name, int from, int to) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int m = from; m <= to; m++) {
      for (int s = 0; s < 3; s++) {
        int status = s == 2 && m % 2 == 0 ? 503 : 200;
        b.append("198.51.100.").append(m).append(" - - [20/Nov/2026:10:").append(String.format("%02d", m)).append(":").append(String.format("%02d", s * 7))
            .append(" +0000] \"GET /p").append(m % 3).append(" HTTP/1.1\" ").append(status).append(" ").append(10 + m).append(" \"-\" \"ua\"\n");
      }
    }
    b.append("not a log line\n");
    Path f = Files.createDirectories(dir.resolve("landing")).resolve(name);
    Files.writeString(f, b);
    Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-11-20T11:00:00Z")));
  }

  private List<String> rows(Dataset<Row> aggregates) {
    return aggregates.selectExpr("concat_ws(' | ', time_window, log_count, error_count, total_response_bytes, "
            + "to_json(status_counts), to_json(endpoint_counts), to_json(messages)) AS r")
        .orderBy("r").as(Encoders.STRING()).collectAsList();
  }

  private List<String> expected(LotRun r) {
    return rows(TableSchemas.conform(Aggregates.windows(spark.read().format("delta").load(r.tables().path(TableSchemas.LOG_RESULTS)),
        5, 2, 2), TableSchemas.LOG_AGGREGATES));
  }

  private List<String> actual(LotRun r) {
    return rows(spark.read().format("delta").load(r.tables().path(TableSchemas.LOG_AGGREGATES)));
  }

  @Test
  void windowsOnlyTheLotHoldsTakeItsFiguresAndSharedOnesAreCountedAgain() throws IOException {
    object("a.log", 0, 7);
    LotRun first = run();
    RunJob.run(first, ANONYMIZER, null);
    assertTrue(progress.toString().contains("2 windows (0 counted again from log_results)"), progress.toString());
    assertEquals(expected(first), actual(first));
    assertEquals(2, actual(first).size());

    // minutes 8 to 14: the window of 10:05 is shared with the first lot's rows, 10:10 is the lot's own
    object("b.log", 8, 14);
    progress.getBuffer().setLength(0);
    LotRun second = run();
    RunJob.run(second, ANONYMIZER, null);
    assertTrue(progress.toString().contains("2 windows (1 counted again from log_results)"), progress.toString());
    List<String> all = expected(second);
    assertEquals(3, all.size(), all.toString());
    assertEquals(all, actual(second));
    assertTrue(all.get(1).startsWith("2026-11-20 10:05:00 | 15 |"), "10:05 holds both lots' rows: " + all);

    // the figures' files are gone once used; only log_results' own files stay in its folder
    try (Stream<Path> left = Files.walk(Path.of(dir.resolve("wh").toString(), TableSchemas.LOG_RESULTS))) {
      assertEquals(List.of(), left.filter(p -> p.toString().contains("/windows/") && Files.isRegularFile(p)).toList());
    }
  }
}
