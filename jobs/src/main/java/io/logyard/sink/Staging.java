package io.logyard.sink;

import static org.apache.spark.sql.functions.col;

import io.logyard.source.StagedRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A lot's staging area: the one pass over its objects writes every staged row here (Parquet,
 * partitioned by {@link StagedRows#KIND}), on disk rather than in memory, and the table writes
 * then read back only their own kind and columns. The area is private to one ingest and removed
 * when it ends; a run killed in between leaves one that the next ingest of the lot replaces.
 */
public final class Staging implements AutoCloseable {
  private final SparkSession spark;
  private final String path;

  private Staging(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /**
   * Writes {@code staged} (with {@link StagedRows#SCHEMA}) to {@code path}, replacing whatever
   * was there: one Spark job, which is when the lot's objects are read.
   */
  public static Staging write(SparkSession spark, Dataset<Row> staged, String path) {
    // one open file per kind in each task instead of sorting the whole lot by kind first (unless set)
    if (spark.conf().getOption("spark.sql.maxConcurrentOutputFileWriters").isEmpty()) {
      spark.conf().set("spark.sql.maxConcurrentOutputFileWriters", "4");
    }
    staged.write().mode("overwrite").partitionBy(StagedRows.KIND).parquet(path);
    return new Staging(spark, path);
  }

  private Dataset<Row> kind(String kind) {
    return spark.read().schema(StagedRows.SCHEMA).parquet(path).filter(col(StagedRows.KIND).equalTo(kind));
  }

  /** Parsed rows: the log_results columns, then emergency_reason and the other staged columns. */
  public Dataset<Row> parsed() {
    return kind(StagedRows.PARSED);
  }

  /** Quarantined lines, with source_uri, source_offset, line_number, reason, raw_line. */
  public Dataset<Row> quarantined() {
    return kind(StagedRows.QUARANTINED);
  }

  /** One row per object read: source_uri, lines_read, rows_parsed, rows_quarantined, lines_skipped, emergencies, windows. */
  public Dataset<Row> counts() {
    return kind(StagedRows.COUNTS);
  }

  /** Removes the area. */
  @Override
  public void close() {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the staging area " + path, e);
    }
  }
}
