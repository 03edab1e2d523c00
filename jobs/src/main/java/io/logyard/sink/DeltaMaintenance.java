package io.logyard.sink;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Housekeeping of one Delta table: retention (rows older than a cutoff date deleted), compaction
 * (OPTIMIZE) and VACUUM. Each operation has a dry-run twin that only counts.
 */
public final class DeltaMaintenance {
  private DeltaMaintenance() {}

  /**
   * Deletes the rows of {@code table} older than {@code cutoff} (strictly before that UTC date),
   * or with {@code dryRun} only counts them.
   *
   * <p>Partitioned tables are cut by their {@code event_date} partition column, so the delete
   * drops whole files without rewriting any. The quarantine has no event time (its lines could
   * not be parsed): its rows go with their object's modification time in the ledger.
   *
   * @return the rows deleted (or that would be)
   */
  public static long deleteOlderThan(SparkSession spark, String path, String table, LocalDate cutoff, String ledgerPath, boolean dryRun) {
    if (DeltaSink.PARTITIONS.containsKey(table)) {
      String predicate = "event_date < DATE '" + cutoff + "'";
      long rows = spark.read().format("delta").load(path).filter(predicate).count();
      if (!dryRun && rows > 0) {
        Retry.onConflict("deleting old rows of " + table, () -> DeltaTable.forPath(spark, path).delete(predicate));
      }
      return rows;
    }
    if (!table.equals(TableSchemas.QUARANTINE)) {
      throw new IllegalArgumentException(table + " has no event time to apply a retention window to");
    }
    if (!DeltaSink.exists(spark, ledgerPath)) return 0;
    Timestamp before = Timestamp.from(cutoff.atStartOfDay(ZoneOffset.UTC).toInstant());
    Dataset<Row> oldObjects = spark.read().format("delta").load(ledgerPath)
        .filter(col("modification_time").lt(before)).select(col("uri")).distinct();
    // an object re-ingested after changing keeps its newest version's time: keep its rows
    Dataset<Row> recent = spark.read().format("delta").load(ledgerPath)
        .filter(col("modification_time").geq(before)).select(col("uri")).distinct();
    Dataset<Row> expired = oldObjects.join(recent, oldObjects.col("uri").equalTo(recent.col("uri")), "left_anti");
    Dataset<Row> q = spark.read().format("delta").load(path);
    long rows = q.join(expired, q.col("source_uri").equalTo(expired.col("uri")), "left_semi").count();
    if (!dryRun && rows > 0) {
      Retry.onConflict("deleting old rows of " + table, () -> DeltaTable.forPath(spark, path).as("q")
          .merge(expired.as("o"), "q.source_uri = o.uri")
          .whenMatched().delete()
          .execute());
    }
    return rows;
  }

  /** Files and bytes of the table's current snapshot. */
  public record Files(long files, long bytes) {}

  public static Files files(SparkSession spark, String path) {
    Row d = DeltaTable.forPath(spark, path).detail().select("numFiles", "sizeInBytes").first();
    return new Files(d.getLong(0), d.getLong(1));
  }

  /** What OPTIMIZE did: files removed (compacted) and added. */
  public record Compaction(long filesRemoved, long filesAdded) {}

  /** Compacts small files (OPTIMIZE, bin-packing within each partition). */
  public static Compaction optimize(SparkSession spark, String path) {
    Row metrics = Retry.onConflict("compacting " + path, () ->
        DeltaTable.forPath(spark, path).optimize().executeCompaction().select("metrics.numFilesRemoved", "metrics.numFilesAdded").first());
    return new Compaction(metrics.getLong(0), metrics.getLong(1));
  }

  /**
   * Removes files no longer referenced and older than the table's
   * {@code delta.deletedFileRetentionDuration} (VACUUM), or with {@code dryRun} only counts them.
   *
   * @return the files deleted (or that would be)
   */
  public static long vacuum(SparkSession spark, String path, boolean dryRun) {
    String table = "delta.`" + path.replace("`", "``") + "`";
    long files = spark.sql("VACUUM " + table + " DRY RUN").count();
    if (!dryRun && files > 0) {
      DeltaTable.forPath(spark, path).vacuum();
    }
    return files;
  }
}
