package io.logyard.sink;

import io.logyard.source.StagedRows;
import io.logyard.transform.WindowCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The reading tasks' writers of a staging area: parsed rows to {@code parsed/event_date=DAY/},
 * as {@code partitionBy("event_date")} lays them out, and quarantined lines to
 * {@code quarantined/}, straight from the rows the reader makes (no copy into Spark's binary row
 * format, no job commit). A parsed row's file holds the columns of {@link StagedRows#PARSED};
 * its day is its folder. The Parquet writers are Spark's own
 * ({@code ParquetWriteSupport}, with the session's Parquet settings; timestamps as INT64
 * microseconds, whose footer statistics give Delta's stats), at most {@value #MAX_OPEN} open per
 * task (the least recently used is closed; rows of a day whose file was closed go to the task's
 * overflow file, which {@link Staging} lays out by day after the pass, so that rows of many days
 * interleaved never make a file per row). A task
 * attempt names its files by its attempt and reports them; only reported files are ever read or
 * committed, and {@link #removeUnreported} deletes the others (a failed attempt's). Asked to, a
 * task also counts the window figures of its parsed rows as it writes them ({@link WindowCounts}),
 * to {@code windows/}: then aggregating a lot need not read its rows back.
 */
final class StagedParquet implements StagedRows.Writers {
  static final int MAX_OPEN = 16;
  static final String PARSED_DIR = "parsed";
  static final String QUARANTINED_DIR = "quarantined";
  static final String WINDOWS_DIR = "windows";
  static final String OVERFLOW_DIR = "overflow";
  /** The overflow's last column: the row's day (days since 1970-01-01; null: none). */
  static final String OVERFLOW_DAY = "staged_day";
  static final StructType OVERFLOW = StagedRows.PARSED.add(OVERFLOW_DAY, DataTypes.IntegerType);

  private final String path;
  private final SerializableConfiguration conf;
  private final String codec;
  private final WindowCounts windows;

  private StagedParquet(String path, SerializableConfiguration conf, String codec, WindowCounts windows) {
    this.path = path;
    this.conf = conf;
    this.codec = codec;
    this.windows = windows;
  }

  /**
   * The writers of an empty area at {@code path} (whatever it held is removed); with
   * {@code windows}, each task also counts the window figures of its parsed rows
   * ({@code windows/}, {@link WindowCounts#PARTIAL}).
   */
  static StagedParquet at(SparkSession spark, String path, WindowCounts windows) {
    Configuration hadoop = spark.sessionState().newHadoopConf();
    SQLConf sql = spark.sessionState().conf();
    // what ParquetWriteSupport reads from the job's configuration, as Spark's write sets it
    hadoop.set(SQLConf.PARQUET_WRITE_LEGACY_FORMAT().key(), String.valueOf(sql.writeLegacyParquetFormat()));
    hadoop.set(SQLConf.PARQUET_OUTPUT_TIMESTAMP_TYPE().key(), "TIMESTAMP_MICROS");
    hadoop.set(SQLConf.PARQUET_FIELD_ID_WRITE_ENABLED().key(), String.valueOf(sql.parquetFieldIdWriteEnabled()));
    hadoop.set(SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(), "false");
    try {
      // the area replaces whatever was there (a convert's staging beside its output)
      Path root = new Path(path);
      root.getFileSystem(hadoop).delete(root, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the staging area " + path, e);
    }
    return new StagedParquet(path, new SerializableConfiguration(hadoop), sql.parquetCompressionCodec(), windows);
  }

  @Override
  public StagedRows.Writer open(String attempt) {
    return new TaskWriter(attempt);
  }

  /** One task attempt's open files: parsed rows' by day (least recently used first), one of quarantined lines; and its window figures. */
  private final class TaskWriter implements StagedRows.Writer {
    private final String attempt;
    private final CompressionCodecName codecName = CompressionCodecName.fromConf(codec);
    private final LinkedHashMap<Integer, RecordWriter<Void, InternalRow>> open = new LinkedHashMap<>(16, 0.75f, true);
    private RecordWriter<Void, InternalRow> quarantine;
    private final List<Path> parsedFiles = new ArrayList<>();
    private final List<Integer> parsedDays = new ArrayList<>();
    private Path quarantineFile;
    private final WindowCounts.Counter counter;
    private final List<Path> windowFiles = new ArrayList<>();
    /** Days whose file was closed to make room: their further rows go to the overflow. */
    private final Set<Integer> closedDays = new HashSet<>();
    private RecordWriter<Void, InternalRow> overflow;
    private Path overflowFile;
    private final JoinedRow withDay = new JoinedRow();
    private final GenericInternalRow dayRow = new GenericInternalRow(1);

    TaskWriter(String attempt) {
      this.attempt = attempt;
      this.counter = windows == null ? null : windows.counter(StagedRows.PARSED);
    }

    @Override
    public void parsed(InternalRow row, Integer day) throws IOException {
      RecordWriter<Void, InternalRow> w = open.get(day);
      if (w == null && closedDays.contains(day)) {
        // rows of many days interleaved: a file per return of a day would make a file per row
        if (overflow == null) {
          overflowFile = file(OVERFLOW_DIR);
          overflow = writer(overflowFile, OVERFLOW);
        }
        dayRow.update(0, day);
        put(overflow, withDay.apply(row, dayRow));
        count(row);
        return;
      }
      if (w == null) {
        if (open.size() >= MAX_OPEN) {
          var eldest = open.entrySet().iterator().next();
          close(eldest.getValue());
          open.remove(eldest.getKey());
          closedDays.add(eldest.getKey());
        }
        String folder = day == null ? ExternalCatalogUtils.DEFAULT_PARTITION_NAME()
            : ExternalCatalogUtils.escapePathName(LocalDate.ofEpochDay(day).toString());
        Path file = file(PARSED_DIR + "/" + StagedRows.DAY + "=" + folder);
        w = writer(file, StagedRows.PARSED);
        parsedFiles.add(file);
        parsedDays.add(day);
        open.put(day, w);
      }
      put(w, row);
      count(row);
    }

    private void count(InternalRow row) throws IOException {
      if (counter != null) {
        counter.add(row);
        if (counter.full()) writeFigures();
      }
    }

    /** Writes the figures counted so far to a file of their own. */
    private void writeFigures() throws IOException {
      Path file = file(WINDOWS_DIR);
      RecordWriter<Void, InternalRow> w = writer(file, WindowCounts.PARTIAL);
      try {
        for (var it = counter.drain(); it.hasNext(); ) put(w, it.next());
      } finally {
        close(w);
      }
      windowFiles.add(file);
    }

    @Override
    public void quarantined(InternalRow row) throws IOException {
      if (quarantine == null) {
        quarantineFile = file(QUARANTINED_DIR);
        quarantine = writer(quarantineFile, StagedRows.QUARANTINED);
      }
      put(quarantine, row);
    }

    private void put(RecordWriter<Void, InternalRow> w, InternalRow row) throws IOException {
      try {
        w.write(null, row);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted writing a staged row", e);
      }
    }

    private Path file(String folder) {
      return new Path(path, folder + "/part-" + attempt + "-" + UUID.randomUUID() + codecName.getExtension() + ".parquet");
    }

    private RecordWriter<Void, InternalRow> writer(Path file, StructType schema) throws IOException {
      Configuration c = new Configuration(conf.value());
      c.set(ParquetWriteSupport.SPARK_ROW_SCHEMA(), schema.json());
      try {
        return new ParquetOutputFormat<InternalRow>(new ParquetWriteSupport()).getRecordWriter(c, file, codecName);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted opening " + file, e);
      }
    }

    private void close(RecordWriter<Void, InternalRow> w) throws IOException {
      try {
        w.close(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted closing a staged file", e);
      }
    }

    @Override
    public StagedRows.Written close() throws IOException {
      if (counter != null && !counter.isEmpty()) writeFigures();
      for (var w : open.values()) close(w);
      open.clear();
      if (quarantine != null) close(quarantine);
      quarantine = null;
      if (overflow != null) close(overflow);
      overflow = null;
      FileSystem fs = new Path(path).getFileSystem(conf.value());
      List<StagedRows.File> parsed = new ArrayList<>();
      for (int i = 0; i < parsedFiles.size(); i++) parsed.add(described(fs, parsedFiles.get(i), parsedDays.get(i)));
      List<StagedRows.File> quarantined = quarantineFile == null ? List.of() : List.of(described(fs, quarantineFile, null));
      List<StagedRows.File> figures = new ArrayList<>();
      for (Path f : windowFiles) figures.add(described(fs, f, null));
      List<StagedRows.File> overflowed = overflowFile == null ? List.of() : List.of(described(fs, overflowFile, null));
      return new StagedRows.Written(parsed, quarantined, figures, overflowed);
    }

    private StagedRows.File described(FileSystem fs, Path file, Integer day) throws IOException {
      FileStatus st = fs.getFileStatus(file);
      return new StagedRows.File(st.getPath().toString(), day, st.getLen(), st.getModificationTime());
    }

    @Override
    public void abort() {
      for (var w : open.values()) {
        try {
          close(w);
        } catch (IOException | RuntimeException ignored) {
          // the attempt failed already; its files are never reported
        }
      }
      open.clear();
      for (var w : java.util.Arrays.asList(quarantine, overflow)) {
        if (w == null) continue;
        try {
          close(w);
        } catch (IOException | RuntimeException ignored) {
          // as above
        }
      }
    }
  }

  /** Removes the Parquet files under {@code path} that no successful task attempt reported. */
  static void removeUnreported(Configuration hadoop, String path, List<String> reported) {
    try {
      Path root = new Path(path);
      FileSystem fs = root.getFileSystem(hadoop);
      Set<Path> keep = new HashSet<>();
      for (String f : reported) keep.add(fs.makeQualified(new Path(f)));
      if (!fs.exists(root)) return;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      List<Path> orphans = new ArrayList<>();
      while (files.hasNext()) {
        Path p = files.next().getPath();
        if (!keep.contains(fs.makeQualified(p))) orphans.add(p);
      }
      for (Path p : orphans) fs.delete(p, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the staging area " + path, e);
    }
  }

  /** The day folder's value of a parsed file's day, as Delta's partition values write it (null: none). */
  static String dayValue(Integer day) {
    return day == null ? null : LocalDate.ofEpochDay(day).toString();
  }

}
