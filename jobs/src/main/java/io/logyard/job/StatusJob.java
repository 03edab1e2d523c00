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
   */
  public static Dataset<Row> recent(SparkSession spark, String path, int n) {
    Dataset<Row> ledger = DeltaSink.read(spark, path);
    java.util.Optional<java.time.Instant> latest = DeltaSink.maxValues(spark, path, "discovered_at")
        .flatMap(v -> v.stream().map(StatusJob::instant).max(java.util.Comparator.naturalOrder()));
    java.util.Optional<java.time.Instant> earliest = DeltaSink.minValues(spark, path, "discovered_at")
        .flatMap(v -> v.stream().map(StatusJob::instant).min(java.util.Comparator.naturalOrder()));
    if (latest.isEmpty() || earliest.isEmpty()) return ledger; // a file without statistics: read it all
    java.time.Duration span = java.time.Duration.ofDays(1);
    List<String> lots;
    while (true) {
      java.time.Instant from = latest.get().minus(span);
      lots = ledger.filter(col("discovered_at").geq(java.sql.Timestamp.from(from)))
          .groupBy("lot_id").agg(min("discovered_at").as("opened"))
          .orderBy(col("opened").desc(), col("lot_id").desc()).limit(n)
          .select("lot_id").as(Encoders.STRING()).collectAsList();
      if (lots.size() >= n || !from.isAfter(earliest.get())) break;
      span = span.multipliedBy(4);
    }
    return ledger.filter(col("lot_id").isin(lots.toArray()).or(col("state").isin(Ledger.PENDING, Ledger.INGESTED)));
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
    Dataset<Row> all = ledger.filter(col("source_name").isNotNull()).select("source_name", "provider").distinct();
    Dataset<Row> pending = ledger.filter(col("state").isin(Ledger.PENDING, Ledger.INGESTED))
        .groupBy("source_name").agg(countDistinct("uri").as("pending"));
    Dataset<Row> done = ledger.filter(col("state").equalTo(Ledger.DONE)).groupBy("source_name").agg(
        countDistinct("uri").as("objects"),
        sum("lines_read").as("lines_read"),
        sum("rows_parsed").as("rows_parsed"),
        sum("rows_quarantined").as("rows_quarantined"),
        max("lot_id").as("last_lot"));
    return all.join(done, "source_name", "left").join(pending, "source_name", "left")
        .na().fill(0L, new String[] {"objects", "pending"})
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
