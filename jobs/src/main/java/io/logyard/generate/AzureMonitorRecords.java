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
 * Azure Monitor resource logs of the demo storage account's blob service, one compact JSON
 * record per line, as diagnostic settings archive them: the {@link #READ} and {@link #WRITE}
 * categories of Azure Storage logs (time, resourceId, category, operationName, statusCode,
 * durationMs, callerIpAddress with its port, correlationId, identity, uri, properties), by the
 * Azure nodes writing and reading their logs and a few outside clients, some requests failing.
 */
final class AzureMonitorRecords {

  static final String READ = "StorageRead";
  static final String WRITE = "StorageWrite";
  /** The categories archived, in the order the generator writes them. */
  static final List<String> CATEGORIES = List.of(READ, WRITE);

  /** {@code 2026-11-20T10:00:03.1234567Z}: Azure writes seven fraction digits. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final JsonFactory JSON = new JsonFactory();
  private static final String ACCOUNT = ProviderLayout.AZURE_ACCOUNT;

  private record Operation(String name, String method, int okStatus, boolean container) {}

  private static final Weighted<Operation> READS = Weighted.<Operation>builder()
      .add(12, new Operation("GetBlob", "GET", 200, false))
      .add(6, new Operation("GetBlobProperties", "HEAD", 200, false))
      .add(4, new Operation("ListBlobs", "GET", 200, true))
      .add(1, new Operation("GetContainerProperties", "HEAD", 200, true))
      .build();
  private static final Weighted<Operation> WRITES = Weighted.<Operation>builder()
      .add(10, new Operation("PutBlob", "PUT", 201, false))
      .add(5, new Operation("AppendBlock", "PUT", 201, false))
      .add(2, new Operation("SetBlobMetadata", "PUT", 200, false))
      .build();
  private static final List<String> AGENTS = List.of(
      "azsdk-java-azure-storage-blob/12.28.1 (17.0.13; Linux; 6.1.0)",
      "azsdk-python-storage-blob/12.24.0 Python/3.12.7 (Linux-6.1.0-x86_64-with-glibc2.36)",
      "Azure-Storage/8.6.6 (.NET CLR 4.0.30319.42000; Win32NT 6.2.9200.0)",
      "AzCopy/10.27.1 azsdk-go-azblob/v1.4.0 (go1.23.1; linux)");

  private final SplittableRandom random;
  private final List<NodeInfo> nodes;
  private final String resourceId;

  /** @param nodes the Azure nodes, the account's usual callers */
  AzureMonitorRecords(SplittableRandom random, List<NodeInfo> nodes) {
    this.random = random;
    this.nodes = List.copyOf(nodes);
    this.resourceId = ProviderLayout.AZURE_STORAGE_RESOURCE_ID;
  }

  /** One well-formed record of {@code category} at {@code time}, as compact JSON. */
  String record(String category, Instant time) {
    Operation op = (category.equals(READ) ? READS : WRITES).pick(random);
    NodeInfo node = Randoms.oneOf(random, nodes);
    boolean outside = random.nextInt(10) == 0;
    int status = op.okStatus();
    String statusText = "Success";
    int roll = random.nextInt(100);
    if (outside && roll < 60) {
      status = 403;
      statusText = "AuthorizationFailure";
    } else if (roll < 4) {
      status = op.method().equals("PUT") ? 409 : 404;
      statusText = status == 404 ? "BlobNotFound" : "ClientOtherError";
    } else if (roll < 5) {
      status = 503;
      statusText = "ServerBusy";
    }
    String blob = op.container() ? "" : "/" + Randoms.oneOf(random, List.of("access", "app"))
        + "/y=2026/" + node.name() + "-" + Randoms.hex(random, 8) + ".log";
    String uri = "https://" + ACCOUNT + ".blob.core.windows.net:443/" + ProviderLayout.AZURE_CONTAINER
        + blob + (op.container() ? "?restype=container&comp=list" : "");
    int server = Randoms.between(random, 2, 40);
    int duration = server + Randoms.between(random, 0, 60);
    String caller = (outside ? Randoms.publicIpv4(random) : node.publicIp()) + ":"
        + Randoms.between(random, 1024, 65535);
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", TIME.format(time));
      g.writeStringField("resourceId", resourceId);
      g.writeStringField("category", category);
      g.writeStringField("operationName", op.name());
      g.writeStringField("operationVersion", "2023-11-03");
      g.writeStringField("schemaVersion", "1.0");
      g.writeNumberField("statusCode", status);
      g.writeStringField("statusText", statusText);
      g.writeNumberField("durationMs", duration);
      g.writeStringField("callerIpAddress", caller);
      g.writeStringField("correlationId", Randoms.uuid(random));
      g.writeObjectFieldStart("identity");
      g.writeStringField("type", outside ? "Anonymous" : "AccountKey");
      g.writeEndObject();
      g.writeStringField("location", ProviderLayout.AZURE_REGION);
      g.writeObjectFieldStart("properties");
      g.writeStringField("accountName", ACCOUNT);
      g.writeStringField("userAgentHeader", Randoms.oneOf(random, AGENTS));
      g.writeStringField("serviceType", "blob");
      g.writeNumberField("serverLatencyMs", server);
      g.writeNumberField("requestHeaderSize", Randoms.between(random, 400, 900));
      g.writeNumberField("requestBodySize", op.method().equals("PUT")
          ? Randoms.between(random, 200, 400_000) : 0);
      g.writeNumberField("responseHeaderSize", Randoms.between(random, 200, 500));
      g.writeNumberField("responseBodySize", op.method().equals("GET") && status == 200
          ? Randoms.between(random, 200, 400_000) : 0);
      g.writeStringField("tlsVersion", "TLS 1.2");
      g.writeEndObject();
      g.writeStringField("uri", uri);
      g.writeStringField("protocol", "HTTPS");
      g.writeStringField("resourceType", "Microsoft.Storage/storageAccounts/blobServices");
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
