package io.logyard.source;

import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.format.MalformedLineException;
import io.logyard.privacy.Anonymizer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Reads the objects of a lot in parallel — all sources in one Spark job — and turns every line
 * into a staged row (see {@link StagedRows}). Compressed objects ({@code .gz}, and any codec
 * Hadoop knows) are decompressed on the fly; offsets are in the decompressed stream. A read
 * whose bytes arrive whole but fail to decode part-way (a truncated gzip) keeps the lines read so
 * far and quarantines the rest of the object with the error as the reason; an object the store
 * would not open or serve to the end (missing, denied, a lost connection) is reported
 * {@link StagedRows#UNREAD} instead, never counted as read.
 */
public final class LotReader {
  /** Lines longer than this are quarantined, cut to this length. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  private LotReader() {}

  /**
   * How to read one source's objects; sent to the executors. {@code hadoop} is the source's
   * whole set of Hadoop settings ({@link Connectors#hadoopSettings}), secrets included: each
   * task builds the source's own filesystem from it.
   */
  public record SourceSpec(String format, Map<String, String> formatOptions, Map<String, String> hadoop)
      implements Serializable {}

  /**
   * @param objects the lot's objects
   * @param specs per source name, how to read its objects
   * @param anonymizer the privacy policy, applied to every parsed row and quarantined line
   * @return staged rows with {@link StagedRows#SCHEMA}
   */
  public static Dataset<Row> read(
      SparkSession spark, List<SourceObject> objects, Map<String, SourceSpec> specs, Anonymizer anonymizer) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, String> sparkHadoop = new HashMap<>();
    for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAllWithPrefix("spark.hadoop.")) {
      sparkHadoop.put(kv._1(), kv._2());
    }
    int slices = Math.max(1, Math.min(objects.size(), jsc.defaultParallelism() * 2));
    Map<String, SourceSpec> specsCopy = new HashMap<>(specs);
    JavaRDD<Row> rows = jsc.parallelize(objects, slices)
        .mapPartitions(it -> {
          ObjectRows r = new ObjectRows(it, specsCopy, sparkHadoop, anonymizer);
          TaskContext task = TaskContext.get();
          if (task != null) task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> r.closeFileSystems());
          return r;
        });
    return spark.createDataFrame(rows, StagedRows.SCHEMA);
  }

  /** Lazily turns a partition's objects into rows, one object open at a time. */
  static final class ObjectRows implements Iterator<Row> {
    private final Iterator<SourceObject> objects;
    private final Map<String, SourceSpec> specs;
    private final Map<String, String> baseHadoop;
    private final Anonymizer anonymizer;
    private final Map<String, LogFormat> formats = new HashMap<>();
    /** One filesystem per source for this task, built from that source's settings. */
    private final Map<String, FileSystem> filesystems = new HashMap<>();
    private final MessageDigest sha;

    private SourceObject current;
    private LogFormat format;
    private LineReader reader;
    /** The open object's bytes as the store serves them, before any codec. */
    private StorageStream storage;
    private long lineNumber;
    private long parsed;
    private long quarantined;
    private long skipped;
    private Row next;
    private Row pending;

    ObjectRows(Iterator<SourceObject> objects, Map<String, SourceSpec> specs, Map<String, String> baseHadoop, Anonymizer anonymizer) {
      this.objects = objects;
      this.specs = specs;
      this.baseHadoop = baseHadoop;
      this.anonymizer = anonymizer;
      try {
        this.sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (pending != null) {
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
    public Row next() {
      if (!hasNext()) throw new NoSuchElementException();
      Row r = next;
      next = null;
      return r;
    }

    private void open(SourceObject o) {
      current = o;
      lineNumber = 0;
      parsed = 0;
      quarantined = 0;
      skipped = 0;
      SourceSpec spec = specs.get(o.sourceName());
      format = formats.computeIfAbsent(o.sourceName(), n -> LogFormats.create(spec.format(), spec.formatOptions()));
      storage = null;
      try {
        reader = new LineReader(openStream(o, spec), MAX_LINE_BYTES);
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
    private Row advance() {
      String line;
      try {
        line = reader.next();
      } catch (IOException | RuntimeException e) {
        if (storage.failed()) {
          closeReader();
          return unread("object read failed after line " + lineNumber + ": " + describe(e));
        }
        // the store served every byte and decoding failed (a truncated gzip): damaged content
        quarantined++;
        Row q = quarantine(lineNumber + 1, reader.offset(), "object read failed after line " + lineNumber + ": " + describe(e), null);
        closeReader();
        pending = counts();
        return q;
      }
      if (line == null) {
        closeReader();
        return counts();
      }
      lineNumber++;
      long offset = reader.offset();
      if (reader.truncated()) {
        quarantined++;
        return quarantine(lineNumber, offset, "line longer than " + MAX_LINE_BYTES + " bytes", line.substring(0, 200));
      }
      if (format.isHeader(line)) {
        skipped++;
        return null;
      }
      try {
        LogEvent e = format.parse(line);
        anonymizer.apply(e);
        parsed++;
        return parsedRow(e, offset);
      } catch (MalformedLineException ex) {
        quarantined++;
        return quarantine(lineNumber, offset, ex.reason(), line);
      }
    }

    private Row parsedRow(LogEvent e, long offset) {
      Map<String, String> vars = current.vars();
      return RowFactory.create(
          current.sourceName(), current.uri(), StagedRows.PARSED, lineNumber, offset, null, null,
          eventId(current.uri(), offset),
          e.timestampMicros == null ? null : timestamp(e.timestampMicros),
          e.version, e.message, e.remoteLogId, e.hostname, e.nodeName, e.publicIp, e.privateIp,
          e.alertLevel, e.service, e.clientIp, e.httpMethod, e.endpoint,
          e.httpStatus == null ? null : e.httpStatus.longValue(), e.responseBytes,
          e.referrer, e.userAgent, e.latencyMs,
          scala.collection.JavaConverters.mapAsScalaMap(e.attributes),
          vars.get("node"), vars.get("region"),
          null, null, null, null);
    }

    private Row quarantine(long line, long offset, String reason, String raw) {
      return RowFactory.create(
          current.sourceName(), current.uri(), StagedRows.QUARANTINED, line, offset, reason,
          raw == null ? null : anonymizer.redactLine(raw),
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null,
          null, null, null, null);
    }

    /** The object could not be read from its store: no counts, it stays pending. */
    private Row unread(String reason) {
      return RowFactory.create(
          current.sourceName(), current.uri(), StagedRows.UNREAD, lineNumber, null, anonymizer.scrubText(reason), null,
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null,
          null, null, null, null);
    }

    private Row counts() {
      return RowFactory.create(
          current.sourceName(), current.uri(), StagedRows.COUNTS, null, null, null, null,
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null,
          parsed + quarantined + skipped, parsed, quarantined, skipped);
    }

    private InputStream openStream(SourceObject o, SourceSpec spec) throws IOException {
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
      storage = new StorageStream(fs.open(path));
      CompressionCodec codec = new CompressionCodecFactory(fs.getConf()).getCodec(path);
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

    private String eventId(String uri, long offset) {
      sha.reset();
      sha.update(uri.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) ':');
      sha.update(Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
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

  static Timestamp timestamp(long micros) {
    Timestamp t = new Timestamp(Math.floorDiv(micros, 1000));
    t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
    return t;
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }
}
