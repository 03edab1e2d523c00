package io.logyard.source;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.logyard.sink.TableSchemas;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * What one pass over a lot yields, each of its own type: parsed rows ({@link #PARSED}: finished
 * {@code log_results} rows, anonymized, enriched and routed), quarantined lines
 * ({@link #QUARANTINED}), one {@link RangeCounts} per part of an object read to its end, and one
 * {@link Unread} per part the store would not serve. The reader hands them to a {@link Sink} as
 * it makes them; the reading tasks write the rows to the lot's staging area through
 * {@link Writers} ({@code sink.Staging}) and return the counts to the driver.
 */
public final class StagedRows {
  private StagedRows() {}

  /**
   * The first byte of the part of the object a row was read from: 0 for an object read whole.
   * A large object read as several ranges ({@code LotReader}) gives each range its own rows,
   * numbered from 1 within the range in {@code line_number}, and its own {@link RangeCounts};
   * {@code sink.Staging} adds them up.
   */
  public static final String RANGE_START = "range_start";

  /** The column of a parsed row's day: log_results' partition column, given beside the row ({@link Sink#parsed}). */
  public static final String DAY = "event_date";

  /**
   * A parsed row: the log_results columns but its day ({@link #DAY}), then source_name,
   * line_number, {@link #RANGE_START} and emergency_reason (the emergency rule's reason, or null).
   */
  public static final StructType PARSED = parsed();

  /** A quarantined line, its reason and its redacted text. */
  public static final StructType QUARANTINED = new StructType()
      .add("source_uri", StringType)
      .add("source_offset", LongType)
      .add("provider", StringType)
      .add("source_format", StringType)
      .add("run_id", StringType)
      .add("source_name", StringType)
      .add("line_number", LongType)
      .add(RANGE_START, LongType)
      .add("reason", StringType)
      .add("raw_line", StringType);

  private static StructType parsed() {
    StructType s = new StructType();
    for (var f : TableSchemas.schema(TableSchemas.LOG_RESULTS).fields()) {
      if (!f.name().equals(DAY)) s = s.add(f.name(), f.dataType(), true);
    }
    return s.add("source_name", StringType).add("line_number", LongType).add(RANGE_START, LongType).add("emergency_reason", StringType);
  }

  /**
   * The counts of one part of an object read to its end.
   *
   * @param lines how many lines the part held (the line numbers of the parts after it start after these)
   * @param windowStarts the starts (epoch microseconds) of the aggregation windows its rows fall in, ascending
   */
  public record RangeCounts(String uri, String sourceName, long rangeStart, long lines, long linesRead, long parsed,
      long quarantined, long skipped, long emergencies, List<Long> windowStarts) implements Serializable {}

  /** A part of an object the store would not open or serve to the end: the object stays pending. */
  public record Unread(String uri, String sourceName, long rangeStart, String reason) implements Serializable {}

  /** Where the reader puts what it makes, in order. */
  public interface Sink {
    /** A row of {@link #PARSED}, and its day (days since 1970-01-01, null: none). */
    void parsed(InternalRow row, Integer day);

    /** A row of {@link #QUARANTINED}. */
    void quarantined(InternalRow row);

    void counts(RangeCounts counts);

    void unread(Unread unread);
  }

  /** A file a task wrote: its path, its rows' day (parsed rows; null otherwise), and its size. */
  public record File(String path, Integer day, long length, long modificationTime) implements Serializable {}

  /**
   * The files of one task attempt: parsed rows', quarantined lines', those of the window figures
   * it counted of its parsed rows (when asked to; empty otherwise), and its overflow: parsed rows
   * of days whose file the task had already closed, each with its day as a last column, which
   * the area lays out by day after the pass (a task never writes more than one file per day).
   */
  public record Written(List<File> parsed, List<File> quarantined, List<File> windows, List<File> overflow)
      implements Serializable {}

  /** What one reading task made: its files, and its counts. */
  public record Task(Written files, List<RangeCounts> counts, List<Unread> unread) implements Serializable {}

  /** Writes a task's rows to files; sent to the executors. */
  public interface Writers extends Serializable {
    /** The writer of one task attempt ({@code attempt} names its files apart from other attempts'). */
    Writer open(String attempt);
  }

  /** One task attempt's writer. */
  public interface Writer {
    void parsed(InternalRow row, Integer day) throws java.io.IOException;

    void quarantined(InternalRow row) throws java.io.IOException;

    /** Closes every file; returns them. */
    Written close() throws java.io.IOException;

    /** Closes every file after a failure, without reporting them. */
    void abort();
  }
}
