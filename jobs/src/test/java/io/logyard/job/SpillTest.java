package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.config.ConfigLoader;
import io.logyard.generate.GeneratorOptions;
import io.logyard.generate.LogGenerator;
import io.logyard.generate.Provider;
import io.logyard.pipeline.Ingested;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Progress;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import io.logyard.sink.TableSchemas;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spill paths a lot bigger than memory takes, forced on tiny data: blocks written to disk
 * (Spark picks Kryo for them, whose registration loads every Spark class it knows, Spark ML's
 * included: nothing it links may be missing from the classpath), and every sort and aggregation
 * of the read, the writes and the aggregation spilling after each record.
 */
class SpillTest {
  @TempDir Path dir;

  private static final Map<String, String> SPILL = Map.of(
      "spark.sql.shuffle.spill.numElementsForceSpillThreshold", "1",
      "spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "1",
      "spark.sql.maxConcurrentOutputFileWriters", "0");

  @Test
  void blocksOnDiskUseKryoWithEverySparkClassItRegisters() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    var strings = jsc.parallelize(List.of("a", "b", "c"), 2).persist(StorageLevel.DISK_ONLY());
    try {
      assertEquals(3, strings.count());
      assertEquals(List.of("a", "b", "c"), strings.collect());
    } finally {
      strings.unpersist();
    }
  }

  @Test
  void aLotWhoseSortsAndAggregationsSpillEndsAsUsual() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Instant start = Instant.parse("2026-11-20T10:00:00Z");
    LogGenerator.generate(new GeneratorOptions(List.of(Provider.AWS), start, 6, 20, 5, 0.05, 0.02, 0.02, 1), dir.resolve("landing"));
    try (var files = java.nio.file.Files.walk(dir.resolve("landing"))) {
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        java.nio.file.Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(start.plusSeconds(3600)));
      }
    }
    var config = ConfigLoader.parseYaml("test", """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        sources:
          - name: access
            provider: aws
            uri: %s/aws/logyard-logs/AWSLogs/123456789012
            path_template: "{region}/access/{yyyy}/{mm}/{dd}/{node}-{*}"
            format: combined
            full_listing: true
        """.formatted(dir.resolve("wh"), dir.resolve("landing")), Map.of(), Map.of());
    Map<String, String> before = new java.util.HashMap<>();
    SPILL.forEach((k, v) -> {
      before.put(k, spark.conf().get(k, null));
      spark.conf().set(k, v);
    });
    try {
      var stages = LotRun.open(spark, config, new Progress(new PrintWriter(new StringWriter()), true),
          Clock.fixed(start.plusSeconds(7200), ZoneOffset.UTC));
      List<RunJob.Summary> run = RunJob.run(stages,
          new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8))), null);
      Ingested i = run.get(0).ingested();
      assertTrue(i.linesRead() > 100, run.toString());
      assertEquals(i.linesRead(), i.parsed() + i.quarantined() + i.skipped(), "every line accounted for");
      assertEquals(i.parsed(), spark.read().format("delta").load(stages.tables().path(TableSchemas.LOG_RESULTS)).count());
      assertEquals(i.quarantined(), spark.read().format("delta").load(stages.tables().path(TableSchemas.QUARANTINE)).count());
      assertTrue(run.get(0).aggregated().rows() > 0, run.toString());
      assertEquals(run.get(0).aggregated().rows(),
          spark.read().format("delta").load(stages.tables().path(TableSchemas.LOG_AGGREGATES)).count());
    } finally {
      before.forEach((k, v) -> {
        if (v == null) spark.conf().unset(k);
        else spark.conf().set(k, v);
      });
    }
  }
}
