package io.logyard.privacy;

import java.security.SecureRandom;

/**
 * Scrubbing for what logyard itself prints (progress lines, error messages, log lines): any of
 * them can quote input, so addresses are masked, e-mail addresses pseudonymized and secrets
 * redacted as in the data ({@link Anonymizer#scrubText}). The pseudonyms use a key drawn per
 * process: they tell two e-mail addresses apart within one run's output and nothing more.
 */
public final class LogText {

  private static final Anonymizer SCRUBBER = new Anonymizer(PrivacyPolicy.defaults(randomKey()));

  private LogText() {}

  /** {@code text} scrubbed; null stays null. */
  public static String scrub(String text) {
    return text == null || text.isEmpty() ? text : SCRUBBER.scrubText(text);
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
