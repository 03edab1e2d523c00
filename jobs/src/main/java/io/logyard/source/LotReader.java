package io.logyard.source;

import io.logyard.format.Excerpt;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Reads the objects of a lot in parallel — all sources in one Spark job — and turns every line
 * into what {@link StagedRows} declares, in Spark's internal row format: a parsed line becomes
 * its finished {@code log_results} row ({@link EventRow}: anonymized, enriched with the source's
 * metadata, routed to emergencies), a bad line a quarantined row; every part of an object read
 * ends with its counts (lines, parsed, quarantined, skipped, and the aggregation windows its rows
 * fall in). The tasks write the rows themselves ({@link StagedRows.Writers}, the lot's staging
 * area) and return only their files and counts. Objects are packed into tasks by size, largest
 * first, so a task reads several small objects and the tasks get about the same bytes
 * ({@link #TASK_BYTES}); an uncompressed object bigger than that, of a format read line by line
 * ({@link LogFormat#splittable}), is read as several byte ranges by different tasks
 * ({@link Range}), each with its own counts, which {@code sink.Staging} adds up per object.
 * Offsets, and so event ids, are the object's own whichever range reads a line. Compressed
 * objects ({@code .gz}, and any codec Hadoop knows) are never split and are decompressed on the
 * fly; offsets are in the decompressed stream. A read whose bytes arrive whole but fail to decode
 * part-way (a truncated gzip) keeps the lines read so far and quarantines the rest of the object
 * with the error as the reason; an object the store would not open or serve to the end (missing,
 * denied, a lost connection) ends {@link StagedRows.Unread} instead, never counted as read.
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
   * Reads the lot in one Spark job: each task reads its ranges of objects and hands their rows to
   * a writer of {@code writers}, returning the files written and the counts.
   *
   * @param objects the lot's objects
   * @param specs per source name, how to read its objects
   * @param anonymizer the privacy policy, applied to every parsed row and quarantined line
   * @return per task, what it made (of the successful attempt)
   */
  public static List<StagedRows.Task> read(SparkSession spark, List<SourceObject> objects, Map<String, SourceSpec> specs,
      Anonymizer anonymizer, Run run, StagedRows.Writers writers) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, String> sparkHadoop = new HashMap<>();
    for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAllWithPrefix("spark.hadoop.")) {
      sparkHadoop.put(kv._1(), kv._2());
    }
    long taskBytes = spark.sessionState().conf().filesMaxPartitionBytes();
    List<Range> ranges = ranges(objects, splittable(specs, sparkHadoop), taskBytes);
    List<List<Range>> tasks = pack(ranges, jsc.defaultParallelism(), taskBytes);
    Map<String, SourceSpec> specsCopy = new HashMap<>(specs);
    return jsc.parallelize(tasks, tasks.size())
        .mapPartitionsWithIndex((part, it) -> {
          List<Range> mine = new ArrayList<>();
          it.forEachRemaining(mine::addAll);
          TaskContext task = TaskContext.get();
          StagedRows.Writer writer = writers.open(part + "-" + (task == null ? 0 : task.taskAttemptId()));
          List<StagedRows.RangeCounts> counts = new ArrayList<>();
          List<StagedRows.Unread> unread = new ArrayList<>();
          ObjectRows reader = new ObjectRows(specsCopy, sparkHadoop, anonymizer, run);
          try {
            reader.readAll(mine.iterator(), new StagedRows.Sink() {
              @Override
              public void parsed(InternalRow row, Integer day) {
                try {
                  writer.parsed(row, day);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException("cannot write the staged rows", e);
                }
              }

              @Override
              public void quarantined(InternalRow row) {
                try {
                  writer.quarantined(row);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException("cannot write the staged rows", e);
                }
              }

              @Override
              public void counts(StagedRows.RangeCounts c) {
                counts.add(c);
              }

              @Override
              public void unread(StagedRows.Unread u) {
                unread.add(u);
              }
            });
            return List.of(new StagedRows.Task(writer.close(), counts, unread)).iterator();
          } catch (IOException | RuntimeException | Error e) {
            writer.abort();
            throw e;
          } finally {
            reader.closeFileSystems();
          }
        }, false)
        .collect();
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

  /**
   * Turns a task's ranges of objects into staged rows, one range open at a time, handing each to
   * a {@link StagedRows.Sink} as it is made: a range's rows, then its counts (or its unread mark).
   */
  static final class ObjectRows {
    private static final int PARSED_WIDTH = StagedRows.PARSED.size();
    private static final int SOURCE_NAME = StagedRows.PARSED.fieldIndex("source_name");
    private static final int LINE_NUMBER = StagedRows.PARSED.fieldIndex("line_number");
    private static final int RANGE_START = StagedRows.PARSED.fieldIndex(StagedRows.RANGE_START);
    private static final int EMERGENCY_REASON = StagedRows.PARSED.fieldIndex("emergency_reason");
    /** Where each EventRow column goes in a parsed row (-1: the day, given beside the row). */
    private static final int[] LR = EventRow.names().stream()
        .mapToInt(n -> n.equals(StagedRows.DAY) ? -1 : StagedRows.PARSED.fieldIndex(n)).toArray();
    private static final int DAY = EventRow.names().indexOf(StagedRows.DAY);

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

    private StagedRows.Sink out;
    private SourceObject current;
    /** The part of {@code current} being read; its rows carry its start. */
    private Range range;
    private SourceSpec spec;
    private UTF8String currentUri;
    private UTF8String currentSource;
    private int fallbackDay;
    private LogFormat format;
    /** The open object's parser: a line format's is line by line; some read headers or whole documents. */
    private ObjectParser parser;
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
        EventRow.Origin origin = new EventRow.Origin(current.uri(), lineOffset, id, spec.meta(),
            current.vars(), run.runId(), run.syncMicros(), fallbackDay);
        out.parsed(parsedRow(e, origin), (Integer) EventRow.COLUMNS.get(DAY).value().of(e, origin));
      }

      @Override
      public void quarantined(String reason, String raw, long record) {
        quarantined++;
        out.quarantined(quarantine(lineNumber, lineOffset, reason, raw));
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

    ObjectRows(Map<String, SourceSpec> specs, Map<String, String> baseHadoop, Anonymizer anonymizer, Run run) {
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

    /** Reads every range to {@code out}, in order. */
    void readAll(Iterator<Range> ranges, StagedRows.Sink out) {
      this.out = out;
      while (ranges.hasNext()) {
        if (open(ranges.next())) {
          while (reader != null) advance();
        }
      }
    }

    /** Opens a range; false when it could not be (its unread mark or its damage is already out). */
    private boolean open(Range r) {
      SourceObject o = r.object();
      range = r;
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
      lineOffset = 0;
      storage = null;
      try {
        reader = new LineReader(openStream(o, spec, r.start()), MAX_LINE_BYTES, r.start());
        // a range after the first starts inside a line or at one: that line is the range before's
        if (r.start() > 0) reader.next();
        return true;
      } catch (IOException | RuntimeException e) {
        reader = null;
        if (storage == null || storage.failed()) {
          unread("cannot open object: " + describe(e));
          return false;
        }
        // the store served the bytes; the codec refused them (not gzip after all): damaged content
        try {
          storage.close();
        } catch (IOException ignored) {
          // already failed; the reason is recorded
        }
        quarantined = 1;
        out.quarantined(quarantine(1, 0, "cannot decode object: " + describe(e), null));
        counts();
        return false;
      }
    }

    /** Reads the open range's next line; at its end (or failure) closes it and hands out its counts or unread mark. */
    private void advance() {
      String line;
      try {
        // a range reads every line that starts at or before its end
        line = reader.position() > range.end() ? null : reader.next();
      } catch (IOException | RuntimeException e) {
        if (storage.failed()) {
          closeReader();
          unread("object read failed after " + (range.start() == 0 ? "line " + lineNumber : "byte " + reader.position())
              + ": " + describe(e));
          return;
        }
        // the store served every byte and decoding failed (a truncated gzip): damaged content;
        // what the parser holds complete is kept
        onLine = 0;
        parser.end(sink);
        quarantined++;
        out.quarantined(quarantine(lineNumber + 1, reader.offset(), "object read failed after line " + lineNumber + ": " + describe(e), null));
        closeReader();
        counts();
        return;
      }
      if (line == null) {
        onLine = 0;
        parser.end(sink);
        closeReader();
        counts();
        return;
      }
      lineNumber++;
      lineOffset = reader.offset();
      onLine = 0;
      if (reader.truncated()) {
        quarantined++;
        out.quarantined(quarantine(lineNumber, lineOffset, "line longer than " + MAX_LINE_BYTES + " bytes", Excerpt.head(line, 200)));
        return;
      }
      parser.line(line, sink);
    }

    private InternalRow parsedRow(LogEvent e, EventRow.Origin origin) {
      Object[] v = new Object[PARSED_WIDTH];
      for (int i = 0; i < LR.length; i++) {
        if (LR[i] >= 0) v[LR[i]] = EventRow.COLUMNS.get(i).value().of(e, origin);
      }
      if (e.timestampMicros != null) windows.add(Math.floorDiv(e.timestampMicros, windowMicros) * windowMicros);
      v[SOURCE_NAME] = currentSource;
      v[LINE_NUMBER] = lineNumber;
      String emergency = run.emergencies().reason(e.alertLevel, e.message);
      if (emergency != null) {
        v[EMERGENCY_REASON] = UTF8String.fromString(emergency);
        emergencies++;
      }
      v[RANGE_START] = range.start();
      return new GenericInternalRow(v);
    }

    private InternalRow quarantine(long line, long offset, String reason, String raw) {
      return new GenericInternalRow(new Object[] {currentUri, offset, EventRow.str(spec.meta().provider()),
          EventRow.str(spec.meta().format()), EventRow.str(run.runId()), currentSource, line, range.start(),
          UTF8String.fromString(anonymizer.scrubReason(reason)), raw == null ? null : UTF8String.fromString(anonymizer.redactLine(raw))});
    }

    /** The range could not be read from its store: no counts, its object stays pending. */
    private void unread(String reason) {
      out.unread(new StagedRows.Unread(current.uri(), current.sourceName(), range.start(), anonymizer.scrubReason(reason)));
    }

    /** The counts of the range read. */
    private void counts() {
      out.counts(new StagedRows.RangeCounts(current.uri(), current.sourceName(), range.start(), lineNumber,
          parsed + quarantined + skipped, parsed, quarantined, skipped, emergencies, List.copyOf(windows)));
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

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }
}
