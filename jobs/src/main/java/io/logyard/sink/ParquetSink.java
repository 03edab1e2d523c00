package io.logyard.sink;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Plain Parquet copies of the tables for engines without Delta (Athena, BigQuery external
 * tables, DuckDB, Trino): {@code <root>/<table>/provider=P/date=YYYY-MM-DD/part-*.parquet}.
 *
 * <p>A partition is only ever replaced whole: the rows of every partition a lot touched are
 * read back from the Delta table (the source of truth), written to a staging directory outside
 * the table's tree ({@code <root>/_staging/<table>/<lot>/}), and each rebuilt partition
 * directory is then swapped in with two renames (old one out to {@code _trash}, new one in).
 * A reader therefore sees a partition's old files or its new files, never a half-written
 * directory; a rerun of a lot rebuilds the same partitions from the same Delta rows, so it
 * replaces rather than appends. The renames are atomic directory renames on HDFS, ABFS with
 * hierarchical namespace and local disks; on S3 and GCS a rename is a copy, and readers needing
 * atomicity there should read the Delta tables or BigQuery.
 */
public final class ParquetSink {
  /** The tables copied to Parquet. */
  public static final List<String> TABLES = List.of(TableSchemas.LOG_RESULTS, TableSchemas.LOG_AGGREGATES, TableSchemas.EMERGENCY_LOGS);

  private ParquetSink() {}

  /** Where one table's copy lives. */
  public static String tablePath(String root, String table) {
    return root.endsWith("/") ? root + table : root + "/" + table;
  }

  /** What {@link #refresh} did. */
  public record Refreshed(int partitionsReplaced, int partitionsRemoved, long rows) {}

  /**
   * Rebuilds the partitions {@code providers} × {@code dates} of {@code table}'s copy from
   * {@code delta} (the Delta table's rows). A partition that has no rows any more is removed.
   *
   * @param delta the whole Delta table; only the partitions' rows are read
   * @param lotId names the staging directory, so that a crashed attempt's leftovers are
   *     cleared by the rerun
   */
  public static Refreshed refresh(SparkSession spark, Dataset<Row> delta, String root, String table, String lotId,
      Collection<String> providers, Collection<LocalDate> dates) {
    if (providers.isEmpty() || dates.isEmpty()) return new Refreshed(0, 0, 0);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path tableDir = new Path(tablePath(root, table));
    Path staging = new Path(root, "_staging/" + table + "/" + lotId);
    Path trash = new Path(root, "_trash/" + table + "/" + lotId);
    try {
      FileSystem fs = tableDir.getFileSystem(hadoop);
      fs.delete(staging, true);
      fs.delete(trash, true);
      Dataset<Row> rows = TableSchemas.conform(delta, table)
          .filter(col("provider").isin(providers.toArray()))
          .filter(col("event_date").isin(dates.stream().map(java.sql.Date::valueOf).toArray()))
          .withColumn("date", col("event_date"));
      rows.write().mode(SaveMode.Overwrite).partitionBy("provider", "date").parquet(staging.toString());
      long written = spark.read().parquet(staging.toString()).count();
      int replaced = 0, removed = 0;
      for (String provider : providers) {
        for (LocalDate date : dates) {
          String part = "provider=" + provider + "/date=" + date;
          Path fresh = new Path(staging, part);
          Path live = new Path(tableDir, part);
          boolean hasFresh = fs.exists(fresh);
          if (fs.exists(live)) {
            Path old = new Path(trash, part);
            fs.mkdirs(old.getParent());
            rename(fs, live, old);
            if (!hasFresh) removed++;
          }
          if (hasFresh) {
            fs.mkdirs(live.getParent());
            rename(fs, fresh, live);
            replaced++;
          }
        }
      }
      fs.delete(trash, true);
      fs.delete(staging, true);
      return new Refreshed(replaced, removed, written);
    } catch (IOException e) {
      throw new UncheckedIOException("refreshing the Parquet copy of " + table + " under " + root, e);
    }
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) throw new IOException("could not rename " + from + " to " + to);
  }

  /**
   * Deletes the date partitions of {@code table}'s copy older than {@code cutoff}, or with
   * {@code dryRun} only counts them.
   *
   * @return the partitions (provider × date directories) deleted (or that would be)
   */
  public static int dropBefore(SparkSession spark, String root, String table, LocalDate cutoff, boolean dryRun) {
    Path tableDir = new Path(tablePath(root, table));
    try {
      FileSystem fs = tableDir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(tableDir)) return 0;
      int n = 0;
      for (FileStatus provider : fs.listStatus(tableDir)) {
        if (!provider.isDirectory() || !provider.getPath().getName().startsWith("provider=")) continue;
        for (FileStatus date : fs.listStatus(provider.getPath())) {
          String name = date.getPath().getName();
          if (!date.isDirectory() || !name.startsWith("date=")) continue;
          LocalDate d;
          try {
            d = LocalDate.parse(name.substring("date=".length()));
          } catch (DateTimeParseException e) {
            continue;
          }
          if (d.isBefore(cutoff)) {
            if (!dryRun) fs.delete(date.getPath(), true);
            n++;
          }
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("applying retention to the Parquet copy of " + table + " under " + root, e);
    }
  }
}
