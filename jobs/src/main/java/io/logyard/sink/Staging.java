package io.logyard.sink;

import static org.apache.spark.sql.functions.col;

import io.logyard.source.StagedRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A lot's staging area: the one pass over its objects writes every staged row here (Parquet,
 * partitioned by {@link StagedRows#KIND}, parsed rows also by day), on disk rather than in
 * memory, and the table writes then read back only their own kind and columns, or commit the
 * parsed rows' files as they are ({@link #parsedFiles}). The area is private to one ingest
 * attempt and removed when it ends, but for files a table took over; a run killed in between
 * leaves one that no table refers to, which Delta's VACUUM removes when the area lies in a table.
 *
 * <p>An object read as several byte ranges ({@link StagedRows#RANGE_START}) is one object here:
 * {@link #counts} adds up its ranges' counts, and {@link #parsed} and {@link #quarantined}
 * number its lines from the object's first line. The counts and unread rows are read once, on
 * the first call that needs them (one small Spark job).
 */
public final class Staging implements AutoCloseable {
  private final SparkSession spark;
  private final String path;
  private Summary summary;

  /** The columns of {@link #counts}. */
  private static final StructType COUNTS = new StructType()
      .add("source_uri", DataTypes.StringType)
      .add("source_name", DataTypes.StringType)
      .add("lines_read", DataTypes.LongType)
      .add("rows_parsed", DataTypes.LongType)
      .add("rows_quarantined", DataTypes.LongType)
      .add("lines_skipped", DataTypes.LongType)
      .add("emergencies", DataTypes.LongType)
      .add("windows", DataTypes.createArrayType(DataTypes.TimestampType, false));

  private Staging(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /**
   * Writes {@code staged} (with {@link StagedRows#SCHEMA}) to {@code path}, replacing whatever
   * was there: one Spark job, which is when the lot's objects are read.
   */
  public static Staging write(SparkSession spark, Dataset<Row> staged, String path) {
    if (StagedParquet.write(spark, staged, path)) return new Staging(spark, path);
    // parsed rows by day, as the table's own files are: a fresh lot's files are committed as they are
    // (DeltaSink#commit); timestamps as INT64 microseconds, whose footer statistics give Delta's stats
    String type = "spark.sql.parquet.outputTimestampType";
    String before = spark.conf().getOption(type).getOrElse(() -> null);
    spark.conf().set(type, "TIMESTAMP_MICROS");
    try {
      staged.write().mode("overwrite").partitionBy(StagedRows.KIND, PARTITION).parquet(path);
    } finally {
      if (before == null) spark.conf().unset(type);
      else spark.conf().set(type, before);
    }
    return new Staging(spark, path);
  }

  /** The column the parsed rows' files are partitioned by, as log_results is. */
  private static final String PARTITION = "event_date";

  /**
   * The Parquet files of the parsed rows, each with its {@code event_date}: files of the
   * log_results columns (and the other staged columns, which the table's schema does not name)
   * that {@link DeltaSink#commit} can add to the table as they are, when the area lies inside it.
   */
  public List<DeltaSink.DataFile> parsedFiles() {
    Path dir = new Path(path, StagedRows.KIND + "=" + StagedRows.PARSED);
    List<DeltaSink.DataFile> out = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) return out;
      var files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        var f = files.next();
        String name = f.getPath().getName();
        if (!name.endsWith(".parquet") || name.startsWith("_") || name.startsWith(".")) continue;
        String partition = f.getPath().getParent().getName();
        if (!partition.startsWith(PARTITION + "=")) throw new IllegalStateException("unexpected staged file " + f.getPath());
        String value = org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.unescapePathName(
            partition.substring(PARTITION.length() + 1));
        Map<String, String> values = new java.util.HashMap<>();
        values.put(PARTITION, org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.DEFAULT_PARTITION_NAME().equals(value) ? null : value);
        out.add(new DeltaSink.DataFile(f.getPath(), f.getLen(), f.getModificationTime(), values));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the staged rows in " + dir, e);
    }
  }

  /** Whether {@link #close} keeps the parsed rows' files (they were committed to a table). */
  private boolean keepParsed;

  /** Keeps the parsed rows' files when the area is removed: a table now refers to them. */
  public void keepParsed() {
    keepParsed = true;
  }

  private Dataset<Row> kind(String kind) {
    return spark.read().schema(StagedRows.SCHEMA).parquet(path).filter(col(StagedRows.KIND).equalTo(kind));
  }

  /** Parsed rows: the log_results columns, then emergency_reason and the other staged columns. */
  public Dataset<Row> parsed() {
    return numbered(kind(StagedRows.PARSED));
  }

  /** {@code rows} without the rows of the objects {@code uris}. */
  public static Dataset<Row> without(Dataset<Row> rows, java.util.Collection<String> uris) {
    return uris.isEmpty() ? rows : rows.filter(org.apache.spark.sql.functions.not(col("source_uri").isin(uris.toArray())));
  }

  /** Quarantined lines, with source_uri, source_offset, line_number, reason, raw_line. */
  public Dataset<Row> quarantined() {
    return numbered(kind(StagedRows.QUARANTINED));
  }

  /**
   * One row per object read to its end (not {@link #unread}), its ranges added up: source_uri,
   * source_name, lines_read, rows_parsed, rows_quarantined, lines_skipped, emergencies, windows.
   */
  public Dataset<Row> counts() {
    return spark.createDataFrame(summary().counts(), COUNTS);
  }

  /**
   * Per URI of an object that ended {@link StagedRows#UNREAD} (in any of its ranges), the reason.
   */
  public Map<String, String> unread() {
    return summary().unread();
  }

  /**
   * What the counts and unread rows say: per object its counts, the objects not read, and for
   * each range after an object's first, the lines of the ranges before it (key: uri and range
   * start, as {@link #rangeKey} makes it).
   */
  private record Summary(List<Row> counts, Map<String, String> unread, Map<String, Long> linesBefore) {}

  private Summary summary() {
    if (summary != null) return summary;
    List<Row> rows = new ArrayList<>(spark.read().schema(StagedRows.SCHEMA).parquet(path)
        .filter(col(StagedRows.KIND).isin(StagedRows.COUNTS, StagedRows.UNREAD))
        .select(col("source_uri"), col(StagedRows.RANGE_START), col(StagedRows.KIND), col("reason"), col("source_name"),
            col("line_number"), col("lines_read"), col("rows_parsed"), col("rows_quarantined"), col("lines_skipped"),
            col("emergencies"), col("windows"))
        .collectAsList());
    rows.sort(Comparator.<Row, String>comparing(r -> r.getString(0)).thenComparingLong(r -> r.getLong(1)));
    Map<String, String> unread = new TreeMap<>();
    for (Row r : rows) {
      if (StagedRows.UNREAD.equals(r.getString(2))) unread.putIfAbsent(r.getString(0), r.getString(3));
    }
    Map<String, long[]> sums = new LinkedHashMap<>();
    Map<String, TreeSet<Timestamp>> windows = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, Long> linesBefore = new TreeMap<>();
    for (Row r : rows) {
      String uri = r.getString(0);
      if (unread.containsKey(uri)) continue;
      long[] s = sums.computeIfAbsent(uri, u -> new long[6]);
      if (s[5] > 0) linesBefore.put(rangeKey(uri, r.getLong(1)), s[5]);
      for (int i = 0; i < 5; i++) s[i] += r.getLong(6 + i);
      s[5] += r.getLong(5);
      sources.put(uri, r.getString(4));
      TreeSet<Timestamp> w = windows.computeIfAbsent(uri, u -> new TreeSet<>());
      for (Object t : r.getList(11)) w.add((Timestamp) t);
    }
    List<Row> counts = new ArrayList<>();
    sums.forEach((uri, s) -> counts.add(RowFactory.create(uri, sources.get(uri), s[0], s[1], s[2], s[3], s[4],
        List.copyOf(windows.get(uri)))));
    summary = new Summary(counts, unread, linesBefore);
    return summary;
  }

  private static String rangeKey(String uri, long rangeStart) {
    return rangeStart + "@" + uri;
  }

  /**
   * {@code rows} with line_number counted from the object's first line: a range after the first
   * numbers its lines from 1, so the lines of the ranges before it are added.
   */
  private Dataset<Row> numbered(Dataset<Row> rows) {
    Map<String, Long> before = summary().linesBefore();
    if (before.isEmpty()) return rows;
    Column table = functions.map_from_arrays(functions.lit(before.keySet().toArray(new String[0])),
        functions.lit(before.values().stream().mapToLong(Long::longValue).toArray()));
    Column key = functions.concat(col(StagedRows.RANGE_START).cast("string"), functions.lit("@"), col("source_uri"));
    return rows.withColumn("line_number", col("line_number").plus(functions.coalesce(functions.try_element_at(table, key), functions.lit(0L))));
  }

  /** Removes the area, but for the parsed rows' files after {@link #keepParsed}. */
  @Override
  public void close() {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!keepParsed) {
        fs.delete(p, true);
        return;
      }
      if (!fs.exists(p)) return;
      for (var f : fs.listStatus(p)) {
        if (!f.getPath().getName().equals(StagedRows.KIND + "=" + StagedRows.PARSED)) fs.delete(f.getPath(), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the staging area " + path, e);
    }
  }
}
