package io.logyard.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import io.logyard.source.Ledger;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code logyard status}: the ledger, summarized. */
public final class StatusJob {
  private StatusJob() {}

  /** The ledger table, or null when no run has created it yet. */
  public static Dataset<Row> ledger(SparkSession spark, Tables tables) {
    String path = tables.path(TableSchemas.LEDGER);
    return DeltaSink.exists(spark, path) ? DeltaSink.read(spark, path) : null;
  }

  /**
   * The ledger rows of the newest {@code n} lots (by the time they were opened) and of every lot
   * not finished, whatever its age. Only the files of recent lots are read: the newest rows are
   * found from the files' statistics of {@code discovered_at}, looking back a day from the
   * ledger's latest row and four times further each time that holds fewer than {@code n} lots.
   * Null for a ledger of fewer than {@value #READ_WHOLE_BELOW} rows or a file without
   * statistics (see {@link #shown}).
   */
  public static Dataset<Row> recent(SparkSession spark, String path, int n) {
    return recent(spark, path, n, READ_WHOLE_BELOW);
  }

  static final long READ_WHOLE_BELOW = 100_000;

  static Dataset<Row> recent(SparkSession spark, String path, int n, long readWholeBelow) {
    Dataset<Row> ledger = DeltaSink.read(spark, path);
    java.util.Optional<DeltaSink.ColumnStats> stats = DeltaSink.columnStats(spark, path, "discovered_at");
    // a file without statistics, or a small ledger: shown() summarizes it whole instead
    if (stats.isEmpty() || stats.get().rows() < readWholeBelow || stats.get().maxes().isEmpty()) {
      return null;
    }
    java.time.Instant latest = stats.get().maxes().stream().map(StatusJob::instant).max(java.util.Comparator.naturalOrder()).get();
    java.time.Instant earliest = stats.get().mins().stream().map(StatusJob::instant).min(java.util.Comparator.naturalOrder()).get();
    java.time.Duration span = java.time.Duration.ofDays(1);
    List<String> lots;
    while (true) {
      java.time.Instant from = latest.minus(span);
      lots = newest(ledger.filter(col("discovered_at").geq(java.sql.Timestamp.from(from))), n);
      if (lots.size() >= n || !from.isAfter(earliest)) break;
      span = span.multipliedBy(4);
    }
    return ledger.filter(col("lot_id").isin(lots.toArray()).or(col("state").isin(Ledger.PENDING, Ledger.INGESTED)));
  }

  /** What {@code status} shows: one row per lot ({@link #lots}), and the ledger rows of those lots. */
  public record Shown(Dataset<Row> lots, Dataset<Row> rows) {}

  /**
   * The newest {@code n} lots and every lot not finished ({@link #recent}). A small ledger (or
   * one with a file without statistics) is summarized whole in one query and the lots chosen
   * from that summary.
   */
  public static Shown shown(SparkSession spark, String path, int n) {
    Dataset<Row> rows = recent(spark, path, n);
    if (rows != null) return new Shown(lots(rows), rows);
    Dataset<Row> ledger = DeltaSink.read(spark, path);
    Dataset<Row> all = lots(ledger);
    List<Row> every = all.collectAsList();
    java.util.Set<String> ids = new java.util.HashSet<>();
    every.stream()
        .sorted(java.util.Comparator.comparing((Row r) -> r.getTimestamp(7)).thenComparing(r -> r.getString(0)).reversed())
        .limit(n).forEach(r -> ids.add(r.getString(0)));
    every.stream().filter(r -> Ledger.PENDING.equals(r.getString(1)) || Ledger.INGESTED.equals(r.getString(1)))
        .forEach(r -> ids.add(r.getString(0)));
    List<Row> kept = every.stream().filter(r -> ids.contains(r.getString(0))).toList();
    return new Shown(spark.createDataFrame(kept, all.schema()),
        ledger.filter(col("lot_id").isin(ids.toArray())));
  }

  /** The ids of the newest {@code n} lots of {@code rows}, by the time they were opened. */
  private static List<String> newest(Dataset<Row> rows, int n) {
    return rows.groupBy("lot_id").agg(min("discovered_at").as("opened"))
        .orderBy(col("opened").desc(), col("lot_id").desc()).limit(n)
        .select("lot_id").as(Encoders.STRING()).collectAsList();
  }

  private static java.time.Instant instant(String statistic) {
    return java.time.OffsetDateTime.parse(statistic).toInstant();
  }

  /**
   * One row per lot: lot_id, state (done, pending, empty), objects, lines_read, rows_parsed,
   * rows_quarantined, lines_skipped, opened, committed; newest last.
   */
  public static Dataset<Row> lots(Dataset<Row> ledger) {
    return ledger.groupBy("lot_id").agg(
            when(sum(when(col("state").equalTo(Ledger.PENDING), 1).otherwise(0)).gt(0), lit(Ledger.PENDING))
                .otherwise(first(col("state"))).as("state"),
            count(col("uri")).as("objects"),
            sum("lines_read").as("lines_read"),
            sum("rows_parsed").as("rows_parsed"),
            sum("rows_quarantined").as("rows_quarantined"),
            sum("lines_skipped").as("lines_skipped"),
            min("discovered_at").as("opened"),
            max("committed_at").as("committed"))
        .orderBy("lot_id");
  }

  /**
   * One row per source: source_name, provider, objects (committed), pending (objects of lots
   * not finished), lines_read, rows_parsed, rows_quarantined, last_lot.
   */
  public static Dataset<Row> sources(Dataset<Row> ledger) {
    // one pass over the ledger (was three aggregations joined back)
    org.apache.spark.sql.Column done = col("state").equalTo(Ledger.DONE);
    return ledger.filter(col("source_name").isNotNull()).groupBy("source_name", "provider").agg(
            countDistinct(when(done, col("uri"))).as("objects"),
            countDistinct(when(col("state").isin(Ledger.PENDING, Ledger.INGESTED), col("uri"))).as("pending"),
            sum(when(done, col("lines_read"))).as("lines_read"),
            sum(when(done, col("rows_parsed"))).as("rows_parsed"),
            sum(when(done, col("rows_quarantined"))).as("rows_quarantined"),
            max(when(done, col("lot_id"))).as("last_lot"))
        .select("source_name", "provider", "objects", "pending", "lines_read", "rows_parsed", "rows_quarantined", "last_lot")
        .orderBy("source_name");
  }

  /** The objects of one lot: source_name, uri, size, modification_time, etag, state and counts. */
  public static Dataset<Row> objects(Dataset<Row> ledger, String lotId) {
    return ledger.filter(col("lot_id").equalTo(lotId).and(col("uri").isNotNull()))
        .select("source_name", "uri", "size", "modification_time", "etag", "state", "lines_read", "rows_parsed",
            "rows_quarantined", "lines_skipped")
        .orderBy("source_name", "uri");
  }
}
