package io.logyard.source;

import io.logyard.format.LogEvent;
import io.logyard.sink.TableSchemas;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The {@code log_results} row, declared once: each contract column with how its value comes from
 * a parsed {@link LogEvent} and the object it was read from, in Spark's internal format
 * (UTF8String, microseconds, days). The reader builds rows with it; a test keeps the columns
 * equal to {@code schemas/log_results.json}.
 */
public final class EventRow {
  private EventRow() {}

  /** Where an event was read: its object, the run, and what the source's config knows. */
  public record Origin(String uri, long offset, String eventId, SourceMeta source, Map<String, String> vars,
      String runId, long syncMicros, int fallbackDay) {}

  /** What a source's configuration adds to its rows. */
  public record SourceMeta(String name, String provider, String projectId, String region, String format)
      implements Serializable {}

  interface Value extends Serializable {
    Object of(LogEvent e, Origin o);
  }

  /** A column: its contract name and its value. */
  public record Column(String name, Value value) {}

  public static final List<Column> COLUMNS = List.of(
      new Column("project_id", (e, o) -> str(o.source().projectId())),
      new Column("region", (e, o) -> str(first(o.vars().get("region"), o.source().region()))),
      new Column("nodeName", (e, o) -> str(first(e.nodeName, o.vars().get("node")))),
      new Column("timestamp", (e, o) -> e.timestampMicros),
      new Column("version", (e, o) -> str(e.version)),
      new Column("message", (e, o) -> str(e.message)),
      new Column("sync_time", (e, o) -> o.syncMicros()),
      new Column("remote_log_id", (e, o) -> str(e.remoteLogId)),
      new Column("hostname", (e, o) -> str(first(e.hostname, first(e.nodeName, o.vars().get("node"))))),
      new Column("public_ip", (e, o) -> str(e.publicIp)),
      new Column("private_ip", (e, o) -> str(e.privateIp)),
      new Column("alert_level", (e, o) -> str(e.alertLevel)),
      new Column("provider", (e, o) -> str(o.source().provider())),
      new Column("event_id", (e, o) -> str(o.eventId())),
      new Column("source_format", (e, o) -> str(o.source().format())),
      new Column("service", (e, o) -> str(e.service)),
      new Column("client_ip", (e, o) -> str(e.clientIp)),
      new Column("http_method", (e, o) -> str(e.httpMethod)),
      new Column("endpoint", (e, o) -> str(e.endpoint)),
      new Column("http_status", (e, o) -> e.httpStatus == null ? null : e.httpStatus.longValue()),
      new Column("response_bytes", (e, o) -> e.responseBytes),
      new Column("referrer", (e, o) -> str(e.referrer)),
      new Column("user_agent", (e, o) -> str(e.userAgent)),
      new Column("latency_ms", (e, o) -> e.latencyMs),
      new Column("source_uri", (e, o) -> str(o.uri())),
      new Column("source_offset", (e, o) -> o.offset()),
      new Column("attributes", (e, o) -> map(e.attributes)),
      new Column("run_id", (e, o) -> str(o.runId())),
      new Column("event_date", (e, o) -> e.timestampMicros == null ? o.fallbackDay() : (int) Math.floorDiv(e.timestampMicros, 86_400_000_000L)));

  /** The contract's column names, in order. */
  public static List<String> names() {
    return COLUMNS.stream().map(Column::name).toList();
  }

  static {
    List<String> contract = List.of(TableSchemas.schema(TableSchemas.LOG_RESULTS).fieldNames());
    if (!contract.equals(names())) {
      throw new IllegalStateException("EventRow declares " + names() + " but schemas/log_results.json has " + contract);
    }
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  static UTF8String str(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }

  private static ArrayBasedMapData map(Map<String, String> m) {
    if (m == null) return null;
    Object[] keys = new Object[m.size()];
    Object[] values = new Object[keys.length];
    int[] i = {0};
    m.forEach((k, v) -> { // no entry object per attribute (the events' map has none to give)
      keys[i[0]] = UTF8String.fromString(k);
      values[i[0]++] = str(v);
    });
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
  }
}
