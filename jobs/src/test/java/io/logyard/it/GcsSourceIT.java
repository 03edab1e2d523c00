package io.logyard.it;

import io.logyard.generate.Provider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

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
    return """
        - name: gcp-access
          uri: gs://%s/access
          format: combined
        %s- name: gcp-app
          uri: gs://%s/app
          format: json
        %s""".formatted(BUCKET, common, BUCKET, common);
  }
}
