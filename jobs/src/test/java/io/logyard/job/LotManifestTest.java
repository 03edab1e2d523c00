package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import io.logyard.pipeline.Interval;
import io.logyard.pipeline.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest discover writes for the scheduler: its JSON shape is the DAG's contract. */
class LotManifestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONF = """
      warehouse: {path: /tmp/wh}
      sources:
        - {name: web, provider: aws, uri: s3a://bucket/web, format: combined}
        - {name: app, provider: gcp, uri: gs://bucket/app, format: json}
      """;
  private static final Interval INTERVAL = Interval.of("2026-11-20T10:15:00Z", "2026-11-20T10:30:00Z");

  private static LogyardConfig config(String extra) {
    return ConfigLoader.parseYaml("t", CONF + extra, Map.of(), Map.of());
  }

  private static JsonNode json(LotManifest m) throws Exception {
    return JSON.readTree(m.toJson());
  }

  @Test
  void anIntervalsLotAsTheDagReadsIt() throws Exception {
    var plan = new Plan(INTERVAL.lotId(), false, false, Map.of("web", 2, "app", 1), 3,
        List.of(new Plan.Pending("web", 2, 2_048), new Plan.Pending("app", 1, 10)));
    JsonNode expected = JSON.readTree("""
        {"manifest_version": 1,
         "lot_id": "ivl-20261120T101500Z",
         "state": "pending",
         "interval": {"start": "2026-11-20T10:15:00Z", "end": "2026-11-20T10:30:00Z"},
         "sources": [{"source": "web", "objects": 2, "bytes": 2048}, {"source": "app", "objects": 1, "bytes": 10}],
         "waiting": 3,
         "tables": {"log_results": "file:/tmp/wh/log_results", "log_aggregates": "file:/tmp/wh/log_aggregates",
                    "emergency_logs": "file:/tmp/wh/emergency_logs", "quarantine": "file:/tmp/wh/quarantine",
                    "ledger": "file:/tmp/wh/ledger"},
         "exports": []}
        """);
    JsonNode actual = json(LotManifest.of(plan, INTERVAL, config("")));
    assertEquals(expected, actual);
    assertEquals(List.of("manifest_version", "lot_id", "state", "interval", "sources", "waiting", "tables", "exports"),
        names(actual), "the fields in declaration order");
  }

  @Test
  void anEmptyLotWithoutIntervalAndTheConfiguredExports() throws Exception {
    var plan = new Plan("lot-000007", false, true, Map.of(), 0, List.of());
    JsonNode m = json(LotManifest.of(plan, null, config("""
        outputs: {parquet: {path: /tmp/parquet}}
        bigquery: {enabled: true, project: p, dataset: d, temporary_gcs_bucket: b}
        """)));
    assertEquals("empty", m.get("state").asText());
    assertEquals(true, m.get("interval").isNull());
    assertEquals(0, m.get("sources").size());
    assertEquals(JSON.readTree("[\"parquet\", \"bigquery\"]"), m.get("exports"));
  }

  @Test
  void aResumedLot() throws Exception {
    var plan = new Plan("lot-000003", true, false, Map.of("web", 4), 0, List.of(new Plan.Pending("web", 1, 5)));
    JsonNode m = json(LotManifest.of(plan, null, config("")));
    assertEquals("resumed", m.get("state").asText());
    assertEquals(1, m.get("sources").get(0).get("objects").asInt(), "only the objects still to ingest");
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
