package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each provider's connection and credentials become in Hadoop settings. */
class ConnectorsTest {
  private static Map<String, String> settings(String source, Map<String, String> env) {
    String yaml = "warehouse: {path: /tmp/wh}\nsources:\n" + source.stripIndent().lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    LogyardConfig c = ConfigLoader.parseYaml("t", yaml, Map.of(), env);
    return Connectors.hadoopSettings(c.sources().get(0));
  }

  @Test
  void s3SettingsArePerBucket() {
    Map<String, String> m = settings("""
        - name: a
          provider: aws
          uri: s3a://logs-a/x
          format: combined
          region: eu-west-1
          endpoint: http://127.0.0.1:9000
          path_style: true
          credentials: {type: keys, access_key_env: AK, secret_key_env: SK}
          hadoop: {fs.s3a.connection.maximum: "20"}
        """, Map.of("AK", "AKIAEXAMPLE", "SK", "secretvalue123"));
    assertEquals(Map.of(
        "fs.s3a.bucket.logs-a.endpoint", "http://127.0.0.1:9000",
        "fs.s3a.bucket.logs-a.connection.ssl.enabled", "false",
        "fs.s3a.bucket.logs-a.endpoint.region", "eu-west-1",
        "fs.s3a.bucket.logs-a.path.style.access", "true",
        "fs.s3a.bucket.logs-a.aws.credentials.provider", Connectors.S3A_SIMPLE,
        "fs.s3a.bucket.logs-a.access.key", "AKIAEXAMPLE",
        "fs.s3a.bucket.logs-a.secret.key", "secretvalue123",
        "fs.s3a.connection.maximum", "20"), m);
    Map<String, String> chain = settings("""
        - name: a
          provider: aws
          uri: s3a://logs-a/x
          format: combined
        """, Map.of());
    assertEquals(Map.of(), chain, "the SDK's default chain: nothing to set");
  }

  @Test
  void ociIsS3aOnTheDerivedEndpoint() {
    Map<String, String> m = settings("""
        - name: o
          provider: oci
          uri: s3a://oci-logs/x
          format: combined
          namespace: ns1
          region: eu-frankfurt-1
        """, Map.of());
    assertEquals("https://ns1.compat.objectstorage.eu-frankfurt-1.oraclecloud.com", m.get("fs.s3a.bucket.oci-logs.endpoint"));
    assertEquals("true", m.get("fs.s3a.bucket.oci-logs.path.style.access"));
    assertEquals("eu-frankfurt-1", m.get("fs.s3a.bucket.oci-logs.endpoint.region"));
  }

  @Test
  void azureAuthIsPerAccountAndDefaultsToManagedIdentity() {
    Map<String, String> mi = settings("""
        - name: z
          provider: azure
          uri: abfss://logs@acct.dfs.core.windows.net/x
          format: combined
        """, Map.of());
    assertEquals("OAuth", mi.get("fs.azure.account.auth.type.acct.dfs.core.windows.net"));
    assertEquals(Connectors.ABFS_OAUTH + "MsiTokenProvider", mi.get("fs.azure.account.oauth.provider.type.acct.dfs.core.windows.net"));
    Map<String, String> key = settings("""
        - name: z
          provider: azure
          uri: abfs://logs@devstoreaccount1.dfs.core.windows.net/x
          format: combined
          endpoint: http://127.0.0.1:10000
          credentials: {type: shared_key, account_key_env: KEY}
        """, Map.of("KEY", "a2V5a2V5a2V5"));
    assertEquals("127.0.0.1:10000", key.get("fs.azure.abfs.endpoint"));
    assertEquals("false", key.get("fs.azure.always.use.https"));
    assertEquals("SharedKey", key.get("fs.azure.account.auth.type.devstoreaccount1.dfs.core.windows.net"));
    assertEquals("a2V5a2V5a2V5", key.get("fs.azure.account.key.devstoreaccount1.dfs.core.windows.net"));
  }

  @Test
  void gcsEmulatorAndAnonymousAccess() {
    Map<String, String> m = settings("""
        - name: g
          provider: gcp
          uri: gs://b/x
          format: combined
          project_id: p1
          endpoint: http://127.0.0.1:4443
          credentials: {type: anonymous}
        """, Map.of());
    assertEquals("http://127.0.0.1:4443/", m.get("fs.gs.storage.root.url"));
    assertEquals("p1", m.get("fs.gs.project.id"));
    assertEquals("true", m.get("fs.gs.auth.null.enable"));
    assertEquals("false", m.get("fs.gs.auth.service.account.enable"));
    assertFalse(m.containsKey("fs.gs.auth.service.account.private.key"));
  }
}
