package io.logyard.sink;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the Delta tables. Every write replaces exactly the slice it owns — the rows of the
 * lot's objects, or the windows the lot touched — in one Delta commit, so a rerun or a resumed
 * run leaves the table as one clean run would, never appending twice.
 */
public final class DeltaSink {
  /** Partition columns per table; tables not listed are not partitioned. */
  public static final Map<String, List<String>> PARTITIONS = Map.of(
      TableSchemas.LOG_RESULTS, List.of("event_date"),
      TableSchemas.EMERGENCY_LOGS, List.of("event_date"),
      TableSchemas.LOG_AGGREGATES, List.of("event_date"));

  private DeltaSink() {}

  /** Creates {@code table} at {@code path}, empty, with its contract schema, if it does not exist. */
  public static void ensure(SparkSession spark, String path, String table) {
    if (DeltaTable.isDeltaTable(spark, path)) return;
    Dataset<Row> empty = spark.createDataFrame(List.of(), TableSchemas.schema(table));
    empty.write().format("delta").mode("ignore")
        .partitionBy(PARTITIONS.getOrDefault(table, List.of()).toArray(new String[0]))
        .save(path);
  }

  /**
   * Replaces the rows of {@code table} matching {@code predicate} with {@code rows}, atomically.
   * Every row written must match the predicate (Delta checks it).
   *
   * @return the number of rows written
   */
  public static long replace(SparkSession spark, Dataset<Row> rows, String path, String table, String predicate) {
    ensure(spark, path, table);
    Dataset<Row> conformed = TableSchemas.conform(rows, table);
    String tag = "logyard:" + java.util.UUID.randomUUID();
    return Retry.onConflict("writing " + table, () -> {
      conformed.write().format("delta")
          .mode("overwrite")
          .option("replaceWhere", predicate)
          .option("userMetadata", tag)
          .save(path);
      return outputRows(spark, path, tag);
    });
  }

  /**
   * Rows that the commit tagged {@code tag} wrote, from the Delta log's operation metrics (no
   * data is read). The tag finds our commit among concurrent writers' commits.
   */
  static long outputRows(SparkSession spark, String path, String tag) {
    List<Row> mine = DeltaTable.forPath(spark, path).history(50)
        .filter(org.apache.spark.sql.functions.col("userMetadata").equalTo(tag))
        .select("operationMetrics").collectAsList();
    if (mine.isEmpty()) return 0L;
    scala.collection.Map<String, String> metrics = mine.get(0).getMap(0);
    return metrics == null || metrics.get("numOutputRows").isEmpty() ? 0L : Long.parseLong(metrics.get("numOutputRows").get());
  }

  /** A SQL {@code IN} list of string literals, quotes escaped. */
  public static String inList(String column, java.util.Collection<String> values) {
    StringBuilder b = new StringBuilder(column).append(" IN (");
    boolean first = true;
    for (String v : values) {
      if (!first) b.append(", ");
      b.append('\'').append(v.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
      first = false;
    }
    return b.append(')').toString();
  }
}
