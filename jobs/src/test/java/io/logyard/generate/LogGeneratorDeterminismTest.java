package io.logyard.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogGeneratorDeterminismTest {

  @TempDir Path tmp;

  @Test
  void sameSeedWritesTheSameBytes() throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults().withMinutes(15);
    LogGenerator.generate(options, tmp.resolve("a"));
    LogGenerator.generate(options, tmp.resolve("b"));

    Map<String, byte[]> a = GeneratedFiles.tree(tmp.resolve("a"));
    Map<String, byte[]> b = GeneratedFiles.tree(tmp.resolve("b"));
    assertEquals(a.keySet(), b.keySet());
    for (String path : a.keySet()) {
      assertArrayEquals(a.get(path), b.get(path), path);
    }
  }

  @Test
  void anotherSeedWritesOtherContent() throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults().withMinutes(10);
    LogGenerator.generate(options, tmp.resolve("a"));
    LogGenerator.generate(options.withSeed(43), tmp.resolve("b"));

    Map<String, byte[]> a = GeneratedFiles.tree(tmp.resolve("a"));
    Map<String, byte[]> b = GeneratedFiles.tree(tmp.resolve("b"));
    assertEquals(a.keySet(), b.keySet(), "the layout does not depend on the seed");
    for (String path : a.keySet()) {
      assertFalse(Arrays.equals(a.get(path), b.get(path)), path);
    }
  }

  @Test
  void aFileDoesNotDependOnWhichOtherProvidersAreGenerated() throws IOException {
    GeneratorOptions all = GeneratorOptions.defaults().withMinutes(10);
    LogGenerator.generate(all, tmp.resolve("all"));
    LogGenerator.generate(all.withProviders(List.of(Provider.OCI, Provider.GCP)),
        tmp.resolve("two"));

    Map<String, byte[]> everything = GeneratedFiles.tree(tmp.resolve("all"));
    Map<String, byte[]> two = GeneratedFiles.tree(tmp.resolve("two"));
    assertEquals(2 * 2 * 2 * 2, two.size());
    for (Map.Entry<String, byte[]> e : two.entrySet()) {
      assertArrayEquals(everything.get(e.getKey()), e.getValue(), e.getKey());
    }
  }

  @Test
  void gzipHeadersCarryNoModificationTime() throws IOException {
    GenerationSummary summary =
        LogGenerator.generate(GeneratorOptions.defaults().withMinutes(5), tmp);
    for (GenerationSummary.FileSummary f : summary.files()) {
      if (f.gzip()) {
        byte[] raw = Files.readAllBytes(tmp.resolve(f.relativePath()));
        assertArrayEquals(new byte[4], Arrays.copyOfRange(raw, 4, 8), f.relativePath());
      }
    }
  }
}
