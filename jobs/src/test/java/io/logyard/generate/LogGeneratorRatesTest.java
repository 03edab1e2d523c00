package io.logyard.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logyard.generate.GenerationSummary.FileSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogGeneratorRatesTest {

  @TempDir Path tmp;

  @Test
  void sharesFollowTheConfiguredRatesOnALargerRun() throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults()
        .withNodesPerProvider(1)
        .withLinesPerMinute(200)
        .withMalformedRate(0.05)
        .withEmergencyRate(0.02)
        .withSecurityRate(0.03);
    GenerationSummary summary = LogGenerator.generate(options, tmp);

    long lines = summary.totalLines();
    assertEquals(4 * 2 * 30 * 200, lines);
    double malformed = (double) summary.malformedLines() / lines;
    assertTrue(malformed > 0.045 && malformed < 0.055, "malformed share " + malformed);

    long appLines = summary.files().stream().filter(f -> f.kind() == LogKind.APP)
        .mapToLong(FileSummary::lines).sum();
    double emergency = (double) summary.emergencyEvents() / appLines;
    double security = (double) summary.securityEvents() / appLines;
    assertTrue(emergency > 0.015 && emergency < 0.025, "emergency share " + emergency);
    assertTrue(security > 0.024 && security < 0.036, "security share " + security);
  }

  @Test
  void zeroRatesWriteOnlyWellFormedOrdinaryLines() throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults()
        .withMalformedRate(0).withEmergencyRate(0).withSecurityRate(0).withMinutes(10);
    GenerationSummary summary = LogGenerator.generate(options, tmp);

    assertEquals(0, summary.malformedLines());
    assertEquals(0, summary.emergencyEvents());
    assertEquals(0, summary.securityEvents());
    for (FileSummary f : summary.files()) {
      Instant window = f.windowStart();
      for (String line : GeneratedFiles.lines(GeneratedFiles.content(tmp.resolve(f.relativePath())))) {
        if (f.kind() == LogKind.ACCESS) {
          assertTrue(GeneratedFiles.access(line, window) != null, f.relativePath() + ": " + line);
        } else {
          JsonNode json = GeneratedFiles.app(line, window, f.provider(), f.node());
          assertTrue(json != null, f.relativePath() + ": " + line);
          String level = json.get("level").asText();
          assertTrue(!level.equals("CRITICAL") && !level.equals("EMERGENCY"), line);
          assertTrue(!json.get("message").asText().contains("[SECURITY]"), line);
        }
      }
    }
  }

  @Test
  void rateOneMakesEveryLineMalformed() throws IOException {
    GenerationSummary summary = LogGenerator.generate(
        GeneratorOptions.defaults().withMalformedRate(1).withMinutes(5), tmp);
    assertEquals(summary.totalLines(), summary.malformedLines());
  }
}
