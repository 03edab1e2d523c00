package io.logyard.source;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import io.logyard.sink.TableSchemas;
import org.apache.spark.sql.types.StructType;

/**
 * The rows one pass over a lot yields, as the reader writes them to the lot's staging area: the
 * {@code log_results} columns ({@link EventRow}) followed by what quarantined lines and the
 * per-object counts need. {@link #KIND} tells which of the three a row is; the staging area is
 * partitioned by it, so each is read back on its own ({@code sink.Staging}). Parsed rows are
 * already anonymized, enriched and routed (emergency_reason).
 */
public final class StagedRows {
  public static final String KIND = "kind";
  public static final String PARSED = "P";
  public static final String QUARANTINED = "Q";
  public static final String COUNTS = "C";
  /**
   * An object the store would not open or serve to the end (an I/O failure, not damaged
   * content) ends with one such row instead of its counts, the reason in {@code reason}: its
   * other rows are not to be written, and it stays pending for the next run.
   */
  public static final String UNREAD = "U";

  /**
   * The first byte of the part of the object a row was read from: 0 for an object read whole.
   * A large object read as several ranges ({@code LotReader}) gives each range its own rows,
   * numbered from 1 within the range in {@code line_number}, and its own counts row, whose
   * {@code line_number} is how many lines the range held; {@code sink.Staging} adds them up.
   */
  public static final String RANGE_START = "range_start";

  /** The columns after the log_results ones, in order. */
  public static final StructType EXTRA = new StructType()
      .add("source_name", StringType)
      .add("line_number", LongType)
      .add(RANGE_START, LongType)
      .add("reason", StringType)
      .add("raw_line", StringType)
      .add("emergency_reason", StringType)
      .add("lines_read", LongType)
      .add("rows_parsed", LongType)
      .add("rows_quarantined", LongType)
      .add("lines_skipped", LongType)
      .add("emergencies", LongType)
      .add("windows", createArrayType(TimestampType, false))
      .add(KIND, StringType);

  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType s = new StructType();
    for (var f : TableSchemas.schema(TableSchemas.LOG_RESULTS).fields()) s = s.add(f.name(), f.dataType(), true);
    for (var f : EXTRA.fields()) s = s.add(f);
    return s;
  }

  private StagedRows() {}
}
