package io.logyard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-source keys: provider settings, credentials references, literal secrets refused. */
class SourceConfigTest {
  @TempDir Path dir;

  private static String config(String source) {
    return "warehouse:\n  path: /tmp/wh\nsources:\n" + source.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }

  private static LogyardConfig load(String source, Map<String, String> env) {
    return ConfigLoader.parseYaml("t.yaml", config(source), Map.of(), env);
  }

  private static List<String> problems(String source, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> load(source, env)).problems();
  }

  @Test
  void awsKeysComeFromTheEnvironmentAndAreNeverPrinted() {
    LogyardConfig.Source s = load("""
        - name: web
          provider: aws
          uri: s3a://logs/web
          format: combined
          region: eu-west-1
          endpoint: http://127.0.0.1:9000
          path_style: true
          credentials:
            type: keys
            access_key_env: TEST_AK
            secret_key_env: TEST_SK
        """, Map.of("TEST_AK", "AKIAEXAMPLEKEY", "TEST_SK", "wJalrXUtnFEMIEXAMPLESECRET")).sources().get(0);
    assertEquals("http://127.0.0.1:9000", s.connection().endpoint());
    assertTrue(s.connection().pathStyle());
    assertEquals("keys", s.credentials().type());
    assertEquals("wJalrXUtnFEMIEXAMPLESECRET", s.credentials().secret("secret_key").value());
    assertFalse(s.toString().contains("wJalrXUtnFEMIEXAMPLESECRET"), s.toString());
    assertEquals("failed with key ****", Masking.mask("failed with key wJalrXUtnFEMIEXAMPLESECRET"));
    assertEquals(2, s.lookbackDays());
  }

  @Test
  void ociEndpointIsDerivedFromNamespaceAndRegionAndUsesPathStyle() {
    LogyardConfig.Source s = load("""
        - name: oci
          provider: oci
          uri: s3a://logs/x
          format: combined
          namespace: axaxnpcrorw5
          region: eu-frankfurt-1
          discovery_lookback_days: 3
        """, Map.of()).sources().get(0);
    assertEquals("https://axaxnpcrorw5.compat.objectstorage.eu-frankfurt-1.oraclecloud.com", s.connection().endpoint());
    assertTrue(s.connection().pathStyle());
    assertEquals(3, s.lookbackDays());
    LogyardConfig.Source overridden = load("""
        - name: oci
          provider: oci
          uri: s3a://logs/x
          format: combined
          namespace: ns
          region: eu-frankfurt-1
          endpoint: http://127.0.0.1:8080
        """, Map.of()).sources().get(0);
    assertEquals("http://127.0.0.1:8080", overridden.connection().endpoint());
    assertEquals(List.of("sources[0].namespace: missing value (the tenancy's Object Storage namespace)",
        "sources[0].region: missing value (e.g. eu-frankfurt-1)"), problems("""
        - name: oci
          provider: oci
          uri: s3a://logs/x
          format: combined
        """, Map.of()));
  }

  @Test
  void literalSecretsAreRefusedWithTheirPathAndNotEchoed() {
    List<String> p = problems("""
        - name: web
          provider: aws
          uri: s3a://logs/web
          format: combined
          credentials:
            type: keys
            access_key_env: AK
            secret_key: wJalrXUtnFEMIliteral
          hadoop:
            fs.s3a.secret.key: wJalrXUtnFEMIliteral2
            fs.s3a.aws.credentials.provider: org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider
        - name: blob
          provider: azure
          uri: abfs://logs@acct.dfs.core.windows.net/x
          format: json
          hadoop:
            fs.azure.account.key.acct.dfs.core.windows.net: c2VjcmV0a2V5
            fs.azure.sas.token.provider.type.acct.dfs.core.windows.net: org.example.Provider
        """, Map.of("AK", "AKIAEXAMPLE"));
    assertTrue(p.stream().anyMatch(x -> x.startsWith("sources[0].credentials.secret_key: a secret must not be written")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("sources[0].hadoop.fs.s3a.secret.key: a secret must not be written")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("sources[1].hadoop.fs.azure.account.key.acct.dfs.core.windows.net: a secret")), p.toString());
    assertFalse(p.stream().anyMatch(x -> x.contains("aws.credentials.provider") || x.contains("sas.token.provider")), p.toString());
    assertFalse(String.join("\n", p).contains("wJalrXUtnFEMIliteral"), p.toString());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parseYaml("t", """
        warehouse: {path: /tmp/wh}
        spark:
          conf: {spark.hadoop.fs.s3a.secret.key: abcdefghij}
        sources: [{name: a, provider: local, uri: /tmp/a, format: combined}]
        """, Map.of(), Map.of()));
    assertEquals(List.of("spark.conf.spark.hadoop.fs.s3a.secret.key: a secret must not be written in the configuration: "
        + "give it through the source's credentials (a reference to an environment variable or a file)"), e.problems());
  }

  @Test
  void secretFilesMustBeReadableByTheirOwnerOnly() throws IOException {
    Path key = dir.resolve("account.key");
    Files.writeString(key, "c2VjcmV0a2V5dmFsdWU=\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    String source = """
        - name: blob
          provider: azure
          uri: abfs://logs@acct.dfs.core.windows.net/x
          format: json
          credentials:
            type: shared_key
            account_key_file: %s
        """.formatted(key);
    assertEquals(List.of("sources[0].credentials.account_key_file: " + key
        + " is readable by group or others: make it readable by its owner only (chmod 600 " + key + ")"), problems(source, Map.of()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    LogyardConfig.Source s = load(source, Map.of()).sources().get(0);
    assertEquals("c2VjcmV0a2V5dmFsdWU=", s.credentials().secret("account_key").value());
    assertEquals("secret(file " + key + ")", s.credentials().secret("account_key").toString());
  }

  @Test
  void providerKeysAndCredentialTypesAreCheckedPerProvider() {
    List<String> p = problems("""
        - name: g
          provider: gcp
          uri: s3a://wrong/x
          format: combined
          namespace: ns
          path_style: true
          credentials:
            type: keys
        - name: a
          provider: aws
          uri: s3a:///nobucket
          format: combined
          credentials:
            type: keys
            access_key_env: NOT_SET
        - name: z
          provider: azure
          uri: abfs://acct.dfs.core.windows.net/x
          format: combined
        """, Map.of());
    assertTrue(p.contains("sources[0].uri: provider gcp reads gs URIs (or a local path), found s3a://"), p.toString());
    assertTrue(p.contains("sources[0].namespace: only for provider oci, not gcp"), p.toString());
    assertTrue(p.contains("sources[0].path_style: only for provider aws, not gcp"), p.toString());
    assertTrue(p.contains("sources[0].credentials.type: for provider gcp one of anonymous, default, service_account, found 'keys'"), p.toString());
    assertTrue(p.contains("sources[1].uri: bucket name missing"), p.toString());
    assertTrue(p.contains("sources[1].credentials.access_key_env: environment variable NOT_SET is not set"), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("sources[1].credentials.secret_key_env: missing value")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("sources[2].uri: container or account missing")), p.toString());
  }

  @Test
  void absentCredentialsMeanTheConnectorsDefaultChain() {
    LogyardConfig.Source s = load("""
        - name: g
          provider: gcp
          uri: gs://bucket/logs
          format: combined
          project_id: my-project
        """, Map.of()).sources().get(0);
    assertEquals("default", s.credentials().type());
    assertNull(s.connection().endpoint());
  }

  @Test
  void maskingHidesSecretNamedValuesButKeepsOrdinaryText() {
    assertEquals("fs.s3a.secret.key=**** fs.s3a.endpoint=http://x", Masking.mask("fs.s3a.secret.key=abc123xyz fs.s3a.endpoint=http://x"));
    assertEquals("https://a.blob.core.windows.net/c?sv=2024&sig=****", Masking.mask("https://a.blob.core.windows.net/c?sv=2024&sig=AbC%2Bdef"));
    assertEquals("{\"private_key\": \"****\"}", Masking.mask("{\"private_key\": \"-----BEGIN\"}"));
    assertEquals("Authorization: Bearer ****", Masking.mask("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30"));
    assertEquals("sources[0].credentials.secret_key: a secret must not be written", Masking.mask("sources[0].credentials.secret_key: a secret must not be written"));
    assertTrue(Masking.isSecretName("fs.azure.account.oauth2.client.secret.acct.dfs.core.windows.net"));
    assertFalse(Masking.isSecretName("fs.azure.account.oauth.provider.type.acct.dfs.core.windows.net"));
    assertFalse(Masking.isSecretName("token_file"));
    assertFalse(Masking.isSecretName("fs.s3a.aws.credentials.provider"));
  }
}
