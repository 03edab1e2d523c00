package io.logyard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example in conf/ loads through the strict loader, with the environment variables it references faked. */
class ConfExamplesTest {
  private static final Path CONF = Path.of("..", "conf");
  private static final Pattern ENV_REF = Pattern.compile("(?m)^\\s*(\\w+)_env:\\s*(\\w+)\\s*$");
  private static final String FAKE_SERVICE_ACCOUNT = """
      {"type": "service_account", "client_email": "logyard@example.iam.gserviceaccount.com",
       "private_key_id": "0123456789abcdef", "private_key": "-----BEGIN PRIVATE KEY-----\\nfake\\n-----END PRIVATE KEY-----\\n"}""";

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(CONF)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyExampleLoads() throws IOException {
    List<Path> files = examples();
    assertTrue(files.stream().map(f -> f.getFileName().toString()).toList()
        .containsAll(List.of("local.yaml", "aws.yaml", "gcp.yaml", "azure.yaml", "oci.yaml", "multicloud.yaml")), files.toString());
    for (Path f : files) {
      Map<String, String> env = new HashMap<>();
      Matcher m = ENV_REF.matcher(Files.readString(f));
      while (m.find()) env.put(m.group(2), m.group(1).equals("key") ? FAKE_SERVICE_ACCOUNT : "fake-" + m.group(2).toLowerCase());
      LogyardConfig c = ConfigLoader.load(f.toString(), Map.of(), env);
      assertFalse(c.sources().isEmpty(), f.toString());
    }
  }

  @Test
  void multicloudHasEveryProvider() {
    Map<String, String> env = new HashMap<>();
    for (String v : List.of("LOGS_AZURE_CLIENT_SECRET", "OCI_S3_ACCESS_KEY", "OCI_S3_SECRET_KEY")) env.put(v, "fake-value");
    env.put("LOGS_GCP_SA_KEY_JSON", FAKE_SERVICE_ACCOUNT);
    LogyardConfig c = ConfigLoader.load(CONF.resolve("multicloud.yaml").toString(), Map.of(), env);
    assertEquals(Set.of("aws", "gcp", "azure", "oci"), Set.copyOf(c.sources().stream().map(LogyardConfig.Source::provider).toList()));
  }

  @Test
  void aMissingSecretVariableIsAProblemWithItsPath() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> ConfigLoader.load(CONF.resolve("oci.yaml").toString(), Map.of(), Map.of()));
    assertTrue(e.problems().contains("sources[0].credentials.access_key_env: environment variable OCI_S3_ACCESS_KEY is not set"),
        e.problems().toString());
  }
}
