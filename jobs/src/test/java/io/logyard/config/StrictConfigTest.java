package io.logyard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strictness wherever a value can come from: the file (duplicate keys, syntax errors with line
 * and column), {@code --set} and {@code LOGYARD_*} variables (unknown keys refused like in the file).
 */
class StrictConfigTest {
  private static final String MINIMAL = """
      warehouse:
        path: /tmp/wh
      pipeline:
        window_minutes: 5
      sources:
        - name: web
          provider: aws
          uri: s3a://bucket/logs
          format: combined
      """;

  @TempDir Path dir;

  private static List<String> problems(String yaml, Map<String, String> overrides, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parseYaml("t.yaml", yaml, overrides, env)).problems();
  }

  // --- item 5: --set and LOGYARD_* with an unknown key

  @Test
  void anUnknownSetKeyIsRefusedWithASuggestion() {
    assertEquals(List.of("pipeline.setle_seconds: unknown key (from --set; did you mean pipeline.settle_seconds?)"),
        problems(MINIMAL, Map.of("pipeline.setle_seconds", "300"), Map.of()));
    assertTrue(problems(MINIMAL, Map.of("sources[3].uri", "s3a://x/y"), Map.of()).get(0).startsWith("sources[3].uri: unknown key (from --set"));
    assertTrue(problems(MINIMAL, Map.of("nothing.like.this", "1"), Map.of()).get(0).startsWith("nothing.like.this: unknown key (from --set"));
  }

  @Test
  void anUnknownLogyardVariableIsRefusedWithASuggestion() {
    assertEquals(List.of("LOGYARD_PIPELINE_SETLE_SECONDS: unknown configuration variable (did you mean LOGYARD_PIPELINE_SETTLE_SECONDS, "
        + "for pipeline.settle_seconds?)"), problems(MINIMAL, Map.of(), Map.of("LOGYARD_PIPELINE_SETLE_SECONDS", "300")));
    assertTrue(problems(MINIMAL, Map.of(), Map.of("LOGYARD_SOURCES_1_URI", "s3a://x/y")).get(0)
        .startsWith("LOGYARD_SOURCES_1_URI: unknown configuration variable"));
  }

  @Test
  void knownKeysDeclaredNonConfigVariablesAndReferencedVariablesAreAccepted() {
    Map<String, String> env = Map.of(
        "LOGYARD_PIPELINE_SETTLE_SECONDS", "30",
        "LOGYARD_SOURCES_0_URI", "s3a://other/logs",
        "LOGYARD_HMAC_KEY", "0123456789abcdef0123",
        "LOGYARD_DEBUG", "1",
        "LOGYARD_CATCHUP", "false",
        "LOGYARD_INGEST_PARALLELISM", "2",
        "LOGYARD_TEST_ANYTHING", "x",
        "LOGYARD_S3_SECRET", "abcdefghijklmnop",
        "LOGYARD_S3_ACCESS", "AKIDEXAMPLE");
    String yaml = MINIMAL + "    credentials: {type: keys, access_key_env: LOGYARD_S3_ACCESS, secret_key_env: LOGYARD_S3_SECRET}\n";
    LogyardConfig c = ConfigLoader.parseYaml("t.yaml", yaml, Map.of("pipeline.window_minutes", "15"), env);
    assertEquals(30, c.pipeline().settleSeconds());
    assertEquals(15, c.pipeline().windowMinutes());
    assertEquals("s3a://other/logs", c.sources().get(0).uri());
  }

  @Test
  void mapEntriesCanBeSetFromTheCommandLine() {
    LogyardConfig c = ConfigLoader.parseYaml("t.yaml", MINIMAL,
        Map.of("spark.conf.spark.sql.shuffle.partitions", "8", "privacy.fields.client_ip", "drop"), Map.of());
    assertEquals("8", c.spark().conf().get("spark.sql.shuffle.partitions"));
    assertEquals("drop", c.privacy().fields().get("client_ip"));
    List<String> p = problems(MINIMAL, Map.of("spark.conf.spark.hadoop.fs.s3a.secret.key", "Hunter2SetSecret"), Map.of());
    assertTrue(p.get(0).startsWith("spark.conf.spark.hadoop.fs.s3a.secret.key: a secret must not be written"), p.toString());
    assertFalse(p.toString().contains("Hunter2SetSecret"));
  }

  /** The launchers, the DAGs, the notebooks' helpers, the code and the docs name no variable the jobs would refuse. */
  @Test
  void everyLogyardVariableTheRepositoryNamesIsAKeyOrDeclared() throws IOException {
    Path root = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    List<Path> files = new java.util.ArrayList<>();
    for (String f : List.of("bin/logyard", "Makefile", "README.md", "conf/README.md", "jobs/README.md", "dags/README.md", "notebooks/README.md")) files.add(root.resolve(f));
    for (String d : List.of("dags/logyard_dags", "notebooks/logyard_notebooks", "jobs/src/main/java")) {
      try (var walk = Files.walk(root.resolve(d))) {
        walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".java")).forEach(files::add);
      }
    }
    try (var dags = Files.list(root.resolve("dags"))) {
      dags.filter(p -> p.toString().endsWith(".py")).forEach(files::add);
    }
    var name = java.util.regex.Pattern.compile("LOGYARD_[A-Z0-9_]*[A-Z0-9](?![A-Za-z0-9_*<])");
    Map<String, String> env = new java.util.TreeMap<>();
    for (Path f : files) {
      var m = name.matcher(Files.readString(f));
      while (m.find()) env.put(m.group(), "1");
    }
    for (String expected : List.of("LOGYARD_START_DATE", "LOGYARD_JAVA_OPTS", "LOGYARD_DEBUG", "LOGYARD_CATCHUP", "LOGYARD_WAREHOUSE_PATH")) {
      assertTrue(env.containsKey(expected), expected + " not found in " + env.keySet());
    }
    List<String> unknown;
    try {
      ConfigLoader.parseYaml("t.yaml", MINIMAL, Map.of(), env);
      unknown = List.of();
    } catch (ConfigException e) {
      unknown = e.problems().stream().filter(p -> p.contains("unknown configuration variable")).toList();
    }
    assertEquals(List.of(), unknown, "declare them in ConfigEnvironment.NON_CONFIG_VARIABLES, or rename them");
  }

  // --- item 6: duplicate keys

  @Test
  void duplicateKeysAreRefusedWithBothLines() {
    String yaml = """
        warehouse:
          path: /tmp/wh
        pipeline:
          window_minutes: 7
          window_minutes: 5
        sources:
          - name: web
            provider: aws
            uri: s3a://bucket/logs
            format: combined
            uri: s3a://bucket/other
        warehouse:
          path: /tmp/two
        """;
    List<String> p = problems(yaml, Map.of(), Map.of());
    assertTrue(p.contains("pipeline.window_minutes: duplicate key (lines 4 and 5)"), p.toString());
    assertTrue(p.contains("sources[0].uri: duplicate key (lines 9 and 11)"), p.toString());
    assertTrue(p.contains("warehouse: duplicate key (lines 1 and 12)"), p.toString());
  }

  @Test
  void duplicateKeysInFlowMappingsAndNestedMapsToo() {
    List<String> p = problems("""
        warehouse: {path: /a, path: /b}
        spark:
          conf:
            spark.sql.shuffle.partitions: 4
            spark.sql.shuffle.partitions: 8
        sources: [{name: a, provider: local, uri: /tmp/a, format: combined}]
        """, Map.of(), Map.of());
    assertEquals(List.of("warehouse.path: duplicate key (lines 1 and 1)",
        "spark.conf.spark.sql.shuffle.partitions: duplicate key (lines 4 and 5)"), p);
  }

  @Test
  void mergeKeysAreNotDuplicates() {
    LogyardConfig c = ConfigLoader.parseYaml("t.yaml", """
        warehouse: {path: /tmp/wh}
        sources:
          - &web {name: web, provider: aws, uri: s3a://b/web, format: combined, region: eu-west-1}
          - <<: *web
            name: web2
            uri: s3a://b/web2
        """, Map.of(), Map.of());
    LogyardConfig.Source second = c.sources().get(1);
    assertEquals(List.of("web2", "s3a://b/web2", "aws", "combined", "eu-west-1"),
        List.of(second.name(), second.uri(), second.provider(), second.format(), second.region()));
    List<String> p = problems("""
        warehouse: {path: /tmp/wh}
        sources:
          - &web {name: web, provider: aws, uri: s3a://b/web, format: combined, regoin: x}
          - <<: *web
            name: web2
        """, Map.of(), Map.of());
    assertTrue(p.contains("sources[1].regoin: unknown key at line 3 (did you mean region? expected one of "
        + String.join(", ", ConfigKeys.children("sources[]")) + ")"), p.toString());
  }

  @Test
  void valuesKeepTheTextAsWritten() {
    LogyardConfig c = ConfigLoader.parseYaml("t.yaml", """
        warehouse: {path: /tmp/wh}
        pipeline: {settle_seconds: 30, emergency_levels: [CRITICAL, yes]}
        sources: [{name: a, provider: aws, uri: s3a://b/a, format: combined, project_id: 012345678901, region: no}]
        """, Map.of(), Map.of());
    assertEquals("012345678901", c.sources().get(0).projectId());
    assertEquals("no", c.sources().get(0).region());
    assertEquals(List.of("CRITICAL", "YES"), c.pipeline().emergencyLevels());
    assertEquals(30, c.pipeline().settleSeconds());
  }

  // --- item 7: syntax errors

  @Test
  void syntaxErrorsGiveFileLineColumnAndWhatWasExpected() throws IOException {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, """
        warehouse:
          path: /tmp/wh
        sources: [
          {name: a, provider: local
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(broken.toString(), Map.of(), Map.of()));
    assertTrue(e.getMessage().startsWith("invalid configuration " + broken + ":"), e.getMessage());
    String p = e.problems().get(0);
    assertTrue(p.matches("not valid YAML at line 5, column 1: expected ',' or '}', but got .*"), p);
    assertTrue(p.contains("while parsing a flow mapping started at line 4, column 3"), p);
  }

  @Test
  void syntaxErrorsNeverQuoteAValue() {
    for (String yaml : List.of(
        "warehouse: {path: /tmp/wh}\nsources:\n  - token: *Hunter2AliasPLANT\n",
        "warehouse:\n  password: \"Hunter2QuotePLANT\n",
        "warehouse:\n  path: /a\n  secret: Hunter2IndentPLANT\n    bad: x\n",
        "warehouse:\n  api_key: Hunter2Colon: PLANT: x\n")) {
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parseYaml("t.yaml", yaml, Map.of(), Map.of()));
      assertTrue(e.problems().get(0).matches("not valid YAML at line \\d+, column \\d+: .*"), e.problems().toString());
      assertFalse(e.getMessage().contains("Hunter2"), e.getMessage());
    }
  }

  @Test
  void oneDocumentWithAMappingAtTheTop() {
    assertEquals(List.of("not valid YAML at line 2, column 1: a second document; a configuration is one document"),
        problems("warehouse: {path: /a}\n---\nsources: []\n", Map.of(), Map.of()));
    assertEquals("(top level): expected a mapping, found a list", problems("- a\n- b\n", Map.of(), Map.of()).get(0));
  }

  @Test
  void unknownKeysInTheFileSayTheLineAndSuggest() {
    List<String> p = problems(MINIMAL.replace("window_minutes: 5", "window_minutes: 5\n  setle_seconds: 3"), Map.of(), Map.of());
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("pipeline.setle_seconds: unknown key at line 5 (did you mean settle_seconds?"), p.toString());
  }
}
