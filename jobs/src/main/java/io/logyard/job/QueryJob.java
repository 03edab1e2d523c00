package io.logyard.job;

import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code logyard query}: Spark SQL over the warehouse. Every table that exists is registered as
 * a view by its name: log_results, log_aggregates, emergency_logs, quarantine, ledger.
 */
public final class QueryJob {
  private QueryJob() {}

  /** Registers the tables present under {@code tables}; returns their names. */
  public static List<String> register(SparkSession spark, Tables tables) {
    return register(spark, tables, TableSchemas.TABLES);
  }

  /** Registers those of {@code names} present under {@code tables} (each costs a read of its log); returns them. */
  static List<String> register(SparkSession spark, Tables tables, List<String> names) {
    List<String> present = new ArrayList<>();
    for (String t : names) {
      String path = tables.path(t);
      if (DeltaSink.exists(spark, path)) {
        DeltaSink.read(spark, path).createOrReplaceTempView(t);
        present.add(t);
      }
    }
    return present;
  }

  /**
   * Runs {@code sql} with the tables it names registered; only those are opened, since opening
   * a table replays its Delta log.
   */
  public static Dataset<Row> run(SparkSession spark, Tables tables, String sql) {
    List<String> named = TableSchemas.TABLES.stream()
        .filter(t -> java.util.regex.Pattern.compile("(?i)\\b" + t + "\\b").matcher(sql).find()).toList();
    List<String> present = register(spark, tables, named);
    if (present.isEmpty() && TableSchemas.TABLES.stream().noneMatch(t -> DeltaSink.exists(spark, tables.path(t)))) {
      throw new IllegalStateException("no tables under " + tables.root() + " yet: run 'logyard run' first");
    }
    return spark.sql(sql);
  }
}
