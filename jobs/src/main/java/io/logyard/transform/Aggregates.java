package io.logyard.transform;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** The log_aggregates table: fixed windows of events per source node. */
public final class Aggregates {
  /** The columns a window is grouped by, besides the window itself. */
  public static final List<String> KEYS = List.of("project_id", "region", "nodeName", "provider", "hostname");

  /** Severities counted as errors, with HTTP status 500 and above. */
  static final List<String> ERROR_LEVELS = List.of("ERROR", "CRITICAL", "ALERT", "EMERGENCY");

  private Aggregates() {}

  /** The start of the {@code minutes}-wide UTC window that {@code ts} falls in. */
  public static Column windowStart(Column ts, int minutes) {
    long seconds = minutes * 60L;
    return timestamp_seconds(floor(unix_seconds(ts).divide(seconds)).multiply(seconds));
  }

  /**
   * Input: log_results rows (events without a timestamp are left out). Output: the
   * log_aggregates columns, one row per window and {@link #KEYS}: log_count; status_counts (HTTP
   * status → events); error_count (status ≥ 500 or severity ERROR or worse); average and total
   * response_bytes; endpoint_counts, the {@code topEndpoints} busiest endpoints, busiest first;
   * messages, up to {@code maxMessages} distinct messages of severity ERROR or worse, sorted.
   */
  public static Dataset<Row> windows(Dataset<Row> logResults, int windowMinutes, int topEndpoints, int maxMessages) {
    Dataset<Row> events = logResults.filter(col("timestamp").isNotNull())
        .withColumn("time_window", windowStart(col("timestamp"), windowMinutes));
    List<String> group = new ArrayList<>(KEYS);
    group.add("time_window");
    Column[] groupCols = cols(group);

    // one pass over the events: counts per window, status, endpoint and error message (a message
    // only for rows of an error severity, so other rows add no groups); the three results below
    // are sums over it, kept once in Spark's block store (memory, then disk) rather than read
    // from the events three times
    Column isErrorLevel = col("alert_level").isin(ERROR_LEVELS.toArray());
    Column isError = col("http_status").geq(500).or(isErrorLevel);
    List<String> fineGroup = new ArrayList<>(group);
    fineGroup.addAll(List.of("http_status", "endpoint", "error_message"));
    Dataset<Row> fine = events
        .withColumn("error_message", maxMessages == 0 ? lit(null).cast("string") : when(isErrorLevel, col("message")))
        .groupBy(cols(fineGroup))
        .agg(count(lit(1)).as("n"),
            sum(when(isError, 1L).otherwise(0L)).as("errors"),
            sum(col("response_bytes")).as("bytes"),
            count(col("response_bytes")).as("bytes_n"))
        .localCheckpoint();

    Dataset<Row> base = fine.groupBy(groupCols).agg(
        sum(col("n")).as("log_count"),
        slice(array_sort(collect_set(col("error_message"))), 1, Math.max(maxMessages, 1)).as("messages_all"),
        sum(col("errors")).as("error_count"),
        sum(col("bytes")).divide(sum(col("bytes_n"))).as("avg_response_bytes"),
        sum(col("bytes")).as("total_response_bytes"));

    List<String> statusGroup = new ArrayList<>(group);
    statusGroup.add("http_status");
    Dataset<Row> statuses = fine.filter(col("http_status").isNotNull())
        .groupBy(cols(statusGroup))
        .agg(sum(col("n")).as("n"))
        .groupBy(groupCols)
        .agg(map_from_entries(collect_list(struct(col("http_status").cast("string").as("key"), col("n").as("value")))).as("status_counts"));

    List<String> endpointGroup = new ArrayList<>(group);
    endpointGroup.add("endpoint");
    Dataset<Row> endpoints = fine.filter(col("endpoint").isNotNull())
        .groupBy(cols(endpointGroup))
        .agg(sum(col("n")).as("n"))
        .withColumn("rank", row_number().over(Window.partitionBy(groupCols).orderBy(desc("n"), col("endpoint"))))
        .filter(col("rank").leq(topEndpoints))
        .groupBy(groupCols)
        .agg(array_sort(collect_list(struct(col("rank"), col("endpoint"), col("n").as("count")))).as("ranked"))
        .withColumn("endpoint_counts", expr("transform(ranked, r -> named_struct('endpoint', r.endpoint, 'count', r.count))"))
        .drop("ranked");

    Dataset<Row> joined = base
        .join(prefixed(statuses, group, "s_"), nullSafeOn(group, "s_"), "left")
        .join(prefixed(endpoints, group, "e_"), nullSafeOn(group, "e_"), "left");
    List<Column> out = new ArrayList<>();
    for (String k : group) out.add(col(k));
    out.add(col("log_count"));
    out.add(col("messages_all").as("messages"));
    out.add(col("status_counts"));
    out.add(col("error_count"));
    out.add(col("avg_response_bytes"));
    out.add(col("total_response_bytes"));
    out.add(col("endpoint_counts"));
    out.add(to_date(col("time_window")).as("event_date"));
    return joined.select(out.toArray(new Column[0]));
  }

  private static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** Renames the key columns of a side table so that joining it back is unambiguous. */
  private static Dataset<Row> prefixed(Dataset<Row> side, List<String> keys, String prefix) {
    for (String k : keys) side = side.withColumnRenamed(k, prefix + k);
    return side;
  }

  /** Keys equal, nulls included: a node without a hostname is still one group. */
  private static Column nullSafeOn(List<String> keys, String prefix) {
    Column on = lit(true);
    for (String k : keys) on = on.and(col(k).eqNullSafe(col(prefix + k)));
    return on;
  }
}
