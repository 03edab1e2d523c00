package io.logyard.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.generate.GenerationSummary.FileSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogGeneratorLayoutTest {

  /** The layout contract, written out literally: conf/local.yaml relies on exactly these paths. */
  private static final Map<Provider, Pattern> LAYOUT = Map.of(
      Provider.AWS, Pattern.compile("aws/logyard-logs/AWSLogs/123456789012/us-east-1/"
          + "(access|app)/2026/11/20/aws-node-[12]-20261120T10[0-5][05]\\.log(\\.gz)?"),
      Provider.GCP, Pattern.compile("gcp/logyard-logs-gcp/"
          + "(access|app)/2026/11/20/gcp-node-[12]-20261120T10[0-5][05]\\.log(\\.gz)?"),
      Provider.AZURE, Pattern.compile("azure/logyard/"
          + "(access|app)/y=2026/m=11/d=20/azure-node-[12]-20261120T10[0-5][05]\\.log(\\.gz)?"),
      Provider.OCI, Pattern.compile("oci/logyard-logs/"
          + "(access|app)/2026-11-20/oci-node-[12]-20261120T10[0-5][05]\\.log(\\.gz)?"));

  @TempDir Path out;

  @Test
  void everyFileFollowsItsProvidersLayout() throws IOException {
    GenerationSummary summary = LogGenerator.generate(GeneratorOptions.defaults(), out);

    Set<String> written = GeneratedFiles.tree(out).keySet();
    // 4 providers x 2 nodes x 2 kinds x 6 windows of 5 minutes
    assertEquals(96, written.size());
    assertEquals(written, summary.files().stream().map(FileSummary::relativePath)
        .collect(Collectors.toSet()));
    for (String path : written) {
      Provider provider = Provider.fromId(path.substring(0, path.indexOf('/')));
      assertTrue(LAYOUT.get(provider).matcher(path).matches(), path);
    }
    for (Provider p : Provider.values()) {
      for (String kind : List.of("access", "app")) {
        for (int node = 1; node <= 2; node++) {
          String name = "/" + p.id() + "-node-" + node + "-";
          long windows = written.stream()
              .filter(f -> f.startsWith(p.id() + "/") && f.contains("/" + kind + "/"))
              .filter(f -> f.contains(name))
              .count();
          assertEquals(6, windows, p + " " + kind + " node " + node);
        }
      }
    }
  }

  @Test
  void everyProviderHasGzipAndPlainFiles() throws IOException {
    GenerationSummary summary =
        LogGenerator.generate(GeneratorOptions.defaults().withMinutes(5), out);
    for (Provider p : Provider.values()) {
      List<FileSummary> files = summary.files(p);
      assertTrue(files.stream().anyMatch(FileSummary::gzip), p + " has no .gz file");
      assertTrue(files.stream().anyMatch(f -> !f.gzip()), p + " has no plain file");
      for (FileSummary f : files) {
        assertEquals(f.gzip(), f.relativePath().endsWith(".log.gz"), f.relativePath());
        byte[] raw = Files.readAllBytes(out.resolve(f.relativePath()));
        boolean gzipMagic = raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        assertEquals(f.gzip(), gzipMagic, f.relativePath());
      }
    }
  }

  @Test
  void relativePathRendersEachTemplate() {
    Instant window = Instant.parse("2026-01-02T03:05:00Z");
    assertEquals("aws/logyard-logs/AWSLogs/123456789012/us-east-1/access/2026/01/02/"
            + "aws-node-1-20260102T0305.log.gz",
        ProviderLayout.relativePath(Provider.AWS, LogKind.ACCESS, "aws-node-1", window, true));
    assertEquals("gcp/logyard-logs-gcp/app/2026/01/02/gcp-node-2-20260102T0305.log",
        ProviderLayout.relativePath(Provider.GCP, LogKind.APP, "gcp-node-2", window, false));
    assertEquals("azure/logyard/app/y=2026/m=01/d=02/azure-node-1-20260102T0305.log",
        ProviderLayout.relativePath(Provider.AZURE, LogKind.APP, "azure-node-1", window, false));
    assertEquals("oci/logyard-logs/access/2026-01-02/oci-node-3-20260102T0305.log.gz",
        ProviderLayout.relativePath(Provider.OCI, LogKind.ACCESS, "oci-node-3", window, true));
  }

  @Test
  void filesRotateOnTheClocksFiveMinuteBoundaries() throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults()
        .withProviders(List.of(Provider.GCP))
        .withNodesPerProvider(1)
        .withStart(Instant.parse("2026-11-20T23:58:30Z"))
        .withMinutes(7);
    GenerationSummary summary = LogGenerator.generate(options, out);

    Set<String> windows = summary.files().stream()
        .map(f -> f.windowStart().toString()).collect(Collectors.toSet());
    // 23:58:30 .. 00:05:30 touches the windows 23:55, 00:00 and 00:05, across midnight
    assertEquals(Set.of("2026-11-20T23:55:00Z", "2026-11-21T00:00:00Z", "2026-11-21T00:05:00Z"),
        windows);
    // the partial first window is named by its first minute, the others by their window start
    Set<String> names = summary.files().stream()
        .map(f -> f.relativePath().replaceAll("\\.log(\\.gz)?$", ""))
        .collect(Collectors.toSet());
    assertEquals(Set.of(
        "gcp/logyard-logs-gcp/access/2026/11/20/gcp-node-1-20261120T2358",
        "gcp/logyard-logs-gcp/app/2026/11/20/gcp-node-1-20261120T2358",
        "gcp/logyard-logs-gcp/access/2026/11/21/gcp-node-1-20261121T0000",
        "gcp/logyard-logs-gcp/app/2026/11/21/gcp-node-1-20261121T0000",
        "gcp/logyard-logs-gcp/access/2026/11/21/gcp-node-1-20261121T0005",
        "gcp/logyard-logs-gcp/app/2026/11/21/gcp-node-1-20261121T0005"), names);
    // 40 lines a minute: 1.5 + 5 + 0.5 minutes
    Map<Instant, Long> lines = summary.files().stream()
        .filter(f -> f.kind() == LogKind.ACCESS)
        .collect(Collectors.toMap(FileSummary::windowStart, FileSummary::lines));
    assertEquals(60, lines.get(Instant.parse("2026-11-20T23:55:00Z")));
    assertEquals(200, lines.get(Instant.parse("2026-11-21T00:00:00Z")));
    assertEquals(20, lines.get(Instant.parse("2026-11-21T00:05:00Z")));
  }

  @Test
  void aLaterRunCompletingAWindowAddsFilesInsteadOfReplacingThem() throws IOException {
    GeneratorOptions first = GeneratorOptions.defaults()
        .withProviders(List.of(Provider.AZURE)).withNodesPerProvider(1).withMinutes(7);
    GenerationSummary a = LogGenerator.generate(first, out);
    GenerationSummary b = LogGenerator.generate(
        first.withStart(first.end()).withMinutes(3), out);

    Set<String> before = a.files().stream().map(FileSummary::relativePath)
        .collect(Collectors.toSet());
    Set<String> added = b.files().stream().map(FileSummary::relativePath)
        .collect(Collectors.toSet());
    assertTrue(added.stream().noneMatch(before::contains), added + " vs " + before);
    assertEquals(before.size() + added.size(), GeneratedFiles.tree(out).size());
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws IOException {
    LogGenerator.generate(GeneratorOptions.defaults().withMinutes(10), out);
    assertTrue(GeneratedFiles.tree(out).keySet().stream()
        .noneMatch(p -> p.contains("/.") || p.endsWith(".tmp")));
  }
}
