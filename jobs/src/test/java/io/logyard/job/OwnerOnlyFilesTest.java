package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.ConfigException;
import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file that holds a secret (a source's {@code *_file}, {@code bigquery.credentials_file},
 * {@code privacy.hmac_key_file}) goes through one check with one behaviour: whatever keeps it from
 * being a regular file only its owner can read (group or others can, it is a directory, its
 * attributes cannot be read) refuses it, saying the path and why.
 */
class OwnerOnlyFilesTest {
  @TempDir Path dir;

  /** The problem reported under {@code keyPath} when {@code load} meets the file, without the key path. */
  private static Function<Path, String> problem(String keyPath, Function<Path, Object> load) {
    return file -> {
      ConfigException e = assertThrows(ConfigException.class, () -> load.apply(file), keyPath + " accepted " + file);
      assertEquals(1, e.problems().size(), e.problems().toString());
      String p = e.problems().get(0);
      assertTrue(p.startsWith(keyPath), p);
      return p.substring(keyPath.length());
    };
  }

  private static LogyardConfig configWith(String yaml) {
    return ConfigLoader.parseYaml("t", "warehouse: {path: /tmp/wh}\n" + yaml
        + "sources: [{name: a, provider: local, uri: /tmp/a, format: combined}]\n", Map.of(), Map.of());
  }

  private static LogyardConfig sourceKey(Path file) {
    return ConfigLoader.parseYaml("t", """
        warehouse: {path: /tmp/wh}
        sources:
          - name: blob
            provider: azure
            uri: abfs://logs@acct.dfs.core.windows.net/x
            format: json
            credentials: {type: shared_key, account_key_file: %s}
        """.formatted(file), Map.of(), Map.of());
  }

  private List<String> allThree(Path file) {
    return List.of(
        problem("bigquery.credentials_file: ", p -> configWith("bigquery: {credentials_file: " + p + "}\n")).apply(file),
        problem("sources[0].credentials.account_key_file: ", OwnerOnlyFilesTest::sourceKey).apply(file),
        problem("privacy.hmac_key_file: ", p -> PrivacySetup.anonymizer(
            new LogyardConfig.Privacy(3, 64, Map.of(), "NO_SUCH_VARIABLE", p.toString(), false), Map.of())).apply(file));
  }

  @Test
  void aFileOthersCanReadIsRefusedEverywhereAlike() throws IOException {
    Path f = dir.resolve("key.json");
    Files.writeString(f, "0123456789abcdef0123456789abcdef");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    String why = f + " is readable by group or others: make it readable by its owner only (chmod 600 " + f + ")";
    assertEquals(List.of(why, why, why), allThree(f));
  }

  @Test
  void aDirectoryIsRefusedEverywhereAlike() throws IOException {
    Path d = Files.createDirectory(dir.resolve("keys"));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    String why = "cannot read " + d + ": not a regular file";
    assertEquals(List.of(why, why, why), allThree(d));
  }

  @Test
  void aFileWhoseAttributesCannotBeReadIsRefusedEverywhereAlike() throws IOException {
    Path loop = dir.resolve("loop");
    Files.createSymbolicLink(loop, loop);
    List<String> reasons = allThree(loop);
    assertTrue(reasons.get(0).startsWith("cannot check who may read " + loop + ": "), reasons.toString());
    assertEquals(List.of(reasons.get(0), reasons.get(0), reasons.get(0)), reasons);
  }
}
