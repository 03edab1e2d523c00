package io.logyard;

import io.logyard.config.LogyardConfig;
import io.logyard.job.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The one local SparkSession the component tests of this JVM share. */
public final class SparkTestSession {
  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    return SparkSessions.getOrCreate(new LogyardConfig.SparkSettings("local[2]", Map.of(
        "spark.sql.shuffle.partitions", "2",
        "spark.default.parallelism", "2",
        "spark.ui.enabled", "false",
        "spark.databricks.delta.snapshotPartitions", "1")), "logyard-tests");
  }
}
