package io.logyard.transform;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The figures of one window in one aggregation, from the window's events already counted per
 * HTTP status, endpoint and error message ({@link #INPUT}): totals, the status map, the busiest
 * endpoints and the first error messages ({@link #OUTPUT}). One pass replaces a join of three
 * separate aggregations of the same counts.
 */
final class WindowSummary extends Aggregator<Row, WindowSummary.Figures, Row> {
  /** A count of events that share a window, an HTTP status, an endpoint and an error message. */
  static final StructType INPUT = new StructType()
      .add("http_status", DataTypes.LongType)
      .add("endpoint", DataTypes.StringType)
      .add("error_message", DataTypes.StringType)
      .add("n", DataTypes.LongType)
      .add("errors", DataTypes.LongType)
      .add("bytes", DataTypes.LongType)
      .add("bytes_n", DataTypes.LongType);

  /** The window's figures, named as the log_aggregates columns. */
  static final StructType OUTPUT = new StructType()
      .add("log_count", DataTypes.LongType)
      .add("messages", DataTypes.createArrayType(DataTypes.StringType))
      .add("status_counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
      .add("error_count", DataTypes.LongType)
      .add("avg_response_bytes", DataTypes.DoubleType)
      .add("total_response_bytes", DataTypes.LongType)
      .add("endpoint_counts", DataTypes.createArrayType(new StructType()
          .add("endpoint", DataTypes.StringType)
          .add("count", DataTypes.LongType)));

  /** What is summed so far; a window's statuses and endpoints are few next to its events. */
  public static final class Figures implements Serializable {
    private static final long serialVersionUID = 1L;
    long events;
    long errors;
    long bytes;
    long bytesCounted;
    final TreeMap<Long, Long> statuses = new TreeMap<>();
    final HashMap<String, Long> endpoints = new HashMap<>();
    /** The smallest distinct messages, at most {@link #maxMessages}. */
    final TreeSet<String> messages = new TreeSet<>();
  }

  private final int topEndpoints;
  private final int maxMessages;

  WindowSummary(int topEndpoints, int maxMessages) {
    this.topEndpoints = topEndpoints;
    this.maxMessages = maxMessages;
  }

  @Override
  public Figures zero() {
    return new Figures();
  }

  @Override
  public Figures reduce(Figures f, Row r) {
    long n = r.getLong(3);
    f.events += n;
    f.errors += r.getLong(4);
    if (!r.isNullAt(5)) f.bytes += r.getLong(5);
    f.bytesCounted += r.getLong(6);
    if (!r.isNullAt(0)) f.statuses.merge(r.getLong(0), n, Long::sum);
    if (!r.isNullAt(1)) f.endpoints.merge(r.getString(1), n, Long::sum);
    if (!r.isNullAt(2)) addMessage(f, r.getString(2));
    return f;
  }

  private void addMessage(Figures f, String m) {
    if (maxMessages <= 0) return;
    f.messages.add(m);
    if (f.messages.size() > maxMessages) f.messages.pollLast();
  }

  @Override
  public Figures merge(Figures a, Figures b) {
    a.events += b.events;
    a.errors += b.errors;
    a.bytes += b.bytes;
    a.bytesCounted += b.bytesCounted;
    b.statuses.forEach((k, v) -> a.statuses.merge(k, v, Long::sum));
    b.endpoints.forEach((k, v) -> a.endpoints.merge(k, v, Long::sum));
    b.messages.forEach(m -> addMessage(a, m));
    return a;
  }

  /**
   * The window's row of {@link #OUTPUT}: no status or no endpoint gives a null map or list (as a
   * window without any has no figures), no byte count a null total and average.
   */
  @Override
  public Row finish(Figures f) {
    Object statuses = null;
    if (!f.statuses.isEmpty()) {
      Map<String, Long> byKey = new java.util.LinkedHashMap<>();
      f.statuses.forEach((k, v) -> byKey.put(Long.toString(k), v));
      statuses = JavaConverters.mapAsScalaMap(byKey);
    }
    Object endpoints = null;
    if (!f.endpoints.isEmpty()) {
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(f.endpoints.entrySet());
      // busiest first, ties by name
      ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      List<Row> top = new ArrayList<>();
      for (Map.Entry<String, Long> e : ranked.subList(0, Math.min(topEndpoints, ranked.size()))) {
        top.add(RowFactory.create(e.getKey(), e.getValue()));
      }
      if (!top.isEmpty()) endpoints = JavaConverters.asScalaBuffer(top).toSeq();
    }
    boolean anyBytes = f.bytesCounted > 0;
    return RowFactory.create(f.events,
        JavaConverters.asScalaBuffer(new ArrayList<>(f.messages)).toSeq(),
        statuses,
        f.errors,
        anyBytes ? (double) f.bytes / f.bytesCounted : null,
        anyBytes ? f.bytes : null,
        endpoints);
  }

  @Override
  public Encoder<Figures> bufferEncoder() {
    return Encoders.javaSerialization(Figures.class);
  }

  @Override
  public Encoder<Row> outputEncoder() {
    return Encoders.row(OUTPUT);
  }
}
