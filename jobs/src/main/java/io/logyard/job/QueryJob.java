package io.logyard.job;

import io.delta.tables.DeltaTable;
import io.logyard.sink.TableSchemas;
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
    List<String> present = new ArrayList<>();
    for (String t : TableSchemas.TABLES) {
      String path = tables.path(t);
      if (DeltaTable.isDeltaTable(spark, path)) {
        spark.read().format("delta").load(path).createOrReplaceTempView(t);
        present.add(t);
      }
    }
    return present;
  }

  public static Dataset<Row> run(SparkSession spark, Tables tables, String sql) {
    List<String> present = register(spark, tables);
    if (present.isEmpty()) {
      throw new IllegalStateException("no tables under " + tables.root() + " yet: run 'logyard run' first");
    }
    return spark.sql(sql);
  }
}
