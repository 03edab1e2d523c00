package io.logyard.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import io.logyard.format.ObjectParser;
import io.logyard.privacy.Anonymizer;
import io.logyard.source.LineReader;
import io.logyard.source.LotReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * {@code logyard parse}: what a parser makes of a file, one JSON object per input line, in input
 * order — no Spark. A parsed line prints with the log_results column names; a line the format
 * rejects prints as {@code {"line_number": N, "error": "..."}}.
 */
public final class ParseJob {
  private static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private ParseJob() {}

  /** What one file yielded. */
  public record Counts(long lines, long parsed, long errors, long skipped) {}

  /**
   * Reads the file through the format's {@link LogFormat#forObject} parser, so that header lines
   * that define columns and documents holding many records (CloudTrail) print as they parse.
   *
   * @param anonymizer the privacy policy to apply, or null for raw output
   */
  public static Counts parse(LogFormat format, String file, Anonymizer anonymizer, PrintWriter out) throws IOException {
    Printer p = new Printer(format, anonymizer, out);
    ObjectParser parser = format.forObject();
    try (LineReader reader = new LineReader(open(file), LotReader.MAX_LINE_BYTES)) {
      String line;
      while ((line = reader.next()) != null) {
        p.lines++;
        if (reader.truncated()) {
          p.error("line longer than " + LotReader.MAX_LINE_BYTES + " bytes", -1);
        } else {
          parser.line(line, p);
        }
      }
    }
    p.atEnd = true;
    parser.end(p);
    p.check();
    out.flush();
    return new Counts(p.lines, p.parsed, p.errors, p.skipped);
  }

  /** Prints what the object parser hands over, one JSON object per record. */
  private static final class Printer implements ObjectParser.Sink {
    private final LogFormat format;
    private final Anonymizer anonymizer;
    private final PrintWriter out;
    long lines, parsed, errors, skipped;
    boolean atEnd;
    private IOException failure;

    Printer(LogFormat format, Anonymizer anonymizer, PrintWriter out) {
      this.format = format;
      this.anonymizer = anonymizer;
      this.out = out;
    }

    @Override
    public void parsed(LogEvent event, long record) {
      if (anonymizer != null) anonymizer.apply(format, event);
      parsed++;
      print(toJson(event));
    }

    @Override
    public void quarantined(String reason, String raw, long record) {
      error(reason, record);
    }

    @Override
    public void skipped() {
      skipped++;
    }

    void error(String reason, long record) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("line_number", lines);
      if (atEnd && record > 0) json.put("record", record);
      json.put("error", anonymizer == null ? reason : anonymizer.scrubReason(reason));
      errors++;
      print(json);
    }

    private void print(Map<String, Object> json) {
      try {
        out.println(JSON.writeValueAsString(json));
      } catch (IOException e) {
        if (failure == null) failure = e;
      }
    }

    void check() throws IOException {
      if (failure != null) throw failure;
    }
  }

  /** The event with log_results column names; nulls left out. */
  public static Map<String, Object> toJson(LogEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (e.timestampMicros != null) {
      m.put("timestamp", Instant.ofEpochSecond(Math.floorDiv(e.timestampMicros, 1_000_000L),
          Math.floorMod(e.timestampMicros, 1_000_000L) * 1000).toString());
    }
    put(m, "alert_level", e.alertLevel);
    put(m, "service", e.service);
    put(m, "message", e.message);
    put(m, "remote_log_id", e.remoteLogId);
    put(m, "version", e.version);
    put(m, "hostname", e.hostname);
    put(m, "nodeName", e.nodeName);
    put(m, "public_ip", e.publicIp);
    put(m, "private_ip", e.privateIp);
    put(m, "client_ip", e.clientIp);
    put(m, "http_method", e.httpMethod);
    put(m, "endpoint", e.endpoint);
    put(m, "http_status", e.httpStatus);
    put(m, "response_bytes", e.responseBytes);
    put(m, "referrer", e.referrer);
    put(m, "user_agent", e.userAgent);
    put(m, "latency_ms", e.latencyMs);
    if (!e.attributes.isEmpty()) m.put("attributes", e.attributes);
    return m;
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) m.put(k, v);
  }

  private static InputStream open(String file) throws IOException {
    Configuration conf = new Configuration();
    Path path = new Path(io.logyard.source.Locations.qualify(file));
    InputStream raw = path.getFileSystem(conf).open(path);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    return codec == null ? raw : codec.createInputStream(raw);
  }
}
