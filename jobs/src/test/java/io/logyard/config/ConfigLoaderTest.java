package io.logyard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String MINIMAL = """
      warehouse:
        path: /tmp/wh
      sources:
        - name: web
          provider: aws
          uri: s3a://bucket/logs
          format: combined
      """;

  @Test
  void embeddedDefaultHasOneSourcePerProviderAndKind() {
    LogyardConfig c = ConfigLoader.load(ConfigLoader.EMBEDDED, Map.of(), Map.of());
    assertEquals("var/warehouse", c.warehouse().path());
    assertEquals(13, c.sources().size());
    assertEquals(List.of("aws", "gcp", "azure", "oci"),
        c.sources().stream().map(LogyardConfig.Source::provider).distinct().toList());
    assertEquals(List.of("aws-alb", "aws-cloudtrail", "azure-monitor", "combined", "gcp-logging",
            "json"),
        c.sources().stream().map(LogyardConfig.Source::format).distinct().sorted().toList());
    assertEquals(5, c.pipeline().windowMinutes());
    assertEquals(3, c.privacy().ipv4KeepOctets());
    assertEquals(64, c.privacy().ipv6KeepBits());
  }

  @Test
  void defaultsFillWhatTheFileLeavesOut() {
    LogyardConfig c = ConfigLoader.parseYaml("t", MINIMAL, Map.of(), Map.of());
    assertEquals(120, c.pipeline().settleSeconds());
    assertEquals(List.of("CRITICAL", "ALERT", "EMERGENCY"), c.pipeline().emergencyLevels());
    assertEquals("local[2]", c.spark().master());
    assertEquals(false, c.bigquery().enabled());
  }

  @Test
  void reportsEveryProblemAtOnceWithItsPath() {
    String bad = """
        warehouse: {}
        pipeline:
          window_minutes: 7
          settle_secnds: 3
        privacy:
          ipv4_keep_octets: 9
          fields: {client_ip: scramble}
        sources:
          - name: Web Logs
            provider: ibm
            uri: s3a://b
            format: nope
          - provider: aws
            format: combined
            path_template: "{yyyy}/{oops"
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parseYaml("bad.yaml", bad, Map.of(), Map.of()));
    List<String> p = e.problems();
    assertTrue(p.contains("warehouse.path: missing value"), p.toString());
    assertTrue(p.contains("pipeline.window_minutes: must divide a day evenly (1, 5, 10, 15, 30, 60 ...), found 7"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("pipeline.settle_secnds: unknown key")), p.toString());
    assertTrue(p.contains("privacy.ipv4_keep_octets: must be between 0 and 4, found 9"), p.toString());
    assertTrue(p.contains("privacy.fields.client_ip: must be one of keep, mask, hash, drop, found 'scramble'"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("sources[0].name: use lowercase letters")), p.toString());
    assertTrue(p.contains("sources[0].provider: must be one of aws, gcp, azure, oci, local, found 'ibm'"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("sources[0].format: ") && x.contains("nope")), p.toString());
    assertTrue(p.contains("sources[1].name: missing value"), p.toString());
    assertTrue(p.contains("sources[1].uri: missing value"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("sources[1].path_template: ")), p.toString());
    assertTrue(e.getMessage().startsWith("invalid configuration bad.yaml:"), e.getMessage());
  }

  @Test
  void duplicateSourceNamesAreRefused() {
    String yaml = MINIMAL + """
          - name: web
            provider: gcp
            uri: gs://b/x
            format: json
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parseYaml("t", yaml, Map.of(), Map.of()));
    assertEquals(List.of("sources[1].name: duplicate source name 'web'"), e.problems());
  }

  @Test
  void flagsBeatEnvironmentBeatsFile() {
    Map<String, String> env = Map.of("LOGYARD_WAREHOUSE_PATH", "/env/wh", "LOGYARD_PIPELINE_WINDOW_MINUTES", "15");
    LogyardConfig fromEnv = ConfigLoader.parseYaml("t", MINIMAL, Map.of(), env);
    assertEquals("/env/wh", fromEnv.warehouse().path());
    assertEquals(15, fromEnv.pipeline().windowMinutes());
    LogyardConfig fromFlag = ConfigLoader.parseYaml("t", MINIMAL, Map.of("warehouse.path", "/flag/wh"), env);
    assertEquals("/flag/wh", fromFlag.warehouse().path());
    assertEquals("s3a://other", ConfigLoader.parseYaml("t", MINIMAL, Map.of("sources[0].uri", "s3a://other"), Map.of())
        .sources().get(0).uri());
  }

  @Test
  void badOverrideValuesAreReportedLikeFileValues() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parseYaml("t", MINIMAL, Map.of("pipeline.top_endpoints", "many"), Map.of()));
    assertEquals(List.of("pipeline.top_endpoints: expected a whole number, found 'many'"), e.problems());
  }

  @Test
  void missingFileAndBrokenYamlSayWhere() {
    ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load("/no/such.yaml", Map.of(), Map.of()));
    assertEquals(List.of("cannot read: no such file"), missing.problems());
    ConfigException broken = assertThrows(ConfigException.class, () -> ConfigLoader.parseYaml("t", "sources: [", Map.of(), Map.of()));
    assertTrue(broken.problems().get(0).startsWith("not valid YAML"), broken.problems().toString());
  }
}
