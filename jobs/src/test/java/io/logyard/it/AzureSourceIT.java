package io.logyard.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import io.logyard.generate.Provider;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import io.logyard.source.Connectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Azure Blob Storage through ABFS (hadoop-azure) against Azurite (npm, `make tools`), with a
 * shared key read from an owner-only file. Azurite has no DFS endpoint: the source's hadoop
 * settings point ABFS at the Blob endpoint, as for a storage account without hierarchical namespace.
 */
class AzureSourceIT extends CloudSourceScenario {
  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  static final String ACCOUNT = "devstoreaccount1";
  static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  static final String CONTAINER = "logyard";
  private Emulator azurite;
  private String monitorYaml;

  @Override
  protected Provider provider() {
    return Provider.AZURE;
  }

  @Override
  protected void startStore() throws Exception {
    int port = Emulator.freePort();
    azurite = Emulator.start("azurite", List.of(Emulator.tool("node_modules/.bin/azurite-blob").toString(),
        "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port), "--skipApiVersionCheck", "--loose",
        "--inMemoryPersistence"), port, dir.resolve("azurite"));
  }

  @Override
  protected void stopStore() {
    if (azurite != null) azurite.close();
  }

  /**
   * Azure Monitor resource logs as diagnostic settings archive them: one append blob per resource
   * and hour, one JSON record per line. The day is fixed (2026-11-20), so this source lists
   * everything below its uri instead of the last days' date prefixes.
   */
  static final String MONITOR_ROOT = "insights-logs-appservicehttplogs";
  static final String MONITOR_BLOB = MONITOR_ROOT + "/resourceId=/SUBSCRIPTIONS/"
      + "6F1C2B3A-0000-4E5D-9C8B-7A6F5E4D3C2B/RESOURCEGROUPS/LOGYARD-DEMO/PROVIDERS/MICROSOFT.WEB/"
      + "SITES/LOGYARD-WEB/y=2026/m=11/d=20/h=10/m=00/PT1H.json";

  private static String monitorSource(String azure) {
    return """
        - name: azure-monitor-http
          uri: %s%s
          format: azure-monitor
          full_listing: true
          path_template: "resourceId=/SUBSCRIPTIONS/{*}/RESOURCEGROUPS/{*}/PROVIDERS/{*}/{*}/{node}/y={yyyy}/m={mm}/d={dd}/h={hh}/m={*}/PT1H.json"
        %s""".formatted("abfs://" + CONTAINER + "@" + ACCOUNT + ".dfs.core.windows.net/", MONITOR_ROOT, azure);
  }

  /** Line {@code i} of the hour's blob: an App Service HTTP log record; every fifth is cut short. */
  static String monitorLine(int i) {
    String record = ("{\"time\": \"2026-11-20T10:%02d:%02d.1234567Z\", \"resourceId\": \"/SUBSCRIPTIONS/"
        + "6F1C2B3A-0000-4E5D-9C8B-7A6F5E4D3C2B/RESOURCEGROUPS/LOGYARD-DEMO/PROVIDERS/MICROSOFT.WEB/SITES/"
        + "LOGYARD-WEB\", \"category\": \"AppServiceHTTPLogs\", \"operationName\": \"Microsoft.Web/sites/log\", "
        + "\"level\": \"Informational\", \"callerIpAddress\": \"203.0.113.%d:%d\", \"properties\": "
        + "{\"CsMethod\": \"GET\", \"CsUriStem\": \"/api/v1/orders/%d\", \"ScStatus\": %d, \"TimeTaken\": %d}}")
        .formatted(i / 6, (i * 7) % 60, 10 + i, 40000 + i, 1000 + i, i % 7 == 3 ? 500 : 200, 5 + i);
    return i % 5 == 4 ? record.substring(0, 60) : record;
  }

  static String monitorBlob(int lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append(monitorLine(i)).append('\n');
    }
    return sb.toString();
  }

  /** Writes the hour's blob whole, as its append blob reads after {@code lines} appends. */
  private void writeMonitorBlob(int lines) throws IOException {
    LogyardConfig.Source source = ConfigLoader.load(conf().toString(), Map.of()).sources().get(0);
    Configuration c = Connectors.configuration(new Configuration(), Connectors.hadoopSettings(source));
    try (FileSystem fs = Connectors.open(URI.create(bucketRoot()), c);
        var out = fs.create(new org.apache.hadoop.fs.Path(bucketRoot() + MONITOR_BLOB), true)) {
      out.write(monitorBlob(lines).getBytes(StandardCharsets.UTF_8));
    }
  }

  private Map<String, Long> monitorCounts(String warehouse) {
    Map<String, Long> m = new java.util.TreeMap<>();
    for (String t : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE)) {
      Dataset<Row> rows = spark.read().format("delta").load(new Tables(warehouse).path(t))
          .filter(col("source_uri").endsWith("PT1H.json"));
      m.put(t, rows.count());
      if (t.equals(TableSchemas.LOG_RESULTS)) {
        m.put("distinct event_id", rows.select("event_id").distinct().count());
        m.put("distinct timestamp", rows.select("timestamp").distinct().count());
      }
    }
    return m;
  }

  @Test
  @Order(10)
  void aGrowingAzureMonitorBlobIsReadAgainWithoutDuplicates() throws IOException {
    writeMonitorBlob(7);
    String first = run();
    assertTrue(first.contains("1 objects") || first.contains("1 object"), first);
    Map<String, Long> afterFirst = monitorCounts(dir.resolve("warehouse").toString());
    // 7 lines: line 4 is cut short
    assertEquals(Map.of(TableSchemas.LOG_RESULTS, 6L, TableSchemas.QUARANTINE, 1L, "distinct event_id", 6L,
        "distinct timestamp", 6L), afterFirst);

    // the append blob grows: the same first 7 lines, then 9 more
    writeMonitorBlob(16);
    run();
    Map<String, Long> grown = monitorCounts(dir.resolve("warehouse").toString());
    assertEquals(Map.of(TableSchemas.LOG_RESULTS, 13L, TableSchemas.QUARANTINE, 3L, "distinct event_id", 13L,
        "distinct timestamp", 13L), grown, "every record of the final blob exactly once");

    // one clean run over the final blob, into another warehouse, gives the same rows
    Path clean = dir.resolve("clean.yaml");
    String header = Files.readString(conf());
    header = header.substring(0, header.indexOf("sources:\n") + "sources:\n".length());
    Files.writeString(clean, header.replace(dir.resolve("warehouse").toString(), dir.resolve("warehouse-clean").toString())
        + monitorYaml.stripIndent().indent(2));
    cli(0, "run", "--conf", clean.toString());
    assertEquals(grown, monitorCounts(dir.resolve("warehouse-clean").toString()));
    List<String> ids = ids(dir.resolve("warehouse").toString());
    assertEquals(ids, ids(dir.resolve("warehouse-clean").toString()), "the same event ids");
  }

  private List<String> ids(String warehouse) {
    return spark.read().format("delta").load(new Tables(warehouse).path(TableSchemas.LOG_RESULTS))
        .filter(col("source_uri").endsWith("PT1H.json")).select("event_id").orderBy("event_id")
        .as(Encoders.STRING()).collectAsList();
  }

  @Override
  protected String bucketRoot() {
    return "abfs://" + CONTAINER + "@" + ACCOUNT + ".dfs.core.windows.net/";
  }

  @Override
  protected boolean listsEtags() {
    return true;
  }

  @Override
  protected String sourcesYaml() {
    try {
      String azure = """
            provider: azure
            project_id: logyarddemo
            region: westeurope
            endpoint: http://127.0.0.1:%d
            credentials: {type: shared_key, account_key_file: %s}
            hadoop:
              fs.azure.account.hns.enabled: "false"
              fs.azure.fns.account.service.type: BLOB
              fs.azure.ingress.service.type: BLOB
              fs.azure.networking.library: JDK_HTTP_URL_CONNECTION
              fs.azure.createRemoteFileSystemDuringInitialization: "true"
          """.formatted(azurite.port, secretFile("azurite.key", KEY));
      String common = azure + "  path_template: \"y={yyyy}/m={mm}/d={dd}/{node}-{*}\"\n";
      return """
          - name: azure-access
            uri: %saccess
            format: combined
          %s- name: azure-app
            uri: %sapp
            format: json
          %s""".formatted(bucketRoot(), common, bucketRoot(), common) + (monitorYaml = monitorSource(azure));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
