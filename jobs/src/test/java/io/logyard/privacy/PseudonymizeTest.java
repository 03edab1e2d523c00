package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.format.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymizeTest {

  private static final byte[] KEY = "test-key-0123456789".getBytes(StandardCharsets.UTF_8);
  private final Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));

  @Test
  void isTruncatedHmacSha256InHex() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] full = mac.doFinal("alice".getBytes(StandardCharsets.UTF_8));
    String expected = "h:" + HexFormat.of().formatHex(full, 0, 16);
    assertEquals(expected, a.pseudonymize("alice"));
    assertTrue(a.pseudonymize("x").matches("h:[0-9a-f]{32}"));
  }

  @Test
  void deterministicForOneKey() {
    assertEquals(a.pseudonymize("arn:aws:iam::123456789012:user/alice"),
        new Anonymizer(PrivacyPolicy.defaults(KEY.clone())).pseudonymize("arn:aws:iam::123456789012:user/alice"));
    assertEquals(a.pseudonymize(""), a.pseudonymize(""));
  }

  @Test
  void dependsOnKeyAndValue() {
    Anonymizer other = new Anonymizer(PrivacyPolicy.defaults("another-key".getBytes(StandardCharsets.UTF_8)));
    assertNotEquals(a.pseudonymize("alice"), other.pseudonymize("alice"));
    assertNotEquals(a.pseudonymize("alice"), a.pseudonymize("alicf"));
    assertNotEquals(a.pseudonymize("alice"), a.pseudonymize("Alice"));
  }

  @Test
  void nullStaysNull() {
    assertNull(a.pseudonymize(null));
  }

  @Test
  void unicodeValues() {
    assertTrue(a.pseudonymize("Zoë 山田").matches("h:[0-9a-f]{32}"));
  }

  @Test
  void safeAcrossThreads() throws Exception {
    String expected = a.pseudonymize("concurrent");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2000; i++) {
            if (!expected.equals(a.pseudonymize("concurrent"))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void serializableRoundTripKeepsBehaviour() throws Exception {
    Anonymizer custom =
        new Anonymizer(new PrivacyPolicy(2, 48, Map.of("message", Treatment.HASH), KEY));
    String before = custom.pseudonymize("bob@example.com");
    custom.scrubText("warm up the thread-local Mac 1.2.3.4 bob@example.com");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(custom);
    }
    Anonymizer copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Anonymizer) in.readObject();
    }
    assertEquals(before, copy.pseudonymize("bob@example.com"));
    assertEquals(custom.policy(), copy.policy());
    assertEquals("198.51.0.0", copy.maskIp("198.51.100.7"));
    assertEquals("2001:db8:1::", copy.maskIp("2001:db8:1:2::9"));
    LogEvent e = new LogEvent();
    e.message = "hello";
    copy.apply(e);
    assertEquals(custom.pseudonymize("hello"), e.message);
  }
}
