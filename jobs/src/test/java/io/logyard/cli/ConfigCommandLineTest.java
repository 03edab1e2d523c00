package io.logyard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.ConfigKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's strictness as a user meets it: exit code 2 and the problem on stderr. */
class ConfigCommandLineTest {
  @TempDir Path dir;

  private record Out(int code, String stdout, String stderr) {}

  private static Out run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private Path log() throws IOException {
    return Files.writeString(dir.resolve("a.log"), "203.0.113.57 - - [20/Nov/2026:10:00:03 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"\n");
  }

  @Test
  void aMistypedSetKeyStopsTheCommand() throws IOException {
    Out r = run("parse", "--format", "combined", "--set", "privacy.hmac_key_file=" + dir.resolve("key"),
        "--set", "privacy.hmac_key_create=true", "--set", "pipeline.setle_seconds=300", log().toString());
    assertEquals(2, r.code(), r.stderr());
    assertTrue(r.stderr().contains("pipeline.setle_seconds: unknown key (from --set; did you mean pipeline.settle_seconds?)"), r.stderr());
    assertEquals("", r.stdout());
  }

  @Test
  void aBrokenFileSaysFileLineAndColumn() throws IOException {
    Path conf = Files.writeString(dir.resolve("broken.yaml"), "warehouse: {path: /tmp/wh}\nsources: [\n  {name: a, token: \"Hunter2Plant\"\n");
    Out r = run("parse", "--format", "combined", "--conf", conf.toString(), log().toString());
    assertEquals(2, r.code(), r.stderr());
    assertTrue(r.stderr().startsWith("invalid configuration " + conf + ":\n  not valid YAML at line 4, column 1: expected ',' or '}'"), r.stderr());
    assertFalse(r.stderr().contains("Hunter2Plant"), r.stderr());
  }

  @Test
  void configKeysPrintsTheReference() {
    Out r = run("config-keys");
    assertEquals(0, r.code(), r.stderr());
    assertEquals(ConfigKeys.markdown(), r.stdout());
  }
}
