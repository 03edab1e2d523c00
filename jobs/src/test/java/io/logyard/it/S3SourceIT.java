package io.logyard.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.ConfigLoader;
import io.logyard.generate.GenerationSummary;
import io.logyard.generate.GeneratorOptions;
import io.logyard.generate.LogGenerator;
import io.logyard.generate.LogKind;
import io.logyard.generate.Provider;
import io.logyard.sink.TableSchemas;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * AWS S3 through s3a against S3Proxy in this JVM (ephemeral port, V4 signatures, a test key
 * pair read from owner-only files); then {@code run --reprocess} of one object.
 */
class S3SourceIT extends CloudSourceScenario {
  static final String BUCKET = "logyard-logs";
  static final String ACCESS_KEY = "AKIALOGYARDTEST";
  static final String SECRET_KEY = "logyard-test-secret-0123456789";
  private S3Proxy s3;

  /** An S3 server on 127.0.0.1 accepting one key pair, with {@code buckets} created. */
  static S3Proxy startS3(String accessKey, String secretKey, String... buckets) throws Exception {
    TransientNio2BlobStore store = new TransientNio2BlobStore();
    for (String b : buckets) store.createContainer(b);
    S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) Thread.sleep(20);
    return proxy;
  }

  @Override
  protected Provider provider() {
    return Provider.AWS;
  }

  @Override
  protected void startStore() throws Exception {
    s3 = startS3(ACCESS_KEY, SECRET_KEY, BUCKET);
  }

  @Override
  protected void stopStore() throws Exception {
    if (s3 != null) s3.stop();
  }

  @Override
  protected String bucketRoot() {
    return "s3a://" + BUCKET + "/";
  }

  @Override
  protected boolean listsEtags() {
    return true;
  }

  @Override
  protected String sourcesYaml() {
    try {
      String credentials = "{type: keys, access_key_file: %s, secret_key_file: %s}".formatted(
          secretFile("aws-access-key", ACCESS_KEY), secretFile("aws-secret-key", SECRET_KEY));
      String common = """
            provider: aws
            uri: s3a://%s/AWSLogs/123456789012
            project_id: "123456789012"
            region: us-east-1
            endpoint: http://127.0.0.1:%d
            path_style: true
            credentials: %s
          """.formatted(BUCKET, s3.getPort(), credentials);
      return """
          - name: aws-access
            format: combined
            path_template: "{region}/access/{yyyy}/{mm}/{dd}/{node}-{*}"
          %s- name: aws-app
            format: json
            path_template: "{region}/app/{yyyy}/{mm}/{dd}/{node}-{*}"
          %s- name: aws-alb
            format: aws-alb
            path_template: "elasticloadbalancing/{region}/{yyyy}/{mm}/{dd}/{*}_app.{node}.{*}Z_{*}"
          %s- name: aws-cloudtrail
            format: aws-cloudtrail
            path_template: "CloudTrail/{region}/{yyyy}/{mm}/{dd}/{node}_CloudTrail_{*}"
          %s""".formatted(common, common, common, common);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(4)
  void reprocessingAnObjectReplacesItsRows() {
    String uri = table(TableSchemas.LEDGER).filter(col("lot_id").equalTo("lot-000001").and(col("source_name").equalTo("aws-access")))
        .select("uri").orderBy("uri").as(Encoders.STRING()).first();
    List<String> ids = table(TableSchemas.LOG_RESULTS).select("event_id").orderBy("event_id").as(Encoders.STRING()).collectAsList();
    long quarantined = table(TableSchemas.QUARANTINE).count();
    String out = run("--reprocess", uri);
    assertTrue(out.contains("lot-000004: replaying 1 objects"), out);
    assertEquals(ids, table(TableSchemas.LOG_RESULTS).select("event_id").orderBy("event_id").as(Encoders.STRING()).collectAsList(),
        "the same rows, not twice");
    assertEquals(quarantined, table(TableSchemas.QUARANTINE).count());
    assertEquals(1, table(TableSchemas.LEDGER).filter(col("lot_id").equalTo("lot-000004").and(col("state").equalTo("done"))).count());
  }

  /**
   * What AWS itself delivers to the bucket, as {@code generate --kinds alb,cloudtrail} lays it
   * out (AWSLogs/&lt;account&gt;/elasticloadbalancing|CloudTrail/&lt;region&gt;/yyyy/mm/dd/...):
   * every record of every object is accounted for, a CloudTrail file yields one event per record.
   */
  @Test
  @Order(5)
  void albAccessLogsAndCloudTrailFilesUnderAwsKeysAreReadRecordByRecord() throws Exception {
    GenerationSummary delivered = LogGenerator.generate(GeneratorOptions.defaults()
        .withProviders(List.of(Provider.AWS)).withKinds(List.of(LogKind.ALB, LogKind.CLOUDTRAIL))
        .withStart(today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(40 * 60)).withMinutes(4)
        .withLinesPerMinute(5).withNodesPerProvider(1).withMalformedRate(0.1).withSeed(21), dir.resolve("gen-delivered"));
    assertEquals(List.of(LogKind.ALB, LogKind.CLOUDTRAIL), delivered.files().stream().map(GenerationSummary.FileSummary::kind).toList());
    for (GenerationSummary.FileSummary f : delivered.files()) {
      String base = f.kind() == LogKind.ALB ? "elasticloadbalancing" : "CloudTrail";
      assertTrue(f.relativePath().startsWith("aws/" + BUCKET + "/AWSLogs/123456789012/" + base + "/us-east-1/"
          + today.toString().replace('-', '/') + "/123456789012_" + base + "_us-east-1_"), f.relativePath());
    }
    assertTrue(delivered.files().stream().mapToLong(GenerationSummary.FileSummary::malformedLines).sum() > 0, "some records are malformed");
    upload(delivered, Provider.AWS, bucketRoot(), ConfigLoader.load(conf().toString(), Map.of()).sources().get(0));

    String out = run();
    assertTrue(out.contains("lot-000005: 2 objects"), out);
    assertEveryRecordAccountedFor("lot-000005", delivered, f -> f.kind() == LogKind.ALB ? "aws-alb" : "aws-cloudtrail");
    Dataset<Row> trail = table(TableSchemas.LOG_RESULTS).filter(col("source_format").equalTo("aws-cloudtrail"));
    assertEquals(trail.count(), trail.select("remote_log_id").distinct().count(), "one event per record, each its own eventID");
    assertEquals(delivered.files().get(1).lines() - delivered.files().get(1).malformedLines(), trail.count());
  }
}
