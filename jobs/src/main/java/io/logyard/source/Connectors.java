package io.logyard.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logyard.config.LogyardConfig;
import io.logyard.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * A source's Hadoop settings: what its connection and credentials mean to its connector
 * (s3a, gs, abfs, wasb), then the source's own {@code hadoop} settings over them. S3 and Azure
 * settings are per bucket or per account ({@code fs.s3a.bucket.BUCKET.*},
 * {@code fs.azure.account.*.ACCOUNT}), so that sources on different endpoints or accounts never
 * see each other's; and every source's filesystem is a fresh instance built from its own
 * settings ({@link #open}), never one from Hadoop's cache made with another's.
 */
public final class Connectors {
  static final String S3A_SIMPLE = "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider";
  static final String S3A_TEMPORARY = "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider";
  static final String S3A_ANONYMOUS = "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider";
  static final String S3A_ASSUMED_ROLE = "org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider";
  static final String GCS_FS = "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem";
  static final String GCS_AFS = "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS";
  static final String ABFS_OAUTH = "org.apache.hadoop.fs.azurebfs.oauth2.";

  private Connectors() {}

  /** The Hadoop settings of {@code source}'s filesystem (secret values included: never print them). */
  public static Map<String, String> hadoopSettings(LogyardConfig.Source source) {
    Map<String, String> out = new LinkedHashMap<>();
    URI uri = new org.apache.hadoop.fs.Path(Locations.qualify(source.uri())).toUri();
    String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
    LogyardConfig.Connection conn = source.connection() == null ? LogyardConfig.Connection.NONE : source.connection();
    LogyardConfig.Credentials cred = source.credentials() == null ? LogyardConfig.Credentials.DEFAULT : source.credentials();
    switch (scheme) {
      case "s3a" -> s3a(out, uri.getHost() == null ? uri.getAuthority() : uri.getHost(), source.region(), conn, cred);
      case "gs" -> gcs(out, source.projectId(), conn, cred);
      case "abfs", "abfss" -> abfs(out, uri.getAuthority().substring(uri.getAuthority().indexOf('@') + 1), conn, cred);
      case "wasb", "wasbs" -> wasb(out, uri.getAuthority().substring(uri.getAuthority().indexOf('@') + 1), conn, cred);
      default -> { }
    }
    out.putAll(source.hadoop());
    return out;
  }

  private static void s3a(Map<String, String> out, String bucket, String region, LogyardConfig.Connection conn,
      LogyardConfig.Credentials cred) {
    String b = "fs.s3a.bucket." + bucket + ".";
    if (conn.endpoint() != null) {
      out.put(b + "endpoint", conn.endpoint());
      out.put(b + "connection.ssl.enabled", Boolean.toString(conn.endpoint().startsWith("https:")));
    }
    if (region != null) out.put(b + "endpoint.region", region);
    if (conn.pathStyle()) out.put(b + "path.style.access", "true");
    switch (cred.type()) {
      case "keys" -> {
        Secret token = cred.secret("session_token");
        out.put(b + "aws.credentials.provider", token == null ? S3A_SIMPLE : S3A_TEMPORARY);
        out.put(b + "access.key", cred.secret("access_key").value());
        out.put(b + "secret.key", cred.secret("secret_key").value());
        if (token != null) out.put(b + "session.token", token.value());
      }
      case "anonymous" -> out.put(b + "aws.credentials.provider", S3A_ANONYMOUS);
      case "assume_role" -> {
        out.put(b + "aws.credentials.provider", S3A_ASSUMED_ROLE);
        out.put(b + "assumed.role.arn", cred.setting("role_arn"));
        if (cred.setting("external_id") != null) out.put(b + "assumed.role.external.id", cred.setting("external_id"));
        if (cred.setting("session_name") != null) out.put(b + "assumed.role.session.name", cred.setting("session_name"));
        if (region != null) out.put(b + "assumed.role.sts.endpoint.region", region);
      }
      default -> { } // the SDK's chain: environment, profile, web identity, container and instance roles
    }
  }

  private static void gcs(Map<String, String> out, String projectId, LogyardConfig.Connection conn,
      LogyardConfig.Credentials cred) {
    out.put("fs.gs.impl", GCS_FS);
    out.put("fs.AbstractFileSystem.gs.impl", GCS_AFS);
    if (projectId != null) out.put("fs.gs.project.id", projectId);
    if (conn.endpoint() != null) {
      out.put("fs.gs.storage.root.url", conn.endpoint() + "/");
      out.put("fs.gs.storage.service.path", "storage/v1/");
    }
    switch (cred.type()) {
      case "anonymous" -> {
        out.put("fs.gs.auth.service.account.enable", "false");
        out.put("fs.gs.auth.null.enable", "true");
      }
      case "service_account" -> {
        // the key's fields, not its path: executors on other machines have no such file
        JsonNode key = json(cred.secret("key"));
        out.put("fs.gs.auth.service.account.enable", "true");
        out.put("fs.gs.auth.service.account.email", key.get("client_email").asText());
        out.put("fs.gs.auth.service.account.private.key.id", key.get("private_key_id").asText());
        out.put("fs.gs.auth.service.account.private.key", key.get("private_key").asText());
      }
      default -> { } // application default credentials: GOOGLE_APPLICATION_CREDENTIALS, workload identity, metadata server
    }
  }

  private static void abfs(Map<String, String> out, String account, LogyardConfig.Connection conn,
      LogyardConfig.Credentials cred) {
    if (conn.endpoint() != null) {
      URI e = URI.create(conn.endpoint());
      out.put("fs.azure.abfs.endpoint", e.getAuthority());
      if (e.getScheme().equals("http")) out.put("fs.azure.always.use.https", "false");
    }
    String a = "." + account;
    switch (cred.type()) {
      case "shared_key" -> {
        out.put("fs.azure.account.auth.type" + a, "SharedKey");
        out.put("fs.azure.account.key" + a, cred.secret("account_key").value());
      }
      case "sas" -> {
        out.put("fs.azure.account.auth.type" + a, "SAS");
        out.put("fs.azure.sas.token.provider.type" + a, "org.apache.hadoop.fs.azurebfs.services.FixedSASTokenProvider");
        out.put("fs.azure.sas.fixed.token" + a, cred.secret("sas_token").value());
      }
      case "client_secret" -> {
        out.put("fs.azure.account.auth.type" + a, "OAuth");
        out.put("fs.azure.account.oauth.provider.type" + a, ABFS_OAUTH + "ClientCredsTokenProvider");
        out.put("fs.azure.account.oauth2.client.endpoint" + a,
            "https://login.microsoftonline.com/" + cred.setting("tenant_id") + "/oauth2/token");
        out.put("fs.azure.account.oauth2.client.id" + a, cred.setting("client_id"));
        out.put("fs.azure.account.oauth2.client.secret" + a, cred.secret("client_secret").value());
      }
      case "workload_identity" -> {
        out.put("fs.azure.account.auth.type" + a, "OAuth");
        out.put("fs.azure.account.oauth.provider.type" + a, ABFS_OAUTH + "WorkloadIdentityTokenProvider");
        out.put("fs.azure.account.oauth2.msi.tenant" + a, cred.setting("tenant_id"));
        out.put("fs.azure.account.oauth2.client.id" + a, cred.setting("client_id"));
        if (cred.setting("token_file") != null) out.put("fs.azure.account.oauth2.token.file" + a, cred.setting("token_file"));
      }
      default -> { // managed identity: the VM's, the scale set's or the pod's
        out.put("fs.azure.account.auth.type" + a, "OAuth");
        out.put("fs.azure.account.oauth.provider.type" + a, ABFS_OAUTH + "MsiTokenProvider");
        if (cred.setting("tenant_id") != null) out.put("fs.azure.account.oauth2.msi.tenant" + a, cred.setting("tenant_id"));
        if (cred.setting("client_id") != null) out.put("fs.azure.account.oauth2.client.id" + a, cred.setting("client_id"));
      }
    }
  }

  private static void wasb(Map<String, String> out, String account, LogyardConfig.Connection conn,
      LogyardConfig.Credentials cred) {
    if ("shared_key".equals(cred.type())) {
      out.put("fs.azure.account.key." + account, cred.secret("account_key").value());
    }
  }

  private static JsonNode json(Secret s) {
    try {
      return new ObjectMapper().readTree(s.value());
    } catch (IOException e) {
      throw new UncheckedIOException("credentials " + s + ": not JSON", e);
    }
  }

  /** {@code base} with {@code settings} over it. */
  public static Configuration configuration(Configuration base, Map<String, String> settings) {
    Configuration conf = new Configuration(base);
    settings.forEach(conf::set);
    return conf;
  }

  /**
   * A new filesystem instance for {@code uri} built from {@code conf}, not Hadoop's cached one
   * (which another source's or the warehouse's settings may have made). The caller closes it.
   * Local files are read without Hadoop's checksum layer: logs have no {@code .crc} siblings, and
   * that layer builds the sibling's path from a string, which fails for a name holding {@code :}.
   */
  public static FileSystem open(URI uri, Configuration conf) throws IOException {
    prepareJvm(uri.getScheme());
    FileSystem fs = FileSystem.newInstance(uri, conf);
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /**
   * JVM-wide settings a connector needs before its first client is built. AWS SDK 2.30+ sends
   * and expects new default checksums that S3-compatible stores (OCI among them) reject; S3A
   * 3.4.2 has no setting for it, so the SDK's system properties are set (unless already given).
   */
  static void prepareJvm(String scheme) {
    if ("s3a".equalsIgnoreCase(scheme)) {
      if (System.getProperty("aws.requestChecksumCalculation") == null) {
        System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
      }
      if (System.getProperty("aws.responseChecksumValidation") == null) {
        System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
      }
    }
  }
}
