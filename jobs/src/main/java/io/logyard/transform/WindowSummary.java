package io.logyard.transform;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
 * The figures of one window, summed in two steps whose memory stays bounded however many
 * distinct endpoints a window has: {@link PerEndpoint} adds up an endpoint's partial figures in a
 * window ({@link WindowCounts}) into one row per endpoint ({@link #ENDPOINT}); the window then sums
 * its endpoints' rows ({@link WindowSummary} itself) keeping only the {@code topEndpoints}
 * busiest (exact: each endpoint arrives once, with its whole count) and the first {@code
 * maxMessages} distinct error messages (exact: the first of a union are among the first of
 * each part).
 */
final class WindowSummary extends Aggregator<Row, WindowSummary.Window, Row> {
  /** One endpoint's figures in one window (the endpoint itself is the grouping column). */
  static final StructType ENDPOINT = new StructType()
      .add("events", DataTypes.LongType)
      .add("errors", DataTypes.LongType)
      .add("bytes", DataTypes.LongType)
      .add("bytes_counted", DataTypes.LongType)
      .add("statuses", DataTypes.createMapType(DataTypes.LongType, DataTypes.LongType))
      .add("messages", DataTypes.createArrayType(DataTypes.StringType));

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

  /** Sums of events: counts, bytes, events per status, the first distinct error messages. */
  public static class Figures implements Serializable {
    private static final long serialVersionUID = 1L;
    long events;
    long errors;
    long bytes;
    long bytesCounted;
    final TreeMap<Long, Long> statuses = new TreeMap<>();
    /** The smallest distinct messages, at most the limit given to {@link #addMessage}. */
    final TreeSet<String> messages = new TreeSet<>();

    void addMessage(String m, int max) {
      if (max <= 0) return;
      messages.add(m);
      if (messages.size() > max) messages.pollLast();
    }

    void add(Figures o, int maxMessages) {
      events += o.events;
      errors += o.errors;
      bytes += o.bytes;
      bytesCounted += o.bytesCounted;
      o.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
      o.messages.forEach(m -> addMessage(m, maxMessages));
    }
  }

  /** An endpoint and its events in a window, ordered least busy first (of equal counts, the later name first: the one a tie drops). */
  static final class Endpoint implements Serializable, Comparable<Endpoint> {
    private static final long serialVersionUID = 1L;
    String name;
    long count;

    Endpoint() {}

    Endpoint(String name, long count) {
      this.name = name;
      this.count = count;
    }

    @Override
    public int compareTo(Endpoint o) {
      int c = Long.compare(count, o.count);
      return c != 0 ? c : o.name.compareTo(name);
    }
  }

  /** A window's figures and its busiest endpoints so far, least busy first. */
  public static final class Window extends Figures {
    private static final long serialVersionUID = 1L;
    final PriorityQueue<Endpoint> top = new PriorityQueue<>();
  }

  private final int topEndpoints;
  private final int maxMessages;

  WindowSummary(int topEndpoints, int maxMessages) {
    this.topEndpoints = topEndpoints;
    this.maxMessages = maxMessages;
  }

  /** The per-endpoint step: {@link #ENDPOINT} rows of one window and endpoint added up into one. */
  PerEndpoint perEndpoint() {
    return new PerEndpoint(maxMessages);
  }

  /** The figures of an {@link #ENDPOINT} row whose first column is at {@code at}. */
  static Figures figures(Row r, int at) {
    Figures f = new Figures();
    f.events = r.getLong(at);
    f.errors = r.getLong(at + 1);
    f.bytes = r.getLong(at + 2);
    f.bytesCounted = r.getLong(at + 3);
    Map<Object, Object> statuses = JavaConverters.mapAsJavaMap(r.getMap(at + 4));
    statuses.forEach((k, v) -> f.statuses.put((Long) k, (Long) v));
    for (Object m : r.getList(at + 5)) f.messages.add((String) m);
    return f;
  }

  static final class PerEndpoint extends Aggregator<Row, Figures, Row> {
    private final int maxMessages;

    PerEndpoint(int maxMessages) {
      this.maxMessages = maxMessages;
    }

    @Override
    public Figures zero() {
      return new Figures();
    }

    @Override
    public Figures reduce(Figures f, Row r) {
      f.add(figures(r, 0), maxMessages);
      return f;
    }

    @Override
    public Figures merge(Figures a, Figures b) {
      a.add(b, maxMessages);
      return a;
    }

    @Override
    public Row finish(Figures f) {
      return RowFactory.create(f.events, f.errors, f.bytes, f.bytesCounted, JavaConverters.mapAsScalaMap(f.statuses),
          JavaConverters.asScalaBuffer(new ArrayList<>(f.messages)).toSeq());
    }

    @Override
    public Encoder<Figures> bufferEncoder() {
      return Encoders.kryo(Figures.class);
    }

    @Override
    public Encoder<Row> outputEncoder() {
      return Encoders.row(ENDPOINT);
    }
  }

  /** The columns {@link WindowSummary} reads: the endpoint, then {@link #ENDPOINT}'s. */
  static StructType windowInput() {
    StructType s = new StructType().add("endpoint", DataTypes.StringType);
    for (var f : ENDPOINT.fields()) s = s.add(f);
    return s;
  }

  @Override
  public Window zero() {
    return new Window();
  }

  @Override
  public Window reduce(Window w, Row r) {
    Figures f = figures(r, 1);
    w.add(f, maxMessages);
    if (!r.isNullAt(0)) offer(w, new Endpoint(r.getString(0), f.events));
    return w;
  }

  private void offer(Window w, Endpoint endpoint) {
    if (topEndpoints <= 0) return;
    w.top.add(endpoint);
    if (w.top.size() > topEndpoints) w.top.poll();
  }

  @Override
  public Window merge(Window a, Window b) {
    a.add(b, maxMessages);
    b.top.forEach(e -> offer(a, e));
    return a;
  }

  /**
   * The window's row of {@link #OUTPUT}: no status or no endpoint gives a null map or list (as a
   * window without any has no figures), no byte count a null total and average.
   */
  @Override
  public Row finish(Window w) {
    Object statuses = null;
    if (!w.statuses.isEmpty()) {
      Map<String, Long> byKey = new java.util.LinkedHashMap<>();
      w.statuses.forEach((k, v) -> byKey.put(Long.toString(k), v));
      statuses = JavaConverters.mapAsScalaMap(byKey);
    }
    Object endpoints = null;
    if (!w.top.isEmpty()) {
      List<Endpoint> ranked = new ArrayList<>(w.top);
      // busiest first, ties by name
      ranked.sort(Comparator.reverseOrder());
      List<Row> top = new ArrayList<>();
      for (Endpoint e : ranked) top.add(RowFactory.create(e.name, e.count));
      endpoints = JavaConverters.asScalaBuffer(top).toSeq();
    }
    boolean anyBytes = w.bytesCounted > 0;
    return RowFactory.create(w.events,
        JavaConverters.asScalaBuffer(new ArrayList<>(w.messages)).toSeq(),
        statuses,
        w.errors,
        anyBytes ? (double) w.bytes / w.bytesCounted : null,
        anyBytes ? w.bytes : null,
        endpoints);
  }

  @Override
  public Encoder<Window> bufferEncoder() {
    return Encoders.kryo(Window.class);
  }

  @Override
  public Encoder<Row> outputEncoder() {
    return Encoders.row(OUTPUT);
  }
}
