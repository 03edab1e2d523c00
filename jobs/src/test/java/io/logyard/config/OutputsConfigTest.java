package io.logyard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outputs' configuration sections: outputs.parquet, retention, bigquery (for maintenance, parquet and bigquery). */
class OutputsConfigTest {
  private static final String SOURCES = """
      warehouse: {path: /tmp/wh}
      sources:
        - {name: web, provider: aws, uri: s3a://bucket/logs, format: combined}
      """;

  @Test
  void everythingIsOffByDefault() {
    LogyardConfig c = ConfigLoader.parseYaml("t", SOURCES, Map.of(), Map.of());
    assertFalse(c.outputs().parquet().enabled());
    assertFalse(c.bigquery().enabled());
    assertEquals(Map.of(), c.retention());
    assertEquals("indirect", c.bigquery().writeMethod());
    assertEquals(List.of("log_results", "log_aggregates", "emergency_logs"), c.bigquery().tables());
  }

  @Test
  void aFullOutputsConfiguration() {
    LogyardConfig c = ConfigLoader.parseYaml("t", SOURCES + """
        outputs: {parquet: {path: s3a://analytics/logyard}}
        retention: {log_results: 30, quarantine: 14}
        bigquery:
          enabled: true
          project: p
          dataset: logyard
          location: EU
          write_method: direct
          include_quarantine: true
          options: {proxyAddress: "http://proxy:3128"}
        """, Map.of(), Map.of());
    assertEquals("s3a://analytics/logyard", c.outputs().parquet().path());
    assertEquals(Map.of("log_results", 30, "quarantine", 14), c.retention());
    assertEquals("direct", c.bigquery().writeMethod());
    assertNull(c.bigquery().temporaryGcsBucket());
    assertEquals(4, c.bigquery().tables().size());
    assertEquals("http://proxy:3128", c.bigquery().options().get("proxyAddress"));
  }

  @Test
  void bigQueryProblemsAreReportedAtOnce() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parseYaml("t", SOURCES + """
        retention: {log_results: 0, ledger: 30}
        bigquery:
          enabled: true
          dataset: "my-dataset"
          write_method: sideways
          credentials_file: /no/such/key.json
          options: {gcpAccessToken: abc}
        """, Map.of(), Map.of()));
    List<String> p = e.problems();
    assertTrue(p.contains("retention.log_results: must be between 1 and 36600, found 0"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("retention.ledger: unknown key")), p.toString());
    assertTrue(p.contains("bigquery.project: missing value (needed when bigquery.enabled is true)"), p.toString());
    assertTrue(p.contains("bigquery.dataset: use letters, digits and '_' only, found 'my-dataset'"), p.toString());
    assertTrue(p.contains("bigquery.write_method: must be one of direct, indirect, found 'sideways'"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("bigquery.temporary_gcs_bucket: missing value")), p.toString());
    assertTrue(p.contains("bigquery.credentials_file: cannot read /no/such/key.json: no such file"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("bigquery.options.gcpAccessToken: secrets do not belong")), p.toString());
  }

  @Test
  void environmentOverridesTheBigQuerySection() {
    LogyardConfig c = ConfigLoader.parseYaml("t", SOURCES, Map.of(),
        Map.of("LOGYARD_BIGQUERY_ENABLED", "true", "LOGYARD_BIGQUERY_PROJECT", "p", "LOGYARD_BIGQUERY_DATASET", "d",
            "LOGYARD_BIGQUERY_TEMPORARY_GCS_BUCKET", "b", "LOGYARD_RETENTION_LOG_RESULTS", "7"));
    assertTrue(c.bigquery().enabled());
    assertEquals("b", c.bigquery().temporaryGcsBucket());
    assertEquals(Map.of("log_results", 7), c.retention());
  }
}
