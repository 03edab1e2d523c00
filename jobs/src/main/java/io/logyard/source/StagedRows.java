package io.logyard.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The rows reading a lot yields, before enrichment: every line becomes a {@link #PARSED} or a
 * {@link #QUARANTINED} row, and every object ends with one {@link #COUNTS} row holding its line
 * counts, so that one pass over the data gives both the tables and the ledger's reconciliation.
 * An object the store would not open or serve to the end (an I/O failure, not damaged content)
 * ends with one {@link #UNREAD} row instead, its reason in {@code reason}: its other rows are
 * not to be written, and it stays pending for the next run. Parsed rows are already anonymized.
 */
public final class StagedRows {
  public static final String PARSED = "P";
  public static final String QUARANTINED = "Q";
  public static final String COUNTS = "C";
  public static final String UNREAD = "U";

  public static final StructType SCHEMA = new StructType(new org.apache.spark.sql.types.StructField[] {
      createStructField("source_name", StringType, false),
      createStructField("source_uri", StringType, false),
      createStructField("kind", StringType, false),
      createStructField("line_number", LongType, true),
      createStructField("byte_offset", LongType, true),
      createStructField("reason", StringType, true),
      createStructField("raw_line", StringType, true),
      createStructField("event_id", StringType, true),
      createStructField("timestamp", TimestampType, true),
      createStructField("version", StringType, true),
      createStructField("message", StringType, true),
      createStructField("remote_log_id", StringType, true),
      createStructField("hostname", StringType, true),
      createStructField("event_node", StringType, true),
      createStructField("public_ip", StringType, true),
      createStructField("private_ip", StringType, true),
      createStructField("alert_level", StringType, true),
      createStructField("service", StringType, true),
      createStructField("client_ip", StringType, true),
      createStructField("http_method", StringType, true),
      createStructField("endpoint", StringType, true),
      createStructField("http_status", LongType, true),
      createStructField("response_bytes", LongType, true),
      createStructField("referrer", StringType, true),
      createStructField("user_agent", StringType, true),
      createStructField("latency_ms", DoubleType, true),
      createStructField("attributes", createMapType(StringType, StringType, true), true),
      createStructField("path_node", StringType, true),
      createStructField("path_region", StringType, true),
      createStructField("lines_read", LongType, true),
      createStructField("rows_parsed", LongType, true),
      createStructField("rows_quarantined", LongType, true),
      createStructField("lines_skipped", LongType, true),
  });

  private StagedRows() {}

  /** Per URI of an object that ended {@link #UNREAD}, the reason (a small collect: one row per such object). */
  public static Map<String, String> unread(Dataset<Row> staged) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : staged.filter(col("kind").equalTo(UNREAD)).select("source_uri", "reason").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  /** {@code staged} without any row of the objects {@code uris}. */
  public static Dataset<Row> without(Dataset<Row> staged, Collection<String> uris) {
    return uris.isEmpty() ? staged : staged.filter(not(col("source_uri").isin(uris.toArray())));
  }
}
