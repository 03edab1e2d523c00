package io.logyard.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Cloud Logging LogEntry records of the demo GCP project, one compact JSON object per line, as a
 * log sink exports them to Cloud Storage: the external HTTP(S) load balancer's request log in
 * front of the GCP nodes ({@link #REQUESTS}: httpRequest, the same traffic as the nodes' access
 * logs) and the Admin Activity audit log ({@link #ACTIVITY}: protoPayload of a few users and
 * service accounts calling Compute Engine, Cloud Storage, IAM and Cloud KMS, some denied).
 */
final class CloudLoggingEntries {

  /** The request log of the load balancer (log id {@code requests}). */
  static final String REQUESTS = "requests";
  /** The Admin Activity audit log; its log id holds a {@code /}, written {@code %2F} in logName. */
  static final String ACTIVITY = "cloudaudit.googleapis.com/activity";
  /** The logs exported, in the order the generator writes them. */
  static final List<String> LOGS = List.of(REQUESTS, ACTIVITY);

  /** {@code 2026-11-20T10:00:03.123456Z}. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final JsonFactory JSON = new JsonFactory();
  private static final String PROJECT = ProviderLayout.GCP_PROJECT;
  private static final String DOMAIN = AlbLogLines.DOMAIN;

  private record Call(String service, String method, String resourceType, boolean denied) {}

  private static final Weighted<Call> CALLS = Weighted.<Call>builder()
      .add(10, new Call("compute.googleapis.com", "v1.compute.instances.setMetadata",
          "gce_instance", false))
      .add(4, new Call("compute.googleapis.com", "v1.compute.instances.stop", "gce_instance",
          false))
      .add(4, new Call("compute.googleapis.com", "v1.compute.instances.start", "gce_instance",
          false))
      .add(6, new Call("storage.googleapis.com", "storage.buckets.update", "gcs_bucket", false))
      .add(5, new Call("storage.googleapis.com", "storage.setIamPermissions", "gcs_bucket", true))
      .add(4, new Call("iam.googleapis.com",
          "google.iam.admin.v1.CreateServiceAccountKey", "service_account", true))
      .add(3, new Call("cloudkms.googleapis.com",
          "google.cloud.kms.v1.KeyManagementService.CreateCryptoKeyVersion", "cloudkms_cryptokey",
          false))
      .build();

  private static final List<String> PRINCIPALS = List.of(
      "alice@logyard.example", "bob@logyard.example",
      "logyard-etl@" + PROJECT + ".iam.gserviceaccount.com",
      "terraform@" + PROJECT + ".iam.gserviceaccount.com");
  private static final List<String> SDK_AGENTS = List.of(
      "google-cloud-sdk gcloud/502.0.0 command/gcloud.compute.instances.stop invocation-id/"
          + "3f9c2a51 environment/None interactive/True from-script/False python/3.12.7",
      "google-api-go-client/0.5 Terraform/1.9.8 (+https://www.terraform.io) "
          + "Terraform-Plugin-SDK/2.33.0 terraform-provider-google/6.12.0",
      "grpc-java-netty/1.68.1,gzip(gfe)");

  private final SplittableRandom random;
  private final AccessLogLines requests;
  private final List<NodeInfo> nodes;

  /** @param nodes the GCP nodes: the load balancer's backends and the audited instances */
  CloudLoggingEntries(SplittableRandom random, List<NodeInfo> nodes) {
    this.random = random;
    this.nodes = List.copyOf(nodes);
    this.requests = new AccessLogLines(random, nodes.get(0));
  }

  /** One well-formed entry of {@code log} at {@code time}, as compact JSON. */
  String entry(String log, Instant time) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      if (log.equals(REQUESTS)) {
        request(g, time);
      } else {
        audit(g, time);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private void request(JsonGenerator g, Instant time) throws IOException {
    AccessLogLines.Request r;
    do {
      r = requests.request();
    } while (r.clientIp().startsWith("10.")); // health checks are not in the request log
    NodeInfo backend = Randoms.oneOf(random, nodes);
    String path = r.target().replace("\\\"", "%22");
    int micros = r.status() >= 500 ? Randoms.between(random, 200_000, 30_000_000)
        : Randoms.between(random, 800, 450_000);
    g.writeStartObject();
    g.writeStringField("insertId", Randoms.lowerAlnum(random, 12));
    g.writeObjectFieldStart("jsonPayload");
    g.writeStringField("@type",
        "type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry");
    g.writeStringField("backendTargetProjectNumber", "projects/482015937364");
    g.writeStringField("statusDetails", r.status() == 502 && random.nextBoolean()
        ? "failed_to_connect_to_backend" : "response_sent_by_backend");
    g.writeEndObject();
    g.writeObjectFieldStart("httpRequest");
    g.writeStringField("requestMethod", r.method());
    g.writeStringField("requestUrl", "https://" + DOMAIN + path);
    g.writeStringField("requestSize", Integer.toString(Randoms.between(random, 180, 900)));
    g.writeNumberField("status", r.status());
    g.writeStringField("responseSize", r.size().equals("-") ? "0" : r.size());
    g.writeStringField("userAgent", r.userAgent());
    g.writeStringField("remoteIp", r.clientIp());
    g.writeStringField("serverIp", backend.privateIp());
    if (!r.referrer().equals("-")) {
      g.writeStringField("referer", r.referrer());
    }
    g.writeStringField("latency", String.format(Locale.ROOT, "%d.%06ds", micros / 1_000_000,
        micros % 1_000_000));
    g.writeStringField("protocol", r.protocol());
    g.writeEndObject();
    g.writeObjectFieldStart("resource");
    g.writeStringField("type", "http_load_balancer");
    g.writeObjectFieldStart("labels");
    g.writeStringField("project_id", PROJECT);
    g.writeStringField("zone", "global");
    g.writeStringField("url_map_name", "logyard-web");
    g.writeStringField("forwarding_rule_name", "logyard-web-https");
    g.writeStringField("target_proxy_name", "logyard-web-proxy");
    g.writeStringField("backend_service_name", "logyard-web-backend");
    g.writeEndObject();
    g.writeEndObject();
    g.writeStringField("timestamp", TIME.format(time));
    g.writeStringField("severity",
        r.status() >= 500 ? "ERROR" : r.status() >= 400 ? "WARNING" : "INFO");
    g.writeStringField("logName", "projects/" + PROJECT + "/logs/" + REQUESTS);
    g.writeStringField("trace", "projects/" + PROJECT + "/traces/" + Randoms.hex(random, 32));
    g.writeStringField("receiveTimestamp", TIME.format(received(time)));
    g.writeStringField("spanId", Randoms.hex(random, 16));
    g.writeEndObject();
  }

  private void audit(JsonGenerator g, Instant time) throws IOException {
    Call call = CALLS.pick(random);
    String principal = Randoms.oneOf(random, PRINCIPALS);
    boolean serviceAccount = principal.endsWith(".gserviceaccount.com");
    boolean denied = call.denied() && random.nextInt(3) == 0;
    NodeInfo node = Randoms.oneOf(random, nodes);
    String zone = ProviderLayout.GCP_REGION + "-a";
    String resource = switch (call.resourceType()) {
      case "gce_instance" -> "projects/" + PROJECT + "/zones/" + zone + "/instances/" + node.name();
      case "gcs_bucket" -> "projects/_/buckets/" + ProviderLayout.GCP_BUCKET;
      case "service_account" -> "projects/" + PROJECT + "/serviceAccounts/"
          + Randoms.between(random, 100_000_000, 999_999_999);
      default -> "projects/" + PROJECT + "/locations/" + ProviderLayout.GCP_REGION
          + "/keyRings/logyard/cryptoKeys/warehouse";
    };
    g.writeStartObject();
    g.writeObjectFieldStart("protoPayload");
    g.writeStringField("@type", "type.googleapis.com/google.cloud.audit.AuditLog");
    g.writeObjectFieldStart("status");
    if (denied) {
      g.writeNumberField("code", 7);
      g.writeStringField("message", "PERMISSION_DENIED");
    }
    g.writeEndObject();
    g.writeObjectFieldStart("authenticationInfo");
    g.writeStringField("principalEmail", principal);
    g.writeEndObject();
    g.writeObjectFieldStart("requestMetadata");
    g.writeStringField("callerIp", serviceAccount && random.nextBoolean()
        ? node.publicIp() : Randoms.publicIpv4(random));
    g.writeStringField("callerSuppliedUserAgent", Randoms.oneOf(random, SDK_AGENTS));
    g.writeEndObject();
    g.writeStringField("serviceName", call.service());
    g.writeStringField("methodName", call.method());
    g.writeStringField("resourceName", resource);
    g.writeEndObject();
    g.writeStringField("insertId", Randoms.lowerAlnum(random, 12) + "d" + Randoms.hex(random, 4));
    g.writeObjectFieldStart("resource");
    g.writeStringField("type", call.resourceType());
    g.writeObjectFieldStart("labels");
    g.writeStringField("project_id", PROJECT);
    if (call.resourceType().equals("gce_instance")) {
      g.writeStringField("zone", zone);
      g.writeStringField("instance_id",
          Long.toUnsignedString(Randoms.forKey(node.index(), node.name()).nextLong() >>> 1));
    } else if (call.resourceType().equals("gcs_bucket")) {
      g.writeStringField("location", ProviderLayout.GCP_REGION);
      g.writeStringField("bucket_name", ProviderLayout.GCP_BUCKET);
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeStringField("timestamp", TIME.format(time));
    g.writeStringField("severity", denied ? "ERROR" : "NOTICE");
    g.writeStringField("logName", "projects/" + PROJECT + "/logs/"
        + ACTIVITY.replace("/", "%2F"));
    g.writeStringField("receiveTimestamp", TIME.format(received(time)));
    g.writeEndObject();
  }

  /** Logging receives an entry a few hundred milliseconds after it happened. */
  private Instant received(Instant time) {
    return time.plusNanos(1000L * Randoms.between(random, 20_000, 900_000));
  }
}
