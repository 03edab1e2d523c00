package io.logyard.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.unix_seconds;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

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
    return summarize(partials(logResults, windowMinutes, maxMessages), topEndpoints, maxMessages);
  }

  /** The events' {@link WindowCounts#PARTIAL} figures, counted as the rows are read (one pass, no shuffle). */
  public static Dataset<Row> partials(Dataset<Row> logResults, int windowMinutes, int maxMessages) {
    Dataset<Row> in = logResults.select(WindowCounts.READS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    StructType schema = in.schema();
    WindowCounts counts = new WindowCounts(windowMinutes, maxMessages);
    var rows = in.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(it -> new Counted(counts.counter(schema), it));
    return in.sparkSession().internalCreateDataFrame(rows.rdd(), WindowCounts.PARTIAL, false);
  }

  /** The figures of a partition's rows, handed out whenever the counter is full and at the end. */
  private static final class Counted implements Iterator<InternalRow> {
    private final WindowCounts.Counter counter;
    private final Iterator<InternalRow> rows;
    private Iterator<InternalRow> out = java.util.Collections.emptyIterator();

    Counted(WindowCounts.Counter counter, Iterator<InternalRow> rows) {
      this.counter = counter;
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      while (!out.hasNext()) {
        if (!rows.hasNext() && counter.isEmpty()) return false;
        while (rows.hasNext() && !counter.full()) counter.add(rows.next());
        out = counter.drain();
      }
      return true;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) throw new java.util.NoSuchElementException();
      return out.next();
    }
  }

  /**
   * The log_aggregates rows of {@link WindowCounts#PARTIAL} figures (of {@link #partials}, or as
   * the reading tasks counted them): each endpoint's figures in its window added up, then the
   * window's from its endpoints', keeping the {@code topEndpoints} busiest: a window never holds
   * more than its busiest endpoints, however many it has.
   */
  public static Dataset<Row> summarize(Dataset<Row> partials, int topEndpoints, int maxMessages) {
    List<String> group = new ArrayList<>(KEYS);
    group.add("time_window");
    WindowSummary summary = new WindowSummary(topEndpoints, maxMessages);
    List<String> endpointGroup = new ArrayList<>(group);
    endpointGroup.add("endpoint");
    Dataset<Row> perEndpoint = partials.groupBy(cols(endpointGroup))
        .agg(udaf(summary.perEndpoint(), Encoders.row(WindowSummary.ENDPOINT)).apply(typed(WindowSummary.ENDPOINT)).as("f"))
        .select(cols(endpointGroup, "f.*"));
    List<Column> out = new ArrayList<>();
    for (String k : group) out.add(col(k));
    for (String f : WindowSummary.OUTPUT.fieldNames()) out.add(col("summary." + f).as(f));
    out.add(to_date(col("time_window")).as("event_date"));
    return perEndpoint.groupBy(cols(group))
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
