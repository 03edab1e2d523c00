package io.logyard.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: HMAC-SHA256 with a key from a secret. Thread-safe and serializable: the only
 * mutable state is the per-thread {@link Mac}, re-created lazily after deserialization.
 */
final class Pseudonymizer implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String HMAC = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] key;
  private transient volatile ThreadLocal<Mac> macs;

  Pseudonymizer(byte[] key) {
    this.key = key.clone();
    newMac(); // fail at construction, not on the first line, if the JVM lacks HmacSHA256
  }

  /**
   * The keyed pseudonym of a value: {@code "h:"} and the first 16 bytes of HMAC-SHA256(key, UTF-8
   * value) in lower-case hex. Deterministic for one key, unrelated across keys; null stays null.
   */
  public String pseudonymize(String id) {
    if (id == null) {
      return null;
    }
    byte[] h = mac().doFinal(id.getBytes(StandardCharsets.UTF_8));
    return "h:" + HEX.formatHex(h, 0, 16);
  }

  private Mac mac() {
    ThreadLocal<Mac> t = macs;
    if (t == null) {
      synchronized (this) {
        t = macs;
        if (t == null) {
          t = ThreadLocal.withInitial(this::newMac);
          macs = t;
        }
      }
    }
    return t.get();
  }

  Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC + " is not available in this JVM", e);
    }
  }

  /** Whether {@code [from, to)} is one of our pseudonyms: "h:" and 32 lower-case hex digits. */
  static boolean isPseudonym(String s, int from, int to) {
    if (to - from != 34 || !s.startsWith("h:", from)) {
      return false;
    }
    for (int k = from + 2; k < to; k++) {
      char c = s.charAt(k);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
