package io.logyard.sink;

import io.logyard.source.StagedRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Writes the rows of one pass over a lot ({@link StagedRows#SCHEMA}, as the reader makes them)
 * straight from the reading tasks to Parquet, laid out as {@code partitionBy(kind, event_date)}
 * lays them out ({@code kind=P/event_date=2026-11-20/part-....parquet}), without Spark's SQL
 * write: no copy of every row into Spark's binary row format and no job commit. Parsed rows'
 * files hold only the columns parsed rows have (log_results' and four staged ones): the staged
 * schema's other columns, null on every parsed row, are not written (a reader given the staged
 * schema reads them as null). The Parquet writers are Spark's own ({@code ParquetWriteSupport},
 * with the session's Parquet settings; timestamps as INT64 microseconds), at most
 * {@value #MAX_OPEN} open per task (the least recently used is closed and its partition gets a
 * further file if needed). A task attempt names its files by its attempt id and reports them;
 * files no successful attempt reported (a failed or killed attempt's) are removed at the end.
 * With {@code spark.speculation} on, or for rows that are not the reader's, Spark's write is used.
 */
final class StagedParquet {
  static final int MAX_OPEN = 16;
  private static final String PARTITION = "event_date";
  private static final List<String> PARSED_EXTRAS =
      List.of("source_name", "line_number", StagedRows.RANGE_START, "emergency_reason");

  private StagedParquet() {}

  /**
   * Writes {@code staged} under {@code path}, replacing whatever it held; false, writing
   * nothing, when {@code staged} is not the reader's rows as they come or speculation is on (then
   * Spark's write is the way).
   */
  static boolean write(SparkSession spark, Dataset<Row> staged, String path) {
    LogicalPlan plan = staged.queryExecution().analyzed();
    if (!(plan instanceof LogicalRDD rdd) || !staged.schema().equals(StagedRows.SCHEMA)) return false;
    // a speculative copy of a task could still write after the files are taken stock of: with
    // speculation on, Spark's write and its commit protocol do it
    if (spark.sparkContext().getConf().getBoolean("spark.speculation", false)) return false;
    Configuration hadoop = spark.sessionState().newHadoopConf();
    SQLConf sql = spark.sessionState().conf();
    // what ParquetWriteSupport reads from the job's configuration, as Spark's write sets it
    hadoop.set(SQLConf.PARQUET_WRITE_LEGACY_FORMAT().key(), String.valueOf(sql.writeLegacyParquetFormat()));
    hadoop.set(SQLConf.PARQUET_OUTPUT_TIMESTAMP_TYPE().key(), "TIMESTAMP_MICROS");
    hadoop.set(SQLConf.PARQUET_FIELD_ID_WRITE_ENABLED().key(), String.valueOf(sql.parquetFieldIdWriteEnabled()));
    hadoop.set(SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(), "false");
    SerializableConfiguration conf = new SerializableConfiguration(hadoop);
    String codec = sql.parquetCompressionCodec();
    try {
      // the area replaces whatever was there (a convert's staging beside its output)
      Path root = new Path(path);
      root.getFileSystem(hadoop).delete(root, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the staging area " + path, e);
    }
    List<String> written = rdd.rdd().toJavaRDD()
        .mapPartitionsWithIndex((part, rows) -> writeTask(rows, path, part, conf, codec), false)
        .collect();
    removeUnreported(hadoop, path, written);
    return true;
  }

  /** The columns a kind's files hold, in the staged schema's order, and where each comes from. */
  private record Layout(StructType schema, int[] from) implements java.io.Serializable {
    static Layout of(String kind) {
      List<StructField> fields = new ArrayList<>();
      List<Integer> from = new ArrayList<>();
      Set<String> parsed = new HashSet<>(List.of(TableSchemas.schema(TableSchemas.LOG_RESULTS).fieldNames()));
      parsed.addAll(PARSED_EXTRAS);
      StructField[] all = StagedRows.SCHEMA.fields();
      for (int i = 0; i < all.length; i++) {
        String name = all[i].name();
        if (name.equals(StagedRows.KIND) || name.equals(PARTITION)) continue;
        if (kind.equals(StagedRows.PARSED) && !parsed.contains(name)) continue;
        fields.add(all[i]);
        from.add(i);
      }
      return new Layout(new StructType(fields.toArray(new StructField[0])), from.stream().mapToInt(Integer::intValue).toArray());
    }

    InternalRow project(InternalRow row) {
      Object[] out = new Object[from.length];
      if (row instanceof GenericInternalRow g) {
        Object[] values = g.values();
        for (int i = 0; i < from.length; i++) out[i] = values[from[i]];
      } else {
        for (int i = 0; i < from.length; i++) out[i] = row.get(from[i], schema.fields()[i].dataType());
      }
      return new GenericInternalRow(out);
    }
  }

  /** A partition of the area: the rows' kind and day (null: no day). */
  private record Partition(UTF8String kind, Integer day) {}

  /** A file open for one partition, with the columns its rows are written with. */
  private record OpenFile(RecordWriter<Void, InternalRow> writer, Layout layout) {}

  private static Iterator<String> writeTask(Iterator<InternalRow> rows, String path, int part,
      SerializableConfiguration conf, String codec) throws IOException, InterruptedException {
    int kindAt = StagedRows.SCHEMA.fieldIndex(StagedRows.KIND);
    int dayAt = StagedRows.SCHEMA.fieldIndex(PARTITION);
    TaskContext task = TaskContext.get();
    String attempt = part + "-" + (task == null ? 0 : task.taskAttemptId());
    CompressionCodecName codecName = CompressionCodecName.fromConf(codec);
    Map<String, Layout> layouts = new java.util.HashMap<>();
    // open files by partition, least recently used first
    LinkedHashMap<Partition, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);
    List<String> files = new ArrayList<>();
    try {
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        Partition p = new Partition(row.getUTF8String(kindAt), row.isNullAt(dayAt) ? null : row.getInt(dayAt));
        OpenFile f = open.get(p);
        if (f == null) {
          if (open.size() >= MAX_OPEN) {
            var eldest = open.entrySet().iterator().next();
            eldest.getValue().writer().close(null);
            open.remove(eldest.getKey());
          }
          String kind = p.kind().toString();
          Layout layout = layouts.computeIfAbsent(kind, Layout::of);
          String day = p.day() == null ? ExternalCatalogUtils.DEFAULT_PARTITION_NAME()
              : ExternalCatalogUtils.escapePathName(LocalDate.ofEpochDay(p.day()).toString());
          Path file = new Path(path, StagedRows.KIND + "=" + ExternalCatalogUtils.escapePathName(kind) + "/"
              + PARTITION + "=" + day + "/part-" + attempt + "-" + UUID.randomUUID() + codecName.getExtension() + ".parquet");
          Configuration c = new Configuration(conf.value());
          c.set(ParquetWriteSupport.SPARK_ROW_SCHEMA(), layout.schema().json());
          f = new OpenFile(new ParquetOutputFormat<InternalRow>(new ParquetWriteSupport()).getRecordWriter(c, file, codecName), layout);
          // the key outlives the row: a copy of its kind
          open.put(new Partition(p.kind().clone(), p.day()), f);
          files.add(file.toString());
        }
        f.writer().write(null, f.layout().project(row));
      }
    } finally {
      for (OpenFile f : open.values()) f.writer().close(null);
    }
    return files.iterator();
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
}
