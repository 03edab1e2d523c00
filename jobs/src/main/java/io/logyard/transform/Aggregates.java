package io.logyard.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

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

  /** The events of {@code events} whose {@code minutes}-wide window is one of {@code windows}. */
  public static Dataset<Row> inWindows(Dataset<Row> events, java.util.Collection<java.time.Instant> windows, int minutes) {
    return events.filter(windowStart(col("timestamp"), minutes).isin(windows.stream().map(java.sql.Timestamp::from).toArray()));
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
    // only for rows of an error severity, so other rows add no groups)
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
            count(col("response_bytes")).as("bytes_n"));

    // each endpoint's figures in its window, then the window's from its endpoints': a window
    // never holds more than its busiest endpoints, however many it has
    WindowSummary summary = new WindowSummary(topEndpoints, maxMessages);
    List<String> endpointGroup = new ArrayList<>(group);
    endpointGroup.add("endpoint");
    Dataset<Row> perEndpoint = fine.groupBy(cols(endpointGroup))
        .agg(udaf(summary.perEndpoint(), Encoders.row(WindowSummary.INPUT)).apply(typed(WindowSummary.INPUT)).as("f"))
        .select(cols(endpointGroup, "f.*"));
    List<Column> out = new ArrayList<>();
    for (String k : group) out.add(col(k));
    for (String f : WindowSummary.OUTPUT.fieldNames()) out.add(col("summary." + f).as(f));
    out.add(to_date(col("time_window")).as("event_date"));
    return perEndpoint.groupBy(groupCols)
        .agg(udaf(summary, Encoders.row(WindowSummary.windowInput())).apply(typed(WindowSummary.windowInput())).as("summary"))
        .select(out.toArray(new Column[0]));
  }

  /** The columns of {@code schema}, cast to its types. */
  private static Column[] typed(org.apache.spark.sql.types.StructType schema) {
    return java.util.Arrays.stream(schema.fields()).map(f -> col(f.name()).cast(f.dataType())).toArray(Column[]::new);
  }

  private static Column[] cols(List<String> names, String... more) {
    List<String> all = new ArrayList<>(names);
    all.addAll(List.of(more));
    return all.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

}
