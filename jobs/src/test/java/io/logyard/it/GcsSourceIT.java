package io.logyard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.ConfigLoader;
import io.logyard.generate.GenerationSummary;
import io.logyard.generate.GeneratorOptions;
import io.logyard.generate.LogGenerator;
import io.logyard.generate.LogKind;
import io.logyard.generate.Provider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Google Cloud Storage through Google's GCS connector against fake-gcs-server (a Go binary, `make tools`). */
class GcsSourceIT extends CloudSourceScenario {
  static final String BUCKET = "logyard-logs-gcp";
  private Emulator gcs;

  @Override
  protected Provider provider() {
    return Provider.GCP;
  }

  @Override
  protected void startStore() throws Exception {
    int port = Emulator.freePort();
    gcs = Emulator.start("fake-gcs-server", List.of(Emulator.tool("bin/fake-gcs-server").toString(),
        "-scheme", "http", "-host", "127.0.0.1", "-port", Integer.toString(port), "-backend", "memory",
        "-public-host", "127.0.0.1:" + port, "-external-url", "http://127.0.0.1:" + port, "-log-level", "warn"),
        port, dir.resolve("gcs"));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/storage/v1/b?project=logyard-demo"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + BUCKET + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) throw new IllegalStateException("creating bucket " + BUCKET + ": " + r.statusCode() + " " + r.body());
  }

  @Override
  protected void stopStore() {
    if (gcs != null) gcs.close();
  }

  @Override
  protected String bucketRoot() {
    return "gs://" + BUCKET + "/";
  }

  @Override
  protected boolean listsEtags() {
    return false;
  }

  @Override
  protected String sourcesYaml() {
    String common = """
          provider: gcp
          project_id: logyard-demo
          region: us-central1
          path_template: "{yyyy}/{mm}/{dd}/{node}-{*}"
          endpoint: http://127.0.0.1:%d
          credentials: {type: anonymous}
        """.formatted(gcs.port);
    String logging = common.replace("{yyyy}/{mm}/{dd}/{node}-{*}", "{yyyy}/{mm}/{dd}/{hh}:00:00_{*}_S{*}.json");
    return """
        - name: gcp-access
          uri: gs://%s/access
          format: combined
        %s- name: gcp-app
          uri: gs://%s/app
          format: json
        %s- name: gcp-requests
          uri: gs://%s/requests
          format: gcp-logging
        %s- name: gcp-audit
          uri: gs://%s/cloudaudit.googleapis.com/activity
          format: gcp-logging
        %s""".formatted(BUCKET, common, BUCKET, common, BUCKET, logging, BUCKET, logging);
  }

  /**
   * What a Cloud Logging sink exports to the bucket, as {@code generate --kinds gcp-logging} lays
   * it out: one shard per log and hour, named {@code <log>/yyyy/mm/dd/HH:00:00_HH:59:59_S0.json}
   * (a ':' in the name, a '/' in the audit log's id): every entry is accounted for.
   */
  @Test
  @Order(5)
  void cloudLoggingExportsUnderTheirNamesAreReadEntryByEntry() throws Exception {
    GenerationSummary exported = LogGenerator.generate(GeneratorOptions.defaults()
        .withProviders(List.of(Provider.GCP)).withKinds(List.of(LogKind.GCP_LOGGING))
        .withStart(today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(40 * 60)).withMinutes(4)
        .withLinesPerMinute(10).withNodesPerProvider(1).withMalformedRate(0.1).withSeed(21), dir.resolve("gen-exported"));
    String day = today.toString().replace('-', '/');
    assertEquals(List.of("gcp/" + BUCKET + "/requests/" + day + "/00:00:00_00:59:59_S0.json",
        "gcp/" + BUCKET + "/cloudaudit.googleapis.com/activity/" + day + "/00:00:00_00:59:59_S0.json"),
        exported.files().stream().map(GenerationSummary.FileSummary::relativePath).toList());
    assertTrue(exported.files().stream().mapToLong(GenerationSummary.FileSummary::malformedLines).sum() > 0, "some entries are malformed");
    upload(exported, Provider.GCP, bucketRoot(), ConfigLoader.load(conf().toString(), Map.of()).sources().get(0));

    String out = run();
    assertTrue(out.contains("lot-000004: 2 objects"), out);
    assertEveryRecordAccountedFor("lot-000004", exported, f -> f.node().equals("requests") ? "gcp-requests" : "gcp-audit");
  }
}
