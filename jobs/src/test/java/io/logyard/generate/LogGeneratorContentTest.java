package io.logyard.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logyard.generate.GenerationSummary.FileSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads back every line the default run writes and checks it with parsers written independently
 * of the generator: a line is malformed exactly when the generator says so.
 */
class LogGeneratorContentTest {

  @TempDir static Path out;

  static GenerationSummary summary;
  static final List<GeneratedFiles.Access> ACCESS = new java.util.ArrayList<>();
  static final List<JsonNode> APP = new java.util.ArrayList<>();
  static final Map<String, Long> INVALID = new HashMap<>();
  static final Set<String> INVALID_SAMPLES = new HashSet<>();

  @BeforeAll
  static void generateAndRead() throws IOException {
    summary = LogGenerator.generate(GeneratorOptions.defaults(), out);
    for (FileSummary f : summary.files()) {
      List<String> lines = GeneratedFiles.lines(GeneratedFiles.content(out.resolve(f.relativePath())));
      assertEquals(f.lines(), lines.size(), f.relativePath());
      Instant window = f.windowStart();
      assertEquals(window, GeneratedFiles.windowOf(f.relativePath()));
      long invalid = 0;
      Instant previous = Instant.MIN;
      for (String line : lines) {
        Instant time;
        if (f.kind() == LogKind.ACCESS) {
          GeneratedFiles.Access a = GeneratedFiles.access(line, window);
          time = a == null ? null : a.time();
          if (a != null) {
            ACCESS.add(a);
          }
        } else {
          JsonNode json = GeneratedFiles.app(line, window, f.provider(), f.node());
          time = json == null ? null : Instant.parse(json.get("@timestamp").asText());
          if (json != null) {
            APP.add(json);
          }
        }
        if (time == null) {
          invalid++;
          INVALID_SAMPLES.add(f.kind() + ": " + line);
        } else {
          assertFalse(time.isBefore(previous), f.relativePath() + ": time goes back at " + line);
          previous = time;
        }
      }
      INVALID.put(f.relativePath(), invalid);
    }
  }

  @Test
  void aLineIsMalformedExactlyWhenTheGeneratorSaysSo() {
    for (FileSummary f : summary.files()) {
      assertEquals(f.malformedLines(), INVALID.get(f.relativePath()), f.relativePath());
    }
    assertTrue(summary.malformedLines() > 0);
  }

  @Test
  void defaultRunHasTheConfiguredSize() {
    // 4 providers x 2 nodes x 2 kinds x 30 minutes x 40 lines
    assertEquals(19_200, summary.totalLines());
    for (Map<LogKind, Long> byKind : summary.linesByProviderAndKind().values()) {
      assertEquals(Map.of(LogKind.ACCESS, 2_400L, LogKind.APP, 2_400L), byKind);
    }
  }

  @Test
  void accessLinesLookLikeRealTraffic() {
    Set<String> methods = new HashSet<>();
    Set<Integer> statuses = new HashSet<>();
    Set<String> targets = new HashSet<>();
    long ipv6 = 0;
    long dashSize = 0;
    long withReferrer = 0;
    long withQuery = 0;
    Map<String, Long> byTarget = new HashMap<>();
    for (GeneratedFiles.Access a : ACCESS) {
      methods.add(a.method());
      statuses.add(a.status());
      String path = a.target().contains("?")
          ? a.target().substring(0, a.target().indexOf('?')) : a.target();
      targets.add(path);
      byTarget.merge(path, 1L, Long::sum);
      ipv6 += a.client().contains(":") ? 1 : 0;
      dashSize += a.size().equals("-") ? 1 : 0;
      withReferrer += a.referrer().equals("-") ? 0 : 1;
      withQuery += a.target().contains("?") ? 1 : 0;
    }
    assertEquals(GeneratedFiles.METHODS, methods);
    assertEquals(GeneratedFiles.STATUSES, statuses);
    assertTrue(targets.containsAll(List.of("/", "/api/v1/users", "/api/v1/orders", "/login",
        "/static/app.js", "/health")), targets.toString());
    // Zipf-like: "/" is the most requested endpoint, far ahead of /robots.txt
    assertEquals("/", byTarget.entrySet().stream().max(Map.Entry.comparingByValue())
        .orElseThrow().getKey());
    assertTrue(byTarget.get("/") > 10 * byTarget.getOrDefault("/robots.txt", 0L));
    double n = ACCESS.size();
    assertTrue(ipv6 / n > 0.03 && ipv6 / n < 0.4, "IPv6 share " + ipv6 / n);
    assertTrue(dashSize > 0 && withReferrer > 0 && withQuery > 0);
    assertTrue(ACCESS.stream().anyMatch(a -> a.userAgent().startsWith("curl/")));
    assertTrue(ACCESS.stream().anyMatch(a -> a.userAgent().contains("Googlebot")));
    assertTrue(ACCESS.stream().anyMatch(a -> a.userAgent().contains("Chrome/")));
    assertTrue(ACCESS.stream().anyMatch(a -> a.target().contains("\\\"")),
        "some request lines hold escaped quotes");
    long gets = ACCESS.stream().filter(a -> a.method().equals("GET")).count();
    assertTrue(gets / n > 0.6, "GET share " + gets / n);
    long ok = ACCESS.stream().filter(a -> a.status() == 200).count();
    assertTrue(ok / n > 0.5, "200 share " + ok / n);
  }

  @Test
  void appLinesCarryEventsAndNodeMetadata() {
    Set<String> services = new HashSet<>();
    Set<String> levels = new HashSet<>();
    Set<String> eventIds = new HashSet<>();
    long security = 0;
    long emergency = 0;
    for (JsonNode json : APP) {
      services.add(json.get("service").asText());
      levels.add(json.get("level").asText());
      eventIds.add(json.get("event_id").asText());
      String message = json.get("message").asText();
      security += message.startsWith("[SECURITY]") ? 1 : 0;
      String level = json.get("level").asText();
      emergency += level.equals("CRITICAL") || level.equals("EMERGENCY") ? 1 : 0;
    }
    assertEquals(GeneratedFiles.SERVICES, services);
    assertEquals(GeneratedFiles.LEVELS, levels);
    assertEquals(APP.size(), eventIds.size(), "event ids are unique");
    assertEquals(summary.securityEvents(), security);
    assertEquals(summary.emergencyEvents(), emergency);
    assertTrue(security > 0 && emergency > 0);
    long info = APP.stream().filter(j -> j.get("level").asText().equals("INFO")).count();
    assertTrue(info > APP.size() / 2, "INFO is the most common level");

    List<String> messages = APP.stream().map(j -> j.get("message").asText()).toList();
    assertTrue(messages.stream().anyMatch(m -> m.matches("User \\S+@\\S+ logged in from \\S+")));
    assertTrue(messages.stream().anyMatch(m -> m.matches("cpu=\\d+% mem=\\d+% disk=\\d+%")));
    assertTrue(messages.stream().anyMatch(m -> m.matches("query \\w+ took \\d+ ms")));
    assertTrue(messages.stream().anyMatch(m -> m.contains("token=")));
    assertTrue(messages.stream().anyMatch(m -> m.contains("password")));
    assertTrue(messages.stream().anyMatch(m -> m.matches(".*\\b\\d{1,3}(\\.\\d{1,3}){3}\\b.*")));
  }

  @Test
  void eachNodeKeepsItsMetadata() {
    Map<String, Set<String>> hostnames = new HashMap<>();
    for (JsonNode json : APP) {
      hostnames.computeIfAbsent(json.get("node").asText(), k -> new HashSet<>())
          .add(json.get("hostname").asText() + " " + json.get("public_ip").asText() + " "
              + json.get("private_ip").asText() + " " + json.get("version").asText());
    }
    assertEquals(8, hostnames.size());
    hostnames.forEach((node, values) -> assertEquals(1, values.size(), node + ": " + values));
  }

  @Test
  void malformedLinesComeInSeveralKinds() {
    assertTrue(INVALID_SAMPLES.stream().anyMatch(s -> s.equals("ACCESS: ")
        || s.equals("APP: ")), "an empty line");
    assertTrue(INVALID_SAMPLES.stream().anyMatch(s -> s.startsWith("APP: {")), "cut JSON");
    assertTrue(INVALID_SAMPLES.stream().anyMatch(s -> s.matches("ACCESS: \\S+ - \\S+ \\[.*")),
        "a truncated or badly dated access line");
    assertNotNull(INVALID_SAMPLES.stream().filter(s -> s.chars().anyMatch(c -> c == 0xfffd || c == 0))
        .findAny().orElse(null), "binary junk");
  }
}
