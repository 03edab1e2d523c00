package io.logyard.source;

import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.format.ObjectParser;
import io.logyard.privacy.Anonymizer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Reads the objects of a lot in parallel — all sources in one Spark job — and turns every line
 * into a staged row (see {@link StagedRows}) in Spark's internal row format: a parsed line
 * becomes its finished {@code log_results} row ({@link EventRow}: anonymized, enriched with the
 * source's metadata, routed to emergencies), a bad line a quarantine row, and every object ends
 * with one counts row (lines, parsed, quarantined, skipped, and the aggregation windows its rows
 * fall in). Objects are packed into tasks by size, largest first, so a task reads several small
 * objects and the tasks get about the same bytes ({@link #TASK_BYTES}); an uncompressed object
 * bigger than that, of a format read line by line ({@link LogFormat#splittable}), is read as
 * several byte ranges by different tasks ({@link Range}), each with its own counts row, which
 * {@code sink.Staging} adds up per object. Offsets, and so event ids, are the object's own
 * whichever range reads a line. Compressed objects ({@code .gz}, and any codec Hadoop knows)
 * are never split and are decompressed on the fly; offsets are in the decompressed stream. A
 * read whose bytes arrive whole but fail to decode part-way (a truncated gzip) keeps the lines
 * read so far and quarantines the rest of the object with the error as the reason; an object the
 * store would not open or serve to the end (missing, denied, a lost connection) ends
 * {@link StagedRows#UNREAD} instead, never counted as read.
 */
public final class LotReader {
  /** Lines longer than this are quarantined, cut to this length. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  /**
   * The Spark setting that gives the bytes a task aims at (128 MB by default), as for Spark's
   * own file sources: small objects are packed into tasks of about this size, and a splittable
   * object bigger than this is cut into ranges of about this size.
   */
  public static final String TASK_BYTES = "spark.sql.files.maxPartitionBytes";

  private LotReader() {}

  /**
   * How to read one source's objects; sent to the executors. {@code hadoop} is the source's
   * whole set of Hadoop settings ({@link Connectors#hadoopSettings}), secrets included: each
   * task builds the source's own filesystem from it. {@code meta} is what its rows carry.
   */
  public record SourceSpec(String format, Map<String, String> formatOptions, Map<String, String> hadoop,
      EventRow.SourceMeta meta) implements Serializable {}

  /** The emergency rule: a reason for an event of this level and (anonymized) message, or null. */
  public interface EmergencyRouter extends Serializable {
    String reason(String alertLevel, String message);
  }

  /**
   * What every row of the run carries.
   *
   * @param syncMicros the run's sync_time
   * @param windowMinutes the aggregation window, for the windows each object's rows touch
   */
  public record Run(String runId, long syncMicros, int windowMinutes, EmergencyRouter emergencies) implements Serializable {}

  /**
   * @param objects the lot's objects
   * @param specs per source name, how to read its objects
   * @param anonymizer the privacy policy, applied to every parsed row and quarantined line
   * @return staged rows with {@link StagedRows#SCHEMA}, computed lazily (nothing is read until
   *     the caller writes them)
   */
  public static Dataset<Row> read(
      SparkSession spark, List<SourceObject> objects, Map<String, SourceSpec> specs, Anonymizer anonymizer, Run run) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, String> sparkHadoop = new HashMap<>();
    for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAllWithPrefix("spark.hadoop.")) {
      sparkHadoop.put(kv._1(), kv._2());
    }
    long taskBytes = spark.sessionState().conf().filesMaxPartitionBytes();
    List<Range> ranges = ranges(objects, splittable(specs, sparkHadoop), taskBytes);
    List<List<Range>> tasks = pack(ranges, jsc.defaultParallelism(), taskBytes);
    Map<String, SourceSpec> specsCopy = new HashMap<>(specs);
    JavaRDD<InternalRow> rows = jsc.parallelize(tasks, tasks.size())
        .mapPartitions(it -> {
          List<Range> mine = new ArrayList<>();
          it.forEachRemaining(mine::addAll);
          ObjectRows r = new ObjectRows(mine.iterator(), specsCopy, sparkHadoop, anonymizer, run);
          TaskContext task = TaskContext.get();
          if (task != null) task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> r.closeFileSystems());
          return r;
        });
    return spark.internalCreateDataFrame(rows.rdd(), StagedRows.SCHEMA, false);
  }

  /**
   * The part of an object one task reads, with Hadoop's {@code LineRecordReader} rule so that
   * each line is read by exactly one range: the lines that start at an offset in
   * {@code (start, end]}, and for the first range ({@code start} 0) the line at offset 0 too. A
   * range that starts inside a line leaves it to the range before, which reads on past its end
   * to finish it. {@code end} is {@link Long#MAX_VALUE} for the last range (the object's end,
   * whatever its size is when read).
   */
  public record Range(SourceObject object, long start, long end) implements Serializable {
    /** The whole object, read by one task. */
    public static Range whole(SourceObject o) {
      return new Range(o, 0, Long.MAX_VALUE);
    }

    /** The bytes this range stands for, at least 1 (an empty object still costs a task something). */
    long bytes() {
      return Math.max(Math.min(end, object.size()) - start, 1);
    }
  }

  /**
   * The ranges the objects are read in: an object {@code splittable} accepts and bigger than
   * {@code splitBytes} is cut into ranges of equal size, about {@code splitBytes} each; any
   * other object is one range.
   */
  static List<Range> ranges(List<SourceObject> objects, java.util.function.Predicate<SourceObject> splittable, long splitBytes) {
    List<Range> out = new ArrayList<>();
    for (SourceObject o : objects) {
      if (splitBytes <= 0 || o.size() <= splitBytes || !splittable.test(o)) {
        out.add(Range.whole(o));
        continue;
      }
      long n = (o.size() + splitBytes - 1) / splitBytes;
      long length = o.size() / n;
      long longer = o.size() % n;
      for (long i = 0; i < n; i++) {
        // the first (size % n) ranges are one byte longer
        long start = i * length + Math.min(i, longer);
        long end = i == n - 1 ? Long.MAX_VALUE : start + length + (i < longer ? 1 : 0);
        out.add(new Range(o, start, end));
      }
    }
    return out;
  }

  /**
   * Which objects may be split: those of a source whose format is {@link LogFormat#splittable},
   * and that no codec reads (a compressed stream can only be read from its start).
   */
  private static java.util.function.Predicate<SourceObject> splittable(Map<String, SourceSpec> specs, Map<String, String> sparkHadoop) {
    Map<String, CompressionCodecFactory> codecs = new HashMap<>();
    Map<String, Boolean> lineByLine = new HashMap<>();
    return o -> {
      SourceSpec spec = specs.get(o.sourceName());
      if (!lineByLine.computeIfAbsent(o.sourceName(), n -> LogFormats.create(spec.format(), spec.formatOptions()).splittable())) {
        return false;
      }
      CompressionCodecFactory factory = codecs.computeIfAbsent(o.sourceName(), n -> {
        Configuration conf = new Configuration();
        sparkHadoop.forEach(conf::set);
        spec.hadoop().forEach(conf::set);
        return new CompressionCodecFactory(conf);
      });
      return factory.getCodec(new Path(o.uri())) == null;
    };
  }

  /**
   * Ranges packed into tasks: at least one task per core (when there are that many ranges),
   * more when the lot is bigger than {@code taskBytes} per task; each range goes, largest first,
   * to the task with the fewest bytes so far.
   */
  static List<List<Range>> pack(List<Range> ranges, int cores, long taskBytes) {
    long total = 0;
    for (Range r : ranges) total += r.bytes();
    int n = (int) Math.max(1, Math.min(ranges.size(), Math.max(cores, (total + taskBytes - 1) / taskBytes)));
    List<Range> bySize = new ArrayList<>(ranges);
    bySize.sort(java.util.Comparator.comparingLong(Range::bytes).reversed()
        .thenComparing(r -> r.object().uri()).thenComparingLong(Range::start));
    List<List<Range>> tasks = new ArrayList<>();
    long[] bytes = new long[n];
    for (int i = 0; i < n; i++) tasks.add(new ArrayList<>());
    for (Range r : bySize) {
      int min = 0;
      for (int i = 1; i < n; i++) if (bytes[i] < bytes[min]) min = i;
      tasks.get(min).add(r);
      bytes[min] += r.bytes();
    }
    return tasks;
  }

  /** Lazily turns a partition's ranges of objects into rows, one range open at a time. */
  static final class ObjectRows implements Iterator<InternalRow> {
    private static final int WIDTH = StagedRows.SCHEMA.size();
    private static final int SOURCE_NAME = at("source_name");
    private static final int LINE_NUMBER = at("line_number");
    private static final int RANGE_START = at(StagedRows.RANGE_START);
    private static final int REASON = at("reason");
    private static final int RAW_LINE = at("raw_line");
    private static final int EMERGENCY_REASON = at("emergency_reason");
    private static final int LINES_READ = at("lines_read");
    private static final int ROWS_PARSED = at("rows_parsed");
    private static final int ROWS_QUARANTINED = at("rows_quarantined");
    private static final int LINES_SKIPPED = at("lines_skipped");
    private static final int EMERGENCIES = at("emergencies");
    private static final int WINDOWS = at("windows");
    private static final int KIND = at(StagedRows.KIND);
    private static final int[] LR = indexes(EventRow.names());

    private final Iterator<Range> objects;
    private final Map<String, SourceSpec> specs;
    private final Map<String, String> baseHadoop;
    private final Anonymizer anonymizer;
    private final Run run;
    private final long windowMicros;
    private final Map<String, LogFormat> formats = new HashMap<>();
    /** One codec lookup per source for this task (building one scans the codec classes). */
    private final Map<String, CompressionCodecFactory> codecs = new HashMap<>();
    /** One filesystem per source for this task, built from that source's settings. */
    private final Map<String, FileSystem> filesystems = new HashMap<>();
    private final MessageDigest sha;

    private SourceObject current;
    /** The part of {@code current} being read; its rows carry its start. */
    private Range range;
    private Long rangeStart;
    private SourceSpec spec;
    private UTF8String currentUri;
    private UTF8String currentSource;
    private int fallbackDay;
    private LogFormat format;
    /** The open object's parser: a line format's is line by line; some read headers or whole documents. */
    private ObjectParser parser;
    /** Rows the parser made that are not handed out yet (a document yields many at once). */
    private final java.util.ArrayDeque<InternalRow> ready = new java.util.ArrayDeque<>();
    /** Offset of the line being parsed, and how many events it yielded so far. */
    private long lineOffset;
    private int onLine;
    private final ObjectParser.Sink sink = new ObjectParser.Sink() {
      @Override
      public void parsed(LogEvent e, long record) {
        anonymizer.apply(format, e);
        parsed++;
        // a line holding several records (a document) gives each its own event id
        String id = onLine++ == 0 ? eventId(current.uri(), Long.toString(lineOffset))
            : eventId(current.uri(), lineOffset + "#" + record);
        ready.add(parsedRow(e, lineOffset, id));
      }

      @Override
      public void quarantined(String reason, String raw, long record) {
        quarantined++;
        ready.add(quarantine(lineNumber, lineOffset, reason, raw));
      }

      @Override
      public void skipped() {
        skipped++;
      }
    };
    private LineReader reader;
    /** The open object's bytes as the store serves them, before any codec. */
    private StorageStream storage;
    private long lineNumber;
    private long parsed;
    private long quarantined;
    private long skipped;
    private long emergencies;
    private final java.util.TreeSet<Long> windows = new java.util.TreeSet<>();
    private InternalRow next;
    private InternalRow pending;

    ObjectRows(Iterator<Range> objects, Map<String, SourceSpec> specs, Map<String, String> baseHadoop,
        Anonymizer anonymizer, Run run) {
      this.objects = objects;
      this.specs = specs;
      this.baseHadoop = baseHadoop;
      this.anonymizer = anonymizer;
      this.run = run;
      this.windowMicros = run.windowMinutes() * 60_000_000L;
      try {
        this.sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static int at(String column) {
      return StagedRows.SCHEMA.fieldIndex(column);
    }

    private static int[] indexes(List<String> names) {
      int[] out = new int[names.size()];
      for (int i = 0; i < out.length; i++) out[i] = StagedRows.SCHEMA.fieldIndex(names.get(i));
      return out;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (!ready.isEmpty()) {
          next = ready.poll();
        } else if (pending != null) {
          next = pending;
          pending = null;
        } else if (reader != null) {
          next = advance();
        } else if (objects.hasNext()) {
          open(objects.next());
        } else {
          closeFileSystems();
          return false;
        }
      }
      return true;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) throw new NoSuchElementException();
      InternalRow r = next;
      next = null;
      return r;
    }

    private void open(Range r) {
      SourceObject o = r.object();
      range = r;
      rangeStart = r.start();
      current = o;
      currentUri = UTF8String.fromString(o.uri());
      currentSource = UTF8String.fromString(o.sourceName());
      fallbackDay = (int) Math.floorDiv(o.modificationTime(), 86_400_000L);
      lineNumber = 0;
      parsed = 0;
      quarantined = 0;
      skipped = 0;
      emergencies = 0;
      windows.clear();
      spec = specs.get(o.sourceName());
      format = formats.computeIfAbsent(o.sourceName(), n -> LogFormats.create(spec.format(), spec.formatOptions()));
      parser = format.forObject();
      ready.clear();
      lineOffset = 0;
      storage = null;
      try {
        reader = new LineReader(openStream(o, spec, r.start()), MAX_LINE_BYTES, r.start());
        // a range after the first starts inside a line or at one: that line is the range before's
        if (r.start() > 0) reader.next();
      } catch (IOException | RuntimeException e) {
        if (storage == null || storage.failed()) {
          next = unread("cannot open object: " + describe(e));
        } else {
          // the store served the bytes; the codec refused them (not gzip after all): damaged content
          try {
            storage.close();
          } catch (IOException ignored) {
            // already failed; the reason is recorded
          }
          quarantined = 1;
          next = quarantine(1, 0, "cannot decode object: " + describe(e), null);
          pending = counts();
        }
      }
    }

    /** The next row of the open object, or null for a line that yields none (a header). */
    private InternalRow advance() {
      String line;
      try {
        // a range reads every line that starts at or before its end
        line = reader.position() > range.end() ? null : reader.next();
      } catch (IOException | RuntimeException e) {
        if (storage.failed()) {
          closeReader();
          ready.clear();
          return unread("object read failed after " + (range.start() == 0 ? "line " + lineNumber : "byte " + reader.position())
              + ": " + describe(e));
        }
        // the store served every byte and decoding failed (a truncated gzip): damaged content;
        // what the parser holds complete is kept
        onLine = 0;
        parser.end(sink);
        quarantined++;
        ready.add(quarantine(lineNumber + 1, reader.offset(), "object read failed after line " + lineNumber + ": " + describe(e), null));
        closeReader();
        pending = counts();
        return ready.poll();
      }
      if (line == null) {
        onLine = 0;
        parser.end(sink);
        closeReader();
        pending = counts();
        return ready.poll();
      }
      lineNumber++;
      lineOffset = reader.offset();
      onLine = 0;
      if (reader.truncated()) {
        quarantined++;
        return quarantine(lineNumber, lineOffset, "line longer than " + MAX_LINE_BYTES + " bytes", line.substring(0, 200));
      }
      parser.line(line, sink);
      return ready.poll();
    }

    private InternalRow parsedRow(LogEvent e, long offset, String eventId) {
      Object[] v = new Object[WIDTH];
      EventRow.Origin origin = new EventRow.Origin(current.uri(), offset, eventId, spec.meta(),
          current.vars(), run.runId(), run.syncMicros(), fallbackDay);
      for (int i = 0; i < LR.length; i++) v[LR[i]] = EventRow.COLUMNS.get(i).value().of(e, origin);
      if (e.timestampMicros != null) windows.add(Math.floorDiv(e.timestampMicros, windowMicros) * windowMicros);
      v[SOURCE_NAME] = currentSource;
      v[LINE_NUMBER] = lineNumber;
      String emergency = run.emergencies().reason(e.alertLevel, e.message);
      if (emergency != null) {
        v[EMERGENCY_REASON] = UTF8String.fromString(emergency);
        emergencies++;
      }
      v[RANGE_START] = rangeStart;
      v[KIND] = KIND_P;
      return new GenericInternalRow(v);
    }

    private InternalRow quarantine(long line, long offset, String reason, String raw) {
      Object[] v = new Object[WIDTH];
      v[LR[SOURCE_URI]] = currentUri;
      v[LR[SOURCE_OFFSET]] = offset;
      v[LR[PROVIDER]] = EventRow.str(spec.meta().provider());
      v[LR[SOURCE_FORMAT]] = EventRow.str(spec.meta().format());
      v[LR[RUN_ID]] = EventRow.str(run.runId());
      v[SOURCE_NAME] = currentSource;
      v[LINE_NUMBER] = line;
      v[REASON] = UTF8String.fromString(anonymizer.scrubReason(reason));
      v[RAW_LINE] = raw == null ? null : UTF8String.fromString(anonymizer.redactLine(raw));
      v[RANGE_START] = rangeStart;
      v[KIND] = KIND_Q;
      return new GenericInternalRow(v);
    }

    /** The object could not be read from its store: no counts, it stays pending. */
    private InternalRow unread(String reason) {
      Object[] v = new Object[WIDTH];
      v[LR[SOURCE_URI]] = currentUri;
      v[SOURCE_NAME] = currentSource;
      v[LINE_NUMBER] = lineNumber;
      v[RANGE_START] = rangeStart;
      v[REASON] = UTF8String.fromString(anonymizer.scrubReason(reason));
      v[KIND] = KIND_U;
      return new GenericInternalRow(v);
    }

    /** The counts of the range read; line_number is how many lines it held. */
    private InternalRow counts() {
      Object[] v = new Object[WIDTH];
      v[LR[SOURCE_URI]] = currentUri;
      v[SOURCE_NAME] = currentSource;
      v[LINE_NUMBER] = lineNumber;
      v[RANGE_START] = rangeStart;
      v[LINES_READ] = parsed + quarantined + skipped;
      v[ROWS_PARSED] = parsed;
      v[ROWS_QUARANTINED] = quarantined;
      v[LINES_SKIPPED] = skipped;
      v[EMERGENCIES] = emergencies;
      v[WINDOWS] = new GenericArrayData(windows.toArray());
      v[KIND] = KIND_C;
      return new GenericInternalRow(v);
    }

    /** The object's bytes from {@code start} on (only an object no codec reads starts after 0). */
    private InputStream openStream(SourceObject o, SourceSpec spec, long start) throws IOException {
      Path path = new Path(o.uri());
      storage = null;
      FileSystem fs = filesystems.get(o.sourceName());
      if (fs == null) {
        Configuration conf = new Configuration();
        baseHadoop.forEach(conf::set);
        spec.hadoop().forEach(conf::set);
        fs = Connectors.open(path.toUri(), conf);
        filesystems.put(o.sourceName(), fs);
      }
      org.apache.hadoop.fs.FSDataInputStream in = fs.open(path);
      storage = new StorageStream(in);
      if (start > 0) {
        try {
          in.seek(start);
        } catch (IOException | RuntimeException e) {
          storage.failed = true;
          throw e;
        }
        return storage;
      }
      FileSystem opened = fs;
      CompressionCodec codec = codecs.computeIfAbsent(o.sourceName(), n -> new CompressionCodecFactory(opened.getConf())).getCodec(path);
      return codec == null ? storage : codec.createInputStream(storage);
    }

    void closeFileSystems() {
      for (FileSystem fs : filesystems.values()) {
        try {
          fs.close();
        } catch (IOException ignored) {
          // closing only releases connections; the rows are already made
        }
      }
      filesystems.clear();
    }

    private String eventId(String uri, String position) {
      sha.reset();
      sha.update(uri.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) ':');
      sha.update(position.getBytes(StandardCharsets.UTF_8));
      byte[] d = sha.digest();
      char[] hex = new char[32];
      for (int i = 0; i < 16; i++) {
        hex[2 * i] = Character.forDigit((d[i] >> 4) & 0xf, 16);
        hex[2 * i + 1] = Character.forDigit(d[i] & 0xf, 16);
      }
      return new String(hex);
    }

    private void closeReader() {
      try {
        reader.close();
      } catch (IOException ignored) {
        // the object was fully read or already failed; nothing to add
      }
      reader = null;
    }
  }

  /**
   * An object's stream as the store serves it, remembering whether the store failed: a failure
   * here is I/O (the object stays pending and is read again), while a codec failing over bytes
   * that arrived whole is damaged content (quarantined and counted).
   */
  static final class StorageStream extends FilterInputStream {
    private boolean failed;

    StorageStream(InputStream in) {
      super(in);
    }

    boolean failed() {
      return failed;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException | RuntimeException e) {
        failed = true;
        throw e;
      }
    }
  }

  private static final UTF8String KIND_P = UTF8String.fromString(StagedRows.PARSED);
  private static final UTF8String KIND_Q = UTF8String.fromString(StagedRows.QUARANTINED);
  private static final UTF8String KIND_C = UTF8String.fromString(StagedRows.COUNTS);
  private static final UTF8String KIND_U = UTF8String.fromString(StagedRows.UNREAD);
  private static final int SOURCE_URI = EventRow.names().indexOf("source_uri");
  private static final int SOURCE_OFFSET = EventRow.names().indexOf("source_offset");
  private static final int PROVIDER = EventRow.names().indexOf("provider");
  private static final int SOURCE_FORMAT = EventRow.names().indexOf("source_format");
  private static final int RUN_ID = EventRow.names().indexOf("run_id");

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }
}
