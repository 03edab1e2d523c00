package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.ConfigException;
import io.logyard.config.LogyardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacySetupTest {
  @TempDir Path dir;

  private static LogyardConfig.Privacy privacy(String file, boolean create, Map<String, String> fields) {
    return new LogyardConfig.Privacy(3, 64, fields, "TEST_KEY", file, create);
  }

  @Test
  void createsAPrivateKeyFileOnceAndKeepsUsingIt() throws IOException {
    Path key = dir.resolve("secrets/hmac.key");
    String first = PrivacySetup.anonymizer(privacy(key.toString(), true, Map.of()), Map.of()).pseudonymize("alice@example.com");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    String again = PrivacySetup.anonymizer(privacy(key.toString(), true, Map.of()), Map.of()).pseudonymize("alice@example.com");
    assertEquals(first, again, "the same key file gives the same pseudonyms");
  }

  @Test
  void theEnvironmentWinsOverTheFile() {
    Path key = dir.resolve("k");
    var fromFile = PrivacySetup.anonymizer(privacy(key.toString(), true, Map.of()), Map.of());
    var fromEnv = PrivacySetup.anonymizer(privacy(key.toString(), true, Map.of()), Map.of("TEST_KEY", "0123456789abcdef-env"));
    assertNotEquals(fromFile.pseudonymize("x"), fromEnv.pseudonymize("x"));
  }

  @Test
  void refusesKeysOthersCanReadShortKeysMissingKeysAndUnknownFields() throws IOException {
    Path open = dir.resolve("open.key");
    Files.writeString(open, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    ConfigException e = assertThrows(ConfigException.class, () -> PrivacySetup.anonymizer(privacy(open.toString(), false, Map.of()), Map.of()));
    assertTrue(e.problems().get(0).contains(open + " is readable by group or others"), e.problems().toString());
    assertFalse(e.getMessage().contains("0123456789abcdef"), "the key never appears in a message");

    ConfigException shortKey = assertThrows(ConfigException.class,
        () -> PrivacySetup.anonymizer(privacy(null, false, Map.of()), Map.of("TEST_KEY", "short")));
    assertTrue(shortKey.problems().get(0).contains("fewer than 16 characters"));

    ConfigException none = assertThrows(ConfigException.class,
        () -> PrivacySetup.anonymizer(privacy(dir.resolve("missing").toString(), false, Map.of("clientip", "mask")), Map.of()));
    assertEquals(2, none.problems().size(), none.problems().toString());
    assertTrue(none.problems().stream().anyMatch(p -> p.startsWith("privacy.fields.clientip: unknown field")), none.problems().toString());
  }

  @Test
  void fieldTreatmentsOverrideTheDefaults() {
    var a = PrivacySetup.anonymizer(privacy(dir.resolve("k2").toString(), true, Map.of("client_ip", "keep")), Map.of());
    var e = new io.logyard.format.LogEvent();
    e.clientIp = "203.0.113.57";
    a.apply(e);
    assertEquals("203.0.113.57", e.clientIp);
  }
}
