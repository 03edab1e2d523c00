package io.logyard.sink;

import static org.apache.spark.sql.functions.col;

import io.logyard.source.StagedRows;
import io.logyard.transform.WindowCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A lot's staging area: the one pass over its objects writes the parsed rows (by day, as
 * log_results' own files are) and the quarantined lines here, on disk rather than in memory, and
 * returns the counts to the driver. The table writes then read back only the rows they need, or
 * commit the parsed rows' files as they are ({@link #parsedFiles}). Only the files the reading
 * tasks reported are read or committed. The area is private to one ingest attempt and removed
 * when it ends, but for files a table took over; a run killed in between leaves one that no
 * table refers to, which Delta's VACUUM removes when the area lies in a table.
 *
 * <p>An object read as several byte ranges ({@link StagedRows#RANGE_START}) is one object here:
 * {@link #counts} adds up its ranges' counts, and {@link #parsed} and {@link #quarantined}
 * number its lines from the object's first line.
 */
public final class Staging implements AutoCloseable {
  private final SparkSession spark;
  private final String path;
  private final List<StagedRows.File> parsedFiles = new ArrayList<>();
  private final List<StagedRows.File> quarantinedFiles = new ArrayList<>();
  private final List<StagedRows.File> windowFiles = new ArrayList<>();
  private final List<ObjectCounts> counts;
  private final Map<String, String> unread;
  /** Per range after an object's first (key: {@link #rangeKey}), the lines of the ranges before it. */
  private final Map<String, Long> linesBefore;
  /** Whether {@link #close} keeps the parsed rows' files (they were committed to a table). */
  private boolean keepParsed;
  /** Whether {@link #close} keeps the window figures' files (a later step reads them). */
  private boolean keepWindows;

  /**
   * What an object read to its end held, its ranges added up.
   *
   * @param windows the starts of the aggregation windows its rows fall in, ascending
   */
  public record ObjectCounts(String uri, String sourceName, long linesRead, long parsed, long quarantined, long skipped,
      long emergencies, List<Instant> windows) {}

  private Staging(SparkSession spark, String path, List<StagedRows.Task> tasks, List<StagedRows.File> laidOut) {
    this.spark = spark;
    this.path = path;
    parsedFiles.addAll(laidOut);
    List<StagedRows.RangeCounts> ranges = new ArrayList<>();
    Map<String, String> notRead = new TreeMap<>();
    for (StagedRows.Task t : tasks) {
      parsedFiles.addAll(t.files().parsed());
      quarantinedFiles.addAll(t.files().quarantined());
      windowFiles.addAll(t.files().windows());
      ranges.addAll(t.counts());
      t.unread().stream().sorted(Comparator.comparingLong(StagedRows.Unread::rangeStart))
          .forEach(u -> notRead.putIfAbsent(u.uri(), u.reason()));
    }
    this.unread = notRead;
    ranges.sort(Comparator.comparing(StagedRows.RangeCounts::uri).thenComparingLong(StagedRows.RangeCounts::rangeStart));
    Map<String, List<StagedRows.RangeCounts>> byObject = new LinkedHashMap<>();
    for (StagedRows.RangeCounts r : ranges) {
      if (!notRead.containsKey(r.uri())) byObject.computeIfAbsent(r.uri(), u -> new ArrayList<>()).add(r);
    }
    List<ObjectCounts> objects = new ArrayList<>();
    Map<String, Long> before = new TreeMap<>();
    byObject.forEach((uri, parts) -> {
      long lines = 0, read = 0, parsed = 0, quarantined = 0, skipped = 0, emergencies = 0;
      TreeSet<Long> windows = new TreeSet<>();
      for (StagedRows.RangeCounts r : parts) {
        if (lines > 0) before.put(rangeKey(uri, r.rangeStart()), lines);
        lines += r.lines();
        read += r.linesRead();
        parsed += r.parsed();
        quarantined += r.quarantined();
        skipped += r.skipped();
        emergencies += r.emergencies();
        windows.addAll(r.windowStarts());
      }
      objects.add(new ObjectCounts(uri, parts.get(0).sourceName(), read, parsed, quarantined, skipped, emergencies,
          windows.stream().map(w -> Instant.ofEpochSecond(Math.floorDiv(w, 1_000_000L), Math.floorMod(w, 1_000_000L) * 1000L)).toList()));
    });
    this.counts = List.copyOf(objects);
    this.linesBefore = before;
  }

  /**
   * Runs {@code pass} (the one pass over a lot: {@code LotReader.read} with the writers it is
   * given) writing to a new area at {@code path} (replacing whatever was there): one Spark job,
   * which is when the lot's objects are read. With {@code windows}, the tasks also count the
   * window figures of the parsed rows ({@link #windowFigures}).
   */
  public static Staging write(SparkSession spark, String path, WindowCounts windows,
      Function<StagedRows.Writers, List<StagedRows.Task>> pass) {
    StagedParquet writers = StagedParquet.at(spark, path, windows);
    List<StagedRows.Task> tasks;
    try {
      tasks = pass.apply(writers);
    } catch (RuntimeException | Error e) {
      // the pass failed: nothing of the area is used; what its tasks wrote goes
      try {
        Path area = new Path(path);
        area.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(area, true);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    List<String> reported = new ArrayList<>();
    List<String> overflow = new ArrayList<>();
    for (StagedRows.Task t : tasks) {
      for (var files : List.of(t.files().parsed(), t.files().quarantined(), t.files().windows(), t.files().overflow())) {
        files.forEach(f -> reported.add(f.path()));
      }
      t.files().overflow().forEach(f -> overflow.add(f.path()));
    }
    // a failed attempt's files: never read, removed
    StagedParquet.removeUnreported(spark.sessionState().newHadoopConf(), path, reported);
    List<StagedRows.File> laidOut;
    try {
      laidOut = overflow.isEmpty() ? List.of() : layOutByDay(spark, path, overflow);
    } catch (RuntimeException e) {
      // as for a failed pass: nothing of the area is used
      try {
        Path area = new Path(path);
        area.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(area, true);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return new Staging(spark, path, tasks, laidOut);
  }

  /**
   * The tasks' overflow (rows of days whose file a task had closed, each with its day) written
   * again as parsed rows' files, one per day and task of this write, beside the tasks' own files
   * in {@code parsed/event_date=DAY/}: one Spark job, which sorts by day (spilling if it must).
   * The overflow files are removed.
   */
  private static List<StagedRows.File> layOutByDay(SparkSession spark, String path, List<String> overflow) {
    String out = path + "/" + StagedParquet.OVERFLOW_DIR + "-by-day";
    List<Column> columns = new ArrayList<>();
    for (String f : StagedRows.PARSED.fieldNames()) columns.add(col(f));
    columns.add(functions.date_add(functions.lit("1970-01-01").cast(DataTypes.DateType), col(StagedParquet.OVERFLOW_DAY))
        .as(StagedRows.DAY));
    String tsKey = "spark.sql.parquet.outputTimestampType";
    String before = spark.conf().getOption(tsKey).getOrElse(() -> null);
    // INT64 microseconds, as the tasks write them: Delta's statistics come from the footers
    spark.conf().set(tsKey, "TIMESTAMP_MICROS");
    try {
      spark.read().schema(StagedParquet.OVERFLOW).parquet(overflow.toArray(new String[0]))
          .select(columns.toArray(new Column[0]))
          .write().partitionBy(StagedRows.DAY).mode("overwrite").parquet(out);
    } finally {
      if (before == null) spark.conf().unset(tsKey);
      else spark.conf().set(tsKey, before);
    }
    try {
      FileSystem fs = new Path(path).getFileSystem(spark.sessionState().newHadoopConf());
      Path parsedDir = new Path(path, StagedParquet.PARSED_DIR);
      List<StagedRows.File> files = new ArrayList<>();
      var it = fs.listFiles(new Path(out), true);
      while (it.hasNext()) {
        var st = it.next();
        String name = st.getPath().getName();
        if (!name.endsWith(".parquet") || name.startsWith(".") || name.startsWith("_")) continue;
        String folder = st.getPath().getParent().getName(); // event_date=2026-01-05
        String value = folder.substring(folder.indexOf('=') + 1);
        Integer day = value.equals(org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.DEFAULT_PARTITION_NAME())
            ? null : (int) java.time.LocalDate.parse(value).toEpochDay();
        Path target = new Path(new Path(parsedDir, folder), "overflow-" + name);
        fs.mkdirs(target.getParent());
        if (!fs.rename(st.getPath(), target)) throw new IOException("cannot move " + st.getPath() + " to " + target);
        FileStatus moved = fs.getFileStatus(target);
        files.add(new StagedRows.File(moved.getPath().toString(), day, moved.getLen(), moved.getModificationTime()));
      }
      fs.delete(new Path(out), true);
      fs.delete(new Path(path, StagedParquet.OVERFLOW_DIR), true);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out the staged rows of " + path + " by day", e);
    }
  }

  /**
   * The Parquet files of the parsed rows, each with its {@code event_date}: files of the
   * log_results columns (and the other staged columns, which the table's schema does not name)
   * that {@link DeltaSink#commit} can add to the table as they are, when the area lies inside it.
   */
  public List<DeltaSink.DataFile> parsedFiles() {
    List<DeltaSink.DataFile> out = new ArrayList<>();
    for (StagedRows.File f : parsedFiles) {
      Map<String, String> values = new HashMap<>();
      values.put(StagedRows.DAY, StagedParquet.dayValue(f.day()));
      out.add(new DeltaSink.DataFile(new Path(f.path()), f.length(), f.modificationTime(), values));
    }
    return out;
  }

  /** Keeps the parsed rows' files when the area is removed: a table now refers to them. */
  public void keepParsed() {
    keepParsed = true;
  }

  /**
   * The window figures the tasks counted ({@link WindowCounts#PARTIAL}; none unless asked for),
   * and keeps them when the area is removed: a later step reads them, then removes them
   * ({@link WindowFigures#remove}).
   */
  public WindowFigures keepWindowFigures() {
    keepWindows = true;
    return new WindowFigures(windowFiles.stream().map(StagedRows.File::path).toList(),
        parsedFiles.stream().map(f -> new Path(f.path()).getName()).toList());
  }

  /**
   * The window figures of a lot's parsed rows, counted as they were read.
   *
   * @param files the figures' files
   * @param parsedFileNames the names of the parsed rows' files, as log_results' files are named once committed
   */
  public record WindowFigures(List<String> files, List<String> parsedFileNames) {
    /** The figures, of {@code windows} only. */
    public Dataset<Row> read(SparkSession spark, Collection<Instant> windows) {
      Dataset<Row> all = files.isEmpty() ? spark.createDataFrame(List.of(), WindowCounts.PARTIAL)
          : spark.read().schema(WindowCounts.PARTIAL).parquet(files.toArray(new String[0]));
      return all.filter(col("time_window").isin(windows.stream().map(java.sql.Timestamp::from).toArray()));
    }

    /** Removes the figures' files, and their folder. */
    public void remove(SparkSession spark) {
      try {
        for (Path folder : files.stream().map(f -> new Path(f).getParent()).distinct().toList()) {
          folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(folder, true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the window figures " + files, e);
      }
    }
  }

  /** Parsed rows: {@link StagedRows#PARSED}, then event_date; line_number counted from the object's first line. */
  public Dataset<Row> parsed() {
    StructType schema = StagedRows.PARSED.add(StagedRows.DAY, DataTypes.DateType);
    if (parsedFiles.isEmpty()) return spark.createDataFrame(List.of(), schema);
    return numbered(spark.read().schema(schema).option("basePath", new Path(path, StagedParquet.PARSED_DIR).toString())
        .parquet(parsedFiles.stream().map(StagedRows.File::path).toArray(String[]::new)));
  }

  /** Quarantined lines ({@link StagedRows#QUARANTINED}); line_number counted from the object's first line. */
  public Dataset<Row> quarantined() {
    if (quarantinedFiles.isEmpty()) return spark.createDataFrame(List.of(), StagedRows.QUARANTINED);
    return numbered(spark.read().schema(StagedRows.QUARANTINED)
        .parquet(quarantinedFiles.stream().map(StagedRows.File::path).toArray(String[]::new)));
  }

  /** {@code rows} without the rows of the objects {@code uris}. */
  public static Dataset<Row> without(Dataset<Row> rows, Collection<String> uris) {
    return uris.isEmpty() ? rows : rows.filter(functions.not(col("source_uri").isin(uris.toArray())));
  }

  /** One per object read to its end (not {@link #unread}), its ranges added up, by URI. */
  public List<ObjectCounts> counts() {
    return counts;
  }

  /** Per URI of an object that was not read to its end (in any of its ranges), the reason. */
  public Map<String, String> unread() {
    return unread;
  }

  private static String rangeKey(String uri, long rangeStart) {
    return rangeStart + "@" + uri;
  }

  /**
   * {@code rows} with line_number counted from the object's first line: a range after the first
   * numbers its lines from 1, so the lines of the ranges before it are added.
   */
  private Dataset<Row> numbered(Dataset<Row> rows) {
    if (linesBefore.isEmpty()) return rows;
    Column table = functions.map_from_arrays(functions.lit(linesBefore.keySet().toArray(new String[0])),
        functions.lit(linesBefore.values().stream().mapToLong(Long::longValue).toArray()));
    Column key = functions.concat(col(StagedRows.RANGE_START).cast("string"), functions.lit("@"), col("source_uri"));
    return rows.withColumn("line_number", col("line_number").plus(functions.coalesce(functions.try_element_at(table, key), functions.lit(0L))));
  }

  /** Removes the area, but for the parsed rows' files after {@link #keepParsed} and the window figures after {@link #keepWindowFigures}. */
  @Override
  public void close() {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!keepParsed && !keepWindows) {
        fs.delete(p, true);
        return;
      }
      if (!fs.exists(p)) return;
      for (var f : fs.listStatus(p)) {
        String name = f.getPath().getName();
        boolean kept = (keepParsed && name.equals(StagedParquet.PARSED_DIR)) || (keepWindows && name.equals(StagedParquet.WINDOWS_DIR));
        if (!kept) fs.delete(f.getPath(), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the staging area " + path, e);
    }
  }
}
