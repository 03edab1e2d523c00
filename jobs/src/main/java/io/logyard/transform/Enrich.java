package io.logyard.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.logyard.source.StagedRows;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Turns staged rows into the silver tables' rows, adding what the sources' config knows. */
public final class Enrich {
  private Enrich() {}

  /**
   * log_results rows from the parsed staged rows.
   *
   * <p>Input: {@code staged} with {@link StagedRows#SCHEMA}; {@code sources} with source_name,
   * provider, project_id, region, format (one row per configured source). Output: the
   * log_results columns. region comes from the path template's {region} if there is one, else
   * the source's; nodeName from the event, else the template's {node}; hostname from the event,
   * else the node; event_date is the event's UTC date (the sync time's when the event has none).
   */
  public static Dataset<Row> logResults(Dataset<Row> staged, Dataset<Row> sources, String runId, Timestamp syncTime) {
    Dataset<Row> parsed = staged.filter(col("kind").equalTo(StagedRows.PARSED));
    Dataset<Row> s = sources.select(
        col("source_name"), col("provider"), col("project_id"), col("region").as("source_region"), col("format"));
    Dataset<Row> j = parsed.join(broadcast(s), "source_name");
    return j.select(
        col("project_id"),
        coalesce(col("path_region"), col("source_region")).as("region"),
        coalesce(col("event_node"), col("path_node")).as("nodeName"),
        col("timestamp"),
        col("version"),
        col("message"),
        lit(syncTime).as("sync_time"),
        col("remote_log_id"),
        coalesce(col("hostname"), col("event_node"), col("path_node")).as("hostname"),
        col("public_ip"),
        col("private_ip"),
        col("alert_level"),
        col("provider"),
        col("event_id"),
        col("format").as("source_format"),
        col("service"),
        col("client_ip"),
        col("http_method"),
        col("endpoint"),
        col("http_status"),
        col("response_bytes"),
        col("referrer"),
        col("user_agent"),
        col("latency_ms"),
        col("source_uri"),
        col("byte_offset").as("source_offset"),
        col("attributes"),
        lit(runId).as("run_id"),
        to_date(coalesce(col("timestamp"), lit(syncTime))).as("event_date"));
  }

  /**
   * quarantine rows from the quarantined staged rows.
   *
   * <p>Input as for {@link #logResults}. Output: the quarantine columns; raw_line is already
   * redacted by the reader.
   */
  public static Dataset<Row> quarantine(Dataset<Row> staged, Dataset<Row> sources, String runId) {
    Dataset<Row> q = staged.filter(col("kind").equalTo(StagedRows.QUARANTINED));
    Dataset<Row> s = sources.select(col("source_name"), col("provider"), col("format"));
    return q.join(broadcast(s), "source_name").select(
        col("source_uri"),
        col("line_number"),
        col("byte_offset"),
        col("format"),
        col("reason"),
        col("raw_line"),
        lit(runId).as("run_id"),
        col("provider"),
        col("source_name"));
  }
}
