package io.logyard.job;

import io.logyard.config.LogyardConfig;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command uses, with Delta and logyard's defaults. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Returns the active session or builds one. Settings that spark-submit (or a cluster) already
   * gave win over the config's: the config fills only what is unset.
   */
  public static SparkSession getOrCreate(LogyardConfig.SparkSettings settings, String appName) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster(settings.master());
    }
    boolean local = conf.get("spark.master").startsWith("local");
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      setIfAbsent(conf, e.getKey(), e.getValue());
    }
    setIfAbsent(conf, "spark.app.name", appName);
    setIfAbsent(conf, "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    setIfAbsent(conf, "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    setIfAbsent(conf, "spark.sql.session.timeZone", "UTC");
    // a partitioned write keeps one open file per partition value of its task (a lot's days, the
    // staging area's kinds) instead of first sorting the task's rows by partition, which spilled
    // the whole lot to disk; past this many values Spark sorts the rest as before
    setIfAbsent(conf, "spark.sql.optimizer.plannedWrite.enabled", "false");
    setIfAbsent(conf, "spark.sql.maxConcurrentOutputFileWriters", "16");
    // the open files' row groups share this part of the heap (default 95%), flushed smaller when many
    setIfAbsent(conf, "spark.hadoop.parquet.memory.pool.ratio", "0.3");
    if (local) {
      setIfAbsent(conf, "spark.ui.enabled", "false");
      setIfAbsent(conf, "spark.sql.shuffle.partitions", "4");
      setIfAbsent(conf, "spark.driver.host", "127.0.0.1");
      setIfAbsent(conf, "spark.driver.bindAddress", "127.0.0.1");
      setIfAbsent(conf, "spark.databricks.delta.snapshotPartitions", "2");
      setIfAbsent(conf, "spark.sql.debug.maxToStringFields", "200");
      // Delta's VACUUM lists the table in this many tasks (default 10000): minutes of empty tasks on a laptop
      setIfAbsent(conf, "spark.sql.sources.parallelPartitionDiscovery.parallelism", "4");
    } else {
      // Delta rebuilds a table's state in this many tasks (default 50) each time a command opens
      // it: five tables' worth of empty tasks per command on a cluster, where a year of lots
      // (about 10^5 file actions after checkpoints) needs a handful
      setIfAbsent(conf, "spark.databricks.delta.snapshotPartitions", "8");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  private static void setIfAbsent(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) conf.set(key, value);
  }
}
