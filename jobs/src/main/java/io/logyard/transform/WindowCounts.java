package io.logyard.transform;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What an event adds to its window, declared once: the event's window ({@code windowMinutes}
 * wide, UTC) and {@link Aggregates#KEYS}, and per endpoint its count, errors (HTTP status 500 and
 * above, or severity ERROR or worse), response bytes, events per status, and its first distinct
 * messages of severity ERROR or worse. Events without a timestamp belong to no window.
 *
 * <p>A {@link Counter} sums events as they pass (log_results rows in Spark's internal format, of
 * any schema holding the columns it reads) into {@link #PARTIAL} rows, one per window, keys and
 * endpoint; at most {@link #MAX_ENTRIES} at a time (then they are handed out and counting starts
 * afresh), so several rows may share a window, keys and endpoint: {@link Aggregates#summarize}
 * adds them up. The reading task counts the rows it makes, and {@link Aggregates#windows} the
 * rows it reads, with the same counter.
 */
public final class WindowCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The columns a counter reads. */
  static final List<String> READS = List.of("project_id", "region", "nodeName", "provider", "hostname", "timestamp",
      "http_status", "endpoint", "alert_level", "message", "response_bytes");

  /** One endpoint's figures in a window, for its keys: {@link Aggregates#KEYS}, time_window, endpoint, then the figures. */
  public static final StructType PARTIAL = partial();

  private static StructType partial() {
    StructType s = new StructType();
    for (String k : Aggregates.KEYS) s = s.add(k, DataTypes.StringType);
    s = s.add("time_window", DataTypes.TimestampType).add("endpoint", DataTypes.StringType);
    for (var f : WindowSummary.ENDPOINT.fields()) s = s.add(f);
    return s;
  }

  private final long windowMicros;
  private final int maxMessages;

  public WindowCounts(int windowMinutes, int maxMessages) {
    this.windowMicros = windowMinutes * 60_000_000L;
    this.maxMessages = maxMessages;
  }

  /** How many figures a counter holds at most (then they are handed out: a few MB). */
  static final int MAX_ENTRIES = 65_536;

  /** A counter of rows of {@code schema}, holding at most {@link #MAX_ENTRIES} figures at a time. */
  public Counter counter(StructType schema) {
    return new Counter(READS.stream().mapToInt(schema::fieldIndex).toArray(), MAX_ENTRIES);
  }

  /** Whether {@code severity} is ERROR or worse. */
  static boolean errorLevel(String severity) {
    return severity != null && Aggregates.ERROR_LEVELS.contains(severity);
  }

  private static final List<UTF8String> ERROR_LEVELS = Aggregates.ERROR_LEVELS.stream().map(UTF8String::fromString).toList();

  private static boolean errorLevel(UTF8String severity) {
    if (severity == null) return false;
    for (UTF8String level : ERROR_LEVELS) {
      if (level.equals(severity)) return true;
    }
    return false;
  }

  /** The figures' key: the keys, the window (epoch microseconds) and the endpoint. */
  private record Key(UTF8String projectId, UTF8String region, UTF8String node, UTF8String provider, UTF8String hostname,
      long window, UTF8String endpoint) {
    /** A copy that outlives the row it was read from (a scan may reuse its buffers). */
    Key copy() {
      return new Key(clone(projectId), clone(region), clone(node), clone(provider), clone(hostname), window, clone(endpoint));
    }

    private static UTF8String clone(UTF8String s) {
      return s == null ? null : s.clone();
    }
  }

  /** Sums events into figures per window, keys and endpoint; not thread-safe, one per task. */
  public final class Counter {
    private final int[] at;
    private final int maxEntries;
    private final Map<Key, WindowSummary.Figures> figures = new HashMap<>();

    private Counter(int[] at, int maxEntries) {
      this.at = at;
      this.maxEntries = maxEntries;
    }

    /** Adds one event; an event without a timestamp is left out. */
    public void add(InternalRow r) {
      if (r.isNullAt(at[5])) return;
      long window = Math.floorDiv(r.getLong(at[5]), windowMicros) * windowMicros;
      Key key = new Key(str(r, 0), str(r, 1), str(r, 2), str(r, 3), str(r, 4), window, str(r, 7));
      WindowSummary.Figures f = figures.get(key);
      if (f == null) {
        f = new WindowSummary.Figures();
        figures.put(key.copy(), f);
      }
      f.events++;
      Long status = r.isNullAt(at[6]) ? null : r.getLong(at[6]);
      UTF8String severity = str(r, 8);
      boolean errorLevel = errorLevel(severity);
      if (errorLevel || (status != null && status >= 500)) f.errors++;
      if (!r.isNullAt(at[10])) {
        f.bytes += r.getLong(at[10]);
        f.bytesCounted++;
      }
      if (status != null) f.statuses.merge(status, 1L, Long::sum);
      if (errorLevel && maxMessages > 0 && !r.isNullAt(at[9])) f.addMessage(r.getUTF8String(at[9]).toString(), maxMessages);
    }

    private UTF8String str(InternalRow r, int i) {
      return r.isNullAt(at[i]) ? null : r.getUTF8String(at[i]);
    }

    /** Whether the counter holds as many figures as it may: time to {@link #drain} it. */
    public boolean full() {
      return figures.size() >= maxEntries;
    }

    public boolean isEmpty() {
      return figures.isEmpty();
    }

    /** The figures counted so far as {@link #PARTIAL} rows; the counter starts afresh. */
    public Iterator<InternalRow> drain() {
      List<InternalRow> out = new ArrayList<>(figures.size());
      figures.forEach((k, f) -> {
        Object[] statusKeys = new Object[f.statuses.size()];
        Object[] statusCounts = new Object[statusKeys.length];
        int i = 0;
        for (var e : f.statuses.entrySet()) {
          statusKeys[i] = e.getKey();
          statusCounts[i++] = e.getValue();
        }
        Object[] messages = f.messages.stream().map(UTF8String::fromString).toArray();
        out.add(new GenericInternalRow(new Object[] {k.projectId(), k.region(), k.node(), k.provider(), k.hostname(), k.window(),
            k.endpoint(), f.events, f.errors, f.bytes, f.bytesCounted,
            new ArrayBasedMapData(new GenericArrayData(statusKeys), new GenericArrayData(statusCounts)), new GenericArrayData(messages)}));
      });
      figures.clear();
      return out.iterator();
    }
  }
}
