package io.logyard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.Cli;
import io.logyard.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's strictness as a user meets it: exit code 2 and the problem on stderr. */
class ConfigCommandLineTest {
  @TempDir Path dir;

  private Path log() throws IOException {
    return Files.writeString(dir.resolve("a.log"), "203.0.113.57 - - [20/Nov/2026:10:00:03 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"\n");
  }

  @Test
  void aMistypedSetKeyStopsTheCommand() throws IOException {
    Cli.Result r = Cli.capture("parse", "--format", "combined", "--set", "privacy.hmac_key_file=" + dir.resolve("key"),
        "--set", "privacy.hmac_key_create=true", "--set", "pipeline.setle_seconds=300", log().toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("pipeline.setle_seconds: unknown key (from --set; did you mean pipeline.settle_seconds?)"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void aBrokenFileSaysFileLineAndColumn() throws IOException {
    Path conf = Files.writeString(dir.resolve("broken.yaml"), "warehouse: {path: /tmp/wh}\nsources: [\n  {name: a, token: \"Hunter2Plant\"\n");
    Cli.Result r = Cli.capture("parse", "--format", "combined", "--conf", conf.toString(), log().toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("invalid configuration " + conf + ":\n  not valid YAML at line 4, column 1: expected ',' or '}'"), r.err());
    assertFalse(r.err().contains("Hunter2Plant"), r.err());
  }

  @Test
  void configKeysPrintsTheReference() {
    Cli.Result r = Cli.capture("config-keys");
    assertEquals(0, r.code(), r.err());
    assertEquals(ConfigKeys.markdown(), r.out());
  }
}
