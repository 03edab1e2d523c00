package io.logyard.it;

import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import io.logyard.generate.GenerationSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four object stores on 127.0.0.1, each holding a provider's generated logs for today: S3
 * and OCI on two S3 servers that both hold a bucket named {@code logyard-logs} but take different
 * key pairs, GCS on fake-gcs-server, Azure on Azurite. {@link #config} writes a configuration
 * whose sources read them.
 */
final class FourStores implements AutoCloseable {
  final Path dir;
  private final List<CloudSourceScenario> stores =
      List.of(new S3SourceIT(), new OciSourceIT(), new GcsSourceIT(), new AzureSourceIT());
  /** Records generated per provider id. */
  final Map<String, Long> records = new LinkedHashMap<>();
  int objects;

  FourStores(Path dir) throws Exception {
    this.dir = dir;
    try {
      for (CloudSourceScenario s : stores) {
        s.dir = dir.resolve(s.provider().id());
        Files.createDirectories(s.dir);
        s.startStore();
      }
      Path all = config("upload", dir.resolve("upload-warehouse"), List.of("aws", "oci", "gcp", "azure"));
      LogyardConfig config = ConfigLoader.load(all.toString(), Map.of());
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      for (CloudSourceScenario s : stores) {
        GenerationSummary g = CloudSourceScenario.generate(s.provider(), s.dir.resolve("gen"),
            today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(300), 21);
        LogyardConfig.Source first = config.sources().stream()
            .filter(x -> x.provider().equals(s.provider().id())).findFirst().orElseThrow();
        CloudSourceScenario.upload(g, s.provider(), s.bucketRoot(), first);
        records.put(s.provider().id(), g.totalLines());
        objects += g.files().size();
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /**
   * A configuration file {@code <name>.yaml} reading the stores of {@code providers} into
   * {@code warehouse}; every configuration shares one pseudonymization key, so that runs of the
   * same input agree value for value.
   */
  Path config(String name, Path warehouse, List<String> providers) throws IOException {
    StringBuilder sources = new StringBuilder();
    for (CloudSourceScenario s : stores) {
      if (providers.contains(s.provider().id())) sources.append(s.sourcesYaml().stripIndent());
    }
    Path conf = dir.resolve(name + ".yaml");
    Files.writeString(conf, """
        warehouse:
          path: %s
        pipeline:
          settle_seconds: 0
        privacy:
          hmac_key_file: %s
          hmac_key_create: true
        sources:
        %s""".formatted(warehouse, dir.resolve("hmac.key"), sources.toString().indent(2)));
    return conf;
  }

  @Override
  public void close() throws Exception {
    List<Exception> failures = new ArrayList<>();
    for (CloudSourceScenario s : stores) {
      try {
        s.stopStore();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) throw failures.get(0);
  }
}
