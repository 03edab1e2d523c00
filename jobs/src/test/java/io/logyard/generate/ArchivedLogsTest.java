package io.logyard.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.format.LogEvent;
import io.logyard.format.LogFormats;
import io.logyard.format.ObjectParser;
import io.logyard.generate.AwsDeliveredLogsTest.Counts;
import io.logyard.generate.GenerationSummary.FileSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud Logging sink exports (GCP) and Azure Monitor resource logs (Azure): named and laid out as
 * the providers archive them, read by their formats' object parsers with no quarantine but the
 * records the generator planted as malformed.
 */
class ArchivedLogsTest {

  /** Cloud Logging's export names, written out literally: the hour's shard, with ':'. */
  static final Pattern GCP_NAME = Pattern.compile("gcp/logyard-logs-gcp/"
      + "(requests|cloudaudit\\.googleapis\\.com/activity)/2026/11/20/(1[01]):00:00_\\2:59:59_S0\\.json");
  /** Azure Monitor's archive names: the resource id in upper case, one PT1H.json per hour. */
  static final Pattern AZURE_NAME = Pattern.compile("azure/logyard/"
      + "insights-logs-(storageread|storagewrite)/resourceId=/SUBSCRIPTIONS/"
      + "6F1C2B3A-0000-4E5D-9C8B-7A6F5E4D3C2B/RESOURCEGROUPS/LOGYARD-DEMO/PROVIDERS/"
      + "MICROSOFT\\.STORAGE/STORAGEACCOUNTS/LOGYARDDEMO/BLOBSERVICES/DEFAULT/"
      + "y=2026/m=11/d=20/h=(1[01])/m=00/PT1H\\.json");

  @TempDir static Path out;
  static GenerationSummary summary;
  static final List<LogEvent> GCP = new ArrayList<>();
  static final List<LogEvent> AZURE = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    // 10:00 to 11:30: two hours, the second one half covered
    summary = LogGenerator.generate(GeneratorOptions.defaults()
        .withKinds(List.of(LogKind.values())).withMinutes(90).withLinesPerMinute(20)
        .withMalformedRate(0.03), out);
    GCP.clear();
    AZURE.clear();
  }

  static List<FileSummary> archived() {
    return summary.files().stream()
        .filter(f -> f.kind() == LogKind.GCP_LOGGING || f.kind() == LogKind.AZURE_MONITOR)
        .toList();
  }

  static Counts read(FileSummary f) throws IOException {
    ObjectParser parser = LogFormats.create(f.kind().id(), Map.of()).forObject();
    Counts counts = new Counts();
    for (String line : GeneratedFiles.lines(
        GeneratedFiles.content(out.resolve(f.relativePath())))) {
      parser.line(line, counts);
    }
    parser.end(counts);
    return counts;
  }

  @Test
  void everyRecordParsesButThePlantedMalformedOnes() throws IOException {
    GCP.clear();
    AZURE.clear();
    Map<LogKind, Long> malformed = new java.util.EnumMap<>(LogKind.class);
    for (FileSummary f : archived()) {
      Counts c = read(f);
      assertEquals(f.malformedLines(), c.reasons.size(), f.relativePath() + ": " + c.reasons);
      assertEquals(f.lines() - f.malformedLines(), c.parsed.size(), f.relativePath());
      assertEquals(0, c.skipped, f.relativePath());
      assertFalse(f.gzip());
      String content = new String(GeneratedFiles.content(out.resolve(f.relativePath())),
          StandardCharsets.UTF_8);
      assertEquals(f.lines(), content.lines().count(), "one record per line");
      for (LogEvent e : c.parsed) {
        assertNotNull(e.timestampMicros, f.relativePath());
        long micros = e.timestampMicros;
        long hour = f.windowStart().getEpochSecond() * 1_000_000L;
        assertTrue(micros >= hour && micros < hour + 3_600_000_000L, "within the object's hour");
      }
      (f.kind() == LogKind.GCP_LOGGING ? GCP : AZURE).addAll(c.parsed);
      malformed.merge(f.kind(), f.malformedLines(), Long::sum);
    }
    assertTrue(malformed.get(LogKind.GCP_LOGGING) > 0 && malformed.get(LogKind.AZURE_MONITOR) > 0,
        "some records are malformed on purpose: " + malformed);
    // two logs and two categories, for hours 10 and 11
    assertEquals(4, archived().stream().filter(f -> f.kind() == LogKind.GCP_LOGGING).count());
    assertEquals(4, archived().stream().filter(f -> f.kind() == LogKind.AZURE_MONITOR).count());
    assertEquals(90 * 20 + 60 * 2 + 30 * 2, archived().stream()
        .filter(f -> f.kind() == LogKind.GCP_LOGGING).mapToLong(FileSummary::lines).sum(),
        "the request log at the rate asked, the audit log a tenth of it");
    assertEquals(90 * 20, archived().stream().filter(f -> f.kind() == LogKind.AZURE_MONITOR)
        .mapToLong(FileSummary::lines).sum());
  }

  @Test
  void cloudLoggingEntriesAreRequestsAndAuditEvents() throws IOException {
    if (GCP.isEmpty()) {
      everyRecordParsesButThePlantedMalformedOnes();
    }
    Set<String> services = new HashSet<>();
    Set<Integer> statuses = new HashSet<>();
    Set<String> ids = new HashSet<>();
    long audits = 0;
    for (LogEvent e : GCP) {
      services.add(e.service);
      ids.add(e.remoteLogId);
      assertNotNull(e.clientIp);
      if (e.service.equals("http_load_balancer")) {
        statuses.add(e.httpStatus);
        assertTrue(e.endpoint.startsWith("/"), e.endpoint);
        assertNotNull(e.latencyMs);
        assertEquals("projects/logyard-demo/logs/requests", e.attributes.get("logName"));
      } else {
        audits++;
        assertNotNull(e.attributes.get("protoPayload.authenticationInfo.principalEmail"));
        assertEquals(e.attributes.get("protoPayload.methodName"), e.message);
        assertEquals("projects/logyard-demo/logs/cloudaudit.googleapis.com%2Factivity",
            e.attributes.get("logName"));
      }
    }
    assertEquals(GCP.size(), ids.size(), "insertIds are unique");
    assertTrue(audits > 0);
    assertTrue(services.containsAll(List.of("http_load_balancer", "compute.googleapis.com",
        "storage.googleapis.com", "iam.googleapis.com")), services.toString());
    assertTrue(statuses.containsAll(List.of(200, 404, 500)), statuses.toString());
    assertTrue(GCP.stream().anyMatch(e -> "ERROR".equals(e.alertLevel)));
    assertTrue(GCP.stream().anyMatch(e -> "NOTICE".equals(e.alertLevel)));
    assertTrue(GCP.stream().anyMatch(e -> e.clientIp.contains(":")), "IPv6 clients");
  }

  @Test
  void azureMonitorRecordsAreStorageRequests() throws IOException {
    if (AZURE.isEmpty()) {
      everyRecordParsesButThePlantedMalformedOnes();
    }
    Set<String> categories = new HashSet<>();
    Set<Integer> statuses = new HashSet<>();
    for (LogEvent e : AZURE) {
      categories.add(e.service);
      statuses.add(e.httpStatus);
      assertNotNull(e.clientIp);
      assertFalse(e.clientIp.contains(":"), "callerIpAddress's port is not part of the address");
      assertNotNull(e.attributes.get("client_port"));
      assertTrue(e.endpoint.startsWith("/logyard"), e.endpoint);
      assertNotNull(e.userAgent);
      assertNotNull(e.latencyMs);
      assertNotNull(e.remoteLogId);
      assertEquals(ProviderLayout.AZURE_STORAGE_RESOURCE_ID, e.attributes.get("resourceId"));
    }
    assertEquals(Set.of("StorageRead", "StorageWrite"), categories);
    assertTrue(statuses.containsAll(List.of(200, 201, 403)), statuses.toString());
  }

  @Test
  void namesAreTheProvidersNames() {
    for (FileSummary f : archived()) {
      Pattern name = f.kind() == LogKind.GCP_LOGGING ? GCP_NAME : AZURE_NAME;
      Matcher m = name.matcher(f.relativePath());
      assertTrue(m.matches(), f.relativePath());
      String hour = m.group(f.kind() == LogKind.GCP_LOGGING ? 2 : 2);
      assertEquals(Instant.parse("2026-11-20T" + hour + ":00:00Z"), f.windowStart());
      assertEquals(f.kind() == LogKind.GCP_LOGGING ? Provider.GCP : Provider.AZURE, f.provider());
    }
  }

  @Test
  void namesFitTheEmbeddedConfigurationsSources() {
    io.logyard.config.LogyardConfig conf = io.logyard.config.ConfigLoader.load(
        io.logyard.config.ConfigLoader.EMBEDDED, Map.of(), Map.of());
    for (FileSummary f : archived()) {
      List<io.logyard.config.LogyardConfig.Source> fit = conf.sources().stream().filter(s -> {
        String root = s.uri().replaceFirst("^var/landing/", "") + "/";
        return f.relativePath().startsWith(root) && io.logyard.source.PathTemplate
            .compile(s.pathTemplate()).match(f.relativePath().substring(root.length())) != null;
      }).toList();
      assertEquals(1, fit.size(), f.relativePath() + " fits one source: " + fit);
      assertEquals(f.kind().id(), fit.get(0).format(), f.relativePath());
      String root = fit.get(0).uri().replaceFirst("^var/landing/", "") + "/";
      Map<String, String> vars = io.logyard.source.PathTemplate.compile(fit.get(0).pathTemplate())
          .match(f.relativePath().substring(root.length()));
      assertEquals("2026", vars.get("yyyy"));
      assertEquals("20", vars.get("dd"));
      assertEquals(f.windowStart().toString().substring(11, 13), vars.get("hh"));
    }
  }

  @Test
  void deterministicAndIndependentOfTheOtherKindsAndProviders(@TempDir Path tmp)
      throws IOException {
    GeneratorOptions all = GeneratorOptions.defaults().withMinutes(20)
        .withKinds(List.of(LogKind.values()));
    LogGenerator.generate(all, tmp.resolve("a"));
    LogGenerator.generate(all.withProviders(List.of(Provider.AZURE, Provider.GCP))
        .withKinds(List.of(LogKind.AZURE_MONITOR, LogKind.GCP_LOGGING)), tmp.resolve("b"));
    Map<String, byte[]> a = GeneratedFiles.tree(tmp.resolve("a"));
    Map<String, byte[]> b = GeneratedFiles.tree(tmp.resolve("b"));
    assertEquals(4, b.size());
    for (Map.Entry<String, byte[]> e : b.entrySet()) {
      assertArrayEquals(a.get(e.getKey()), e.getValue(), e.getKey());
    }
    Map<String, byte[]> other = GeneratedFiles.tree(
        LogGenerator.generate(all.withSeed(7), tmp.resolve("c")).out());
    for (Map.Entry<String, byte[]> e : b.entrySet()) {
      assertFalse(java.util.Arrays.equals(other.get(e.getKey()), e.getValue()),
          "another seed, other records: " + e.getKey());
    }
  }

  @Test
  void onlyTheirProviderHasThem(@TempDir Path tmp) throws IOException {
    GenerationSummary g = LogGenerator.generate(GeneratorOptions.defaults().withMinutes(5)
        .withProviders(List.of(Provider.AWS, Provider.OCI))
        .withKinds(List.of(LogKind.GCP_LOGGING, LogKind.AZURE_MONITOR, LogKind.APP)),
        tmp.resolve("o"));
    assertEquals(Set.of(LogKind.APP),
        Set.copyOf(g.files().stream().map(FileSummary::kind).toList()));
    assertEquals(LogKind.GCP_LOGGING, LogKind.fromId(" GCP-Logging "));
    assertEquals(LogKind.AZURE_MONITOR, LogKind.fromId("azure-monitor"));
  }
}
