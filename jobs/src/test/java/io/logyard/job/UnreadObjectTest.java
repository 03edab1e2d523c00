package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.config.ConfigLoader;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Plan;
import io.logyard.pipeline.Progress;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import io.logyard.sink.TableSchemas;
import io.logyard.source.UnreadObjectsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects named as stores allow ({@code :}, spaces, {@code %}, {@code #}, unicode) go through the
 * ledger and are read; an object the store does not serve stays pending, its lot unfinished,
 * the run fails naming it, and the next run reads it: the tables end as one clean run's.
 */
class UnreadObjectTest {
  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();
  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  private static final List<String> NAMES = List.of("ts 2026-11-20T10:00:00.log", "10:00:00_10:59:59_S0.log", "pct%41 #1 ü.log");

  private LotRun stages(String warehouse) {
    String yaml = """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        sources:
          - name: odd
            provider: aws
            uri: %s
            format: combined
        """.formatted(dir.resolve(warehouse), dir.resolve("landing"));
    return LotRun.open(spark, ConfigLoader.parseYaml("test", yaml, Map.of(), Map.of()),
        new Progress(new PrintWriter(new StringWriter()), true), java.time.Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), java.time.ZoneOffset.UTC));
  }

  private List<String> sorted(LotRun s, String table, String column) {
    return spark.read().format("delta").load(s.tables().path(table)).selectExpr(column + " AS c").orderBy("c")
        .as(Encoders.STRING()).collectAsList();
  }

  @Test
  void anUnreadObjectStaysPendingAndTheNextRunReadsIt() throws IOException {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    for (int f = 0; f < NAMES.size(); f++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        b.append("198.51.100.7 - - [20/Nov/2026:10:0").append(f).append(":0").append(i)
            .append(" +0000] \"GET /x HTTP/1.1\" 200 5 \"-\" \"ua\"\n");
      }
      b.append("not a log line\n");
      Files.writeString(landing.resolve(NAMES.get(f)), b);
      Files.setLastModifiedTime(landing.resolve(NAMES.get(f)), FileTime.from(Instant.parse("2026-11-20T11:00:00Z")));
    }
    LotRun clean = stages("clean");
    RunJob.run(clean, ANONYMIZER, null);
    Row sums = spark.read().format("delta").load(clean.tables().path(TableSchemas.LEDGER))
        .selectExpr("sum(lines_read)", "sum(rows_parsed)", "sum(rows_quarantined)", "min(state)").first();
    assertEquals(List.of(18L, 15L, 3L, "done"), List.of(sums.getLong(0), sums.getLong(1), sums.getLong(2), sums.getString(3)),
        "every line of every object is read");

    LotRun cut = stages("cut");
    Plan plan = cut.plan().interval(null).execute();
    Path hidden = Files.move(landing.resolve(NAMES.get(1)), dir.resolve("away"));
    UnreadObjectsException e = assertThrows(UnreadObjectsException.class, () -> cut.ingest(plan.lotId(), ANONYMIZER).sources(java.util.Set.of()).execute());
    assertEquals(1, e.reasons().size(), e.getMessage());
    assertTrue(e.getMessage().contains("10:00:00_10:59:59_S0.log: cannot open object"), e.getMessage());
    assertEquals(List.of("ingested", "ingested", "pending"), sorted(cut, TableSchemas.LEDGER, "state"));
    assertTrue(sorted(cut, TableSchemas.LOG_RESULTS, "source_uri").stream().noneMatch(u -> u.contains("S0")));
    assertThrows(IllegalStateException.class, () -> cut.aggregate(plan.lotId()).execute(), "the lot cannot be finished without it");

    Files.move(hidden, landing.resolve(NAMES.get(1)));
    List<RunJob.Summary> next = RunJob.run(stages("cut"), ANONYMIZER, null);
    assertTrue(next.get(0).resumed(), next.toString());
    assertEquals(1, next.get(0).ingested().objects(), "only the unread object is read again");
    assertFalse(sorted(cut, TableSchemas.LEDGER, "state").contains("pending"));
    for (String t : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE)) {
      assertEquals(sorted(clean, t, "source_uri"), sorted(cut, t, "source_uri"), t);
    }
    assertEquals(sorted(clean, TableSchemas.LOG_RESULTS, "event_id"), sorted(cut, TableSchemas.LOG_RESULTS, "event_id"));
    assertEquals(sorted(clean, TableSchemas.LOG_AGGREGATES, "cast(log_count as string)"),
        sorted(cut, TableSchemas.LOG_AGGREGATES, "cast(log_count as string)"));
  }
}
