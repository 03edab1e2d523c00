package io.logyard.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.format.ObjectParser;
import io.logyard.generate.GenerationSummary.FileSummary;
import io.logyard.source.PathTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALB access logs and CloudTrail log files: named and laid out as AWS delivers them (and as
 * conf/local.yaml's sources expect), read by their formats' object parsers with no quarantine but
 * the records the generator planted as malformed.
 */
class AwsDeliveredLogsTest {

  static final List<LogKind> ALL = List.of(LogKind.values());

  /** AWS's documented names, written out literally. */
  static final Pattern ALB_NAME = Pattern.compile("aws/logyard-logs/AWSLogs/123456789012/"
      + "elasticloadbalancing/us-east-1/2026/11/20/123456789012_elasticloadbalancing_us-east-1_"
      + "app\\.logyard-web\\.[0-9a-f]{16}_20261120T10[0-5][05]Z_\\d+\\.\\d+\\.\\d+\\.\\d+_"
      + "[a-z0-9]{8}\\.log\\.gz");
  static final Pattern CLOUDTRAIL_NAME = Pattern.compile("aws/logyard-logs/AWSLogs/123456789012/"
      + "CloudTrail/us-east-1/2026/11/20/123456789012_CloudTrail_us-east-1_"
      + "20261120T10[0-5][05]Z_[A-Za-z0-9]{16}\\.json\\.gz");

  @TempDir static Path out;
  static GenerationSummary summary;
  static final List<LogEvent> ALB = new ArrayList<>();
  static final List<LogEvent> TRAIL = new ArrayList<>();

  /** Records an object parser hands over. */
  static final class Counts implements ObjectParser.Sink {
    final List<LogEvent> parsed = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    int skipped;

    @Override
    public void parsed(LogEvent event, long record) {
      parsed.add(event);
    }

    @Override
    public void quarantined(String reason, String raw, long record) {
      reasons.add(reason);
    }

    @Override
    public void skipped() {
      skipped++;
    }
  }

  @BeforeAll
  static void generate() throws IOException {
    summary = LogGenerator.generate(GeneratorOptions.defaults()
        .withKinds(ALL).withMinutes(20).withLinesPerMinute(60).withMalformedRate(0.03), out);
  }

  static Counts read(FileSummary f) throws IOException {
    LogFormat format = LogFormats.create(f.kind() == LogKind.ALB ? "aws-alb" : "aws-cloudtrail",
        Map.of());
    ObjectParser parser = format.forObject();
    Counts counts = new Counts();
    byte[] content = GeneratedFiles.content(out.resolve(f.relativePath()));
    List<String> lines = f.kind() == LogKind.ALB ? GeneratedFiles.lines(content)
        : List.of(new String(content, StandardCharsets.UTF_8));
    for (String line : lines) {
      parser.line(line, counts);
    }
    parser.end(counts);
    return counts;
  }

  static List<FileSummary> delivered() {
    return summary.files().stream().filter(f -> f.kind().awsOnly()).toList();
  }

  @Test
  void everyRecordParsesButThePlantedMalformedOnes() throws IOException {
    ALB.clear();
    TRAIL.clear();
    long malformed = 0;
    for (FileSummary f : delivered()) {
      Counts c = read(f);
      String content = new String(GeneratedFiles.content(out.resolve(f.relativePath())),
          StandardCharsets.UTF_8);
      assertEquals(f.malformedLines(), c.reasons.size(), f.relativePath() + ": " + c.reasons);
      assertEquals(f.lines() - f.malformedLines(), c.parsed.size(), f.relativePath());
      assertEquals(0, c.skipped, f.relativePath());
      assertTrue(c.parsed.stream().allMatch(e -> e.timestampMicros != null), f.relativePath());
      if (f.kind() == LogKind.ALB) {
        assertTrue(content.endsWith("\n"));
        ALB.addAll(c.parsed);
      } else {
        assertTrue(content.startsWith("{\"Records\":[") && content.endsWith("]}"),
            "one document on one line");
        assertFalse(content.contains("\n"));
        TRAIL.addAll(c.parsed);
      }
      malformed += f.malformedLines();
    }
    assertTrue(malformed > 0, "some records are malformed on purpose");
    // default nodes (2): 2 load balancer nodes x 4 intervals, 1 trail x 4 intervals
    assertEquals(8, delivered().stream().filter(f -> f.kind() == LogKind.ALB).count());
    assertEquals(4, delivered().stream().filter(f -> f.kind() == LogKind.CLOUDTRAIL).count());
    assertEquals(20 * 60 * 2, delivered().stream().filter(f -> f.kind() == LogKind.ALB)
        .mapToLong(FileSummary::lines).sum());
  }

  @Test
  void albLinesLookLikeALoadBalancersTraffic() throws IOException {
    if (ALB.isEmpty()) {
      everyRecordParsesButThePlantedMalformedOnes();
    }
    Set<Integer> statuses = new HashSet<>();
    long ipv6 = 0;
    long noTarget = 0;
    for (LogEvent e : ALB) {
      statuses.add(e.httpStatus);
      ipv6 += e.clientIp != null && e.clientIp.contains(":") ? 1 : 0;
      if (e.latencyMs == null) {
        noTarget++;
        assertTrue(e.httpStatus >= 500, "only failed requests miss a target");
      }
      assertNotNull(e.clientIp);
      assertTrue(e.endpoint.startsWith("/"), e.endpoint);
      assertEquals("app/logyard-web/5f3c2a9e81d04b76", e.attributes.get("elb"));
      assertTrue(e.remoteLogId.startsWith("Root=1-"), e.remoteLogId);
    }
    assertTrue(statuses.containsAll(List.of(200, 301, 404, 500, 502, 503)), statuses.toString());
    assertTrue(ipv6 > 0 && noTarget > 0);
    assertTrue(ALB.stream().anyMatch(e -> "h2".equals(e.attributes.get("type"))));
    assertTrue(ALB.stream().noneMatch(e -> e.clientIp.startsWith("10.")),
        "the targets' health checks are not in the load balancer's log");
  }

  @Test
  void cloudTrailRecordsAreEventsOfSeveralServicesAndCallers() throws IOException {
    if (TRAIL.isEmpty()) {
      everyRecordParsesButThePlantedMalformedOnes();
    }
    Set<String> sources = new HashSet<>();
    Set<String> types = new HashSet<>();
    Set<String> ids = new HashSet<>();
    Set<String> errors = new HashSet<>();
    for (LogEvent e : TRAIL) {
      sources.add(e.service);
      types.add(e.attributes.get("userIdentity.type"));
      ids.add(e.remoteLogId);
      if (e.attributes.get("errorCode") != null) {
        errors.add(e.attributes.get("errorCode"));
      }
    }
    assertEquals(TRAIL.size(), ids.size(), "event ids are unique");
    assertTrue(sources.containsAll(List.of("s3.amazonaws.com", "ec2.amazonaws.com",
        "sts.amazonaws.com", "kms.amazonaws.com", "iam.amazonaws.com")), sources.toString());
    assertEquals(Set.of("IAMUser", "AssumedRole", "AWSService"), types);
    assertTrue(errors.contains("AccessDenied"), errors.toString());
    assertTrue(TRAIL.stream().anyMatch(e -> "WARN".equals(e.alertLevel)));
    assertTrue(TRAIL.stream().anyMatch(e -> e.attributes.containsKey("client_host")),
        "AWS services call as themselves, not from an address");
  }

  @Test
  void namesAreAwsNamesAndFitTheEmbeddedConfigurationsSources() {
    LogyardConfig conf = ConfigLoader.load(ConfigLoader.EMBEDDED, Map.of(), Map.of());
    Map<LogKind, String> sourceFormat = Map.of(LogKind.ALB, "aws-alb",
        LogKind.CLOUDTRAIL, "aws-cloudtrail");
    for (FileSummary f : delivered()) {
      Pattern name = f.kind() == LogKind.ALB ? ALB_NAME : CLOUDTRAIL_NAME;
      assertTrue(name.matcher(f.relativePath()).matches(), f.relativePath());
      assertTrue(f.gzip());

      LogyardConfig.Source source = conf.sources().stream()
          .filter(s -> s.format().equals(sourceFormat.get(f.kind()))).findFirst().orElseThrow();
      String root = source.uri().replaceFirst("^var/landing/", "") + "/";
      assertTrue(f.relativePath().startsWith(root), f.relativePath() + " under " + root);
      Map<String, String> vars =
          PathTemplate.compile(source.pathTemplate()).match(f.relativePath().substring(root.length()));
      assertNotNull(vars, f.relativePath() + " fits " + source.pathTemplate());
      assertEquals("us-east-1", vars.get("region"));
      assertEquals(f.kind() == LogKind.ALB ? "logyard-web" : "123456789012", vars.get("node"));
      assertEquals("2026", vars.get("yyyy"));
      assertEquals("20", vars.get("dd"));
      // the other AWS sources of the same bucket do not take these objects
      for (LogyardConfig.Source other : conf.sources()) {
        if (other != source && other.uri().equals(source.uri())) {
          assertEquals(null, PathTemplate.compile(other.pathTemplate())
              .match(f.relativePath().substring(root.length())), other.name());
        }
      }
    }
  }

  @Test
  void theNameCarriesTheEndOfTheInterval() {
    for (FileSummary f : delivered()) {
      String end = f.windowStart().plusSeconds(300).toString(); // 2026-11-20T10:05:00Z
      String compact = end.substring(0, 16).replace("-", "").replace(":", "") + "Z";
      assertTrue(f.relativePath().contains("_" + compact + "_"), f.relativePath() + " " + end);
    }
  }

  @Test
  void deterministicAndIndependentOfTheOtherKindsAndProviders(@TempDir Path tmp)
      throws IOException {
    GeneratorOptions aws = GeneratorOptions.defaults().withMinutes(10)
        .withProviders(List.of(Provider.AWS, Provider.GCP)).withKinds(ALL);
    LogGenerator.generate(aws, tmp.resolve("a"));
    LogGenerator.generate(aws.withProviders(List.of(Provider.AWS))
        .withKinds(List.of(LogKind.CLOUDTRAIL, LogKind.ALB)), tmp.resolve("b"));
    Map<String, byte[]> a = GeneratedFiles.tree(tmp.resolve("a"));
    Map<String, byte[]> b = GeneratedFiles.tree(tmp.resolve("b"));
    assertEquals(2 * 2 + 2, b.size());
    for (Map.Entry<String, byte[]> e : b.entrySet()) {
      assertArrayEquals(a.get(e.getKey()), e.getValue(), e.getKey());
    }
    Map<String, byte[]> other = GeneratedFiles.tree(
        LogGenerator.generate(aws.withSeed(7), tmp.resolve("c")).out());
    assertFalse(other.keySet().containsAll(b.keySet()), "another seed, other random names");
  }

  @Test
  void onlyAwsHasThemAndOnlyWhenAsked(@TempDir Path tmp) throws IOException {
    GenerationSummary none = LogGenerator.generate(
        GeneratorOptions.defaults().withMinutes(5), tmp.resolve("d"));
    assertTrue(none.files().stream().noneMatch(f -> f.kind().awsOnly()));
    GenerationSummary gcp = LogGenerator.generate(GeneratorOptions.defaults().withMinutes(5)
        .withProviders(List.of(Provider.GCP)).withKinds(List.of(LogKind.ALB, LogKind.APP)),
        tmp.resolve("g"));
    assertEquals(Set.of(LogKind.APP),
        Set.copyOf(gcp.files().stream().map(FileSummary::kind).toList()));
  }

  @Test
  void kindsAreValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GeneratorOptions.defaults().withKinds(List.of()));
    assertTrue(e.getMessage().startsWith("--kinds"));
    e = assertThrows(IllegalArgumentException.class,
        () -> GeneratorOptions.defaults().withKinds(List.of(LogKind.ALB, LogKind.ALB)));
    assertTrue(e.getMessage().startsWith("--kinds"));
    e = assertThrows(IllegalArgumentException.class, () -> LogKind.fromId("vpc"));
    assertTrue(e.getMessage().contains("access, app, alb, cloudtrail"), e.getMessage());
    assertEquals(LogKind.CLOUDTRAIL, LogKind.fromId(" CloudTrail "));
    assertEquals(Instant.parse("2026-11-20T10:00:00Z"), GeneratorOptions.defaults().start());
  }
}
