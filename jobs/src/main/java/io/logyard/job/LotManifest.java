package io.logyard.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logyard.config.LogyardConfig;
import io.logyard.pipeline.ExportLot;
import io.logyard.pipeline.Interval;
import io.logyard.pipeline.Plan;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code discover} tells a scheduler about the lot it opened, as one JSON document: the
 * contract between the jobs and the Airflow DAG, which takes the lot id, the sources to ingest,
 * the tables' locations and the configured exports from here instead of computing them.
 *
 * <p>{@link #VERSION} changes when a field is renamed, removed or changes meaning (readers refuse a
 * version they do not know); adding a field keeps it.
 *
 * @param version {@link #VERSION}
 * @param lotId the lot's id ({@code ivl-20261120T101500Z} for a data interval)
 * @param state {@code pending} (opened now), {@code resumed} (left unfinished by an earlier run)
 *     or {@code empty} (nothing new: recorded as an empty lot)
 * @param interval the data interval, null when discover was given none
 * @param sources the sources with objects of the lot still to ingest, in configuration order
 * @param waiting objects seen but still within the settle time
 * @param tables every table's location (a Hadoop URI), by table name
 * @param exports the outputs besides Delta that {@code export} writes ({@code parquet},
 *     {@code bigquery}); empty when it has nothing to do
 */
@JsonPropertyOrder({"manifest_version", "lot_id", "state", "interval", "sources", "waiting", "tables", "exports"})
public record LotManifest(
    @JsonProperty("manifest_version") int version,
    @JsonProperty("lot_id") String lotId,
    String state,
    Span interval,
    List<Plan.Pending> sources,
    int waiting,
    Map<String, String> tables,
    List<String> exports) {

  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A data interval [start, end) as ISO-8601 instants. */
  public record Span(String start, String end) {}

  /** The manifest of the lot {@code plan}, discovered over {@code interval} (null for none). */
  public static LotManifest of(Plan plan, Interval interval, LogyardConfig config) {
    Tables tables = new Tables(config);
    Map<String, String> locations = new LinkedHashMap<>();
    TableSchemas.TABLES.forEach(t -> locations.put(t, tables.path(t)));
    return new LotManifest(VERSION, plan.lotId(), plan.empty() ? "empty" : plan.resumed() ? "resumed" : "pending",
        interval == null ? null : new Span(interval.start().toString(), interval.end().toString()),
        plan.pending(), plan.waiting(), locations, ExportLot.outputs(config));
  }

  /** The manifest as one line of JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the lot manifest as JSON", e);
    }
  }
}
