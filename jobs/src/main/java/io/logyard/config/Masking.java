package io.logyard.config;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that is about to be shown: every secret value the configuration
 * resolved ({@link Secret} registers itself), the value of any {@code key=value} or JSON
 * {@code "key": "value"} pair whose key names a secret, and credentials after an authorization scheme ({@code fs.s3a.secret.key=...},
 * {@code AccountKey=...}, {@code sig=...}). The CLI's error handler and the progress lines go
 * through {@link #mask}; so does the log4j layout that {@code conf/log4j2.properties} sets up.
 */
public final class Masking {
  public static final String MASK = "****";
  /** Shorter values are not masked on their own: they would mask ordinary words and digits. */
  static final int MIN_LENGTH = 6;

  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
  /** {@code key=value} (settings, query strings, connection strings) and {@code "key": "value"} (JSON). */
  private static final Pattern PAIR = Pattern.compile(
      "(?<key>[A-Za-z][A-Za-z0-9_.\\-]*)(?:=|\"\\s*:\\s*\")(?<value>[^\\s\"'&;,]+)");
  /** Credentials after an authorization scheme: {@code Bearer eyJ...}. */
  private static final Pattern SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic|SharedKey|SharedKeyLite)\\s+(?<value>[A-Za-z0-9+/=._:\\-]{8,})");

  private Masking() {}

  /** Remembers a secret value, so that {@link #mask} hides it wherever it appears. */
  public static void register(String value) {
    if (value != null && value.length() >= MIN_LENGTH) {
      VALUES.add(value);
      String trimmed = value.strip();
      if (trimmed.length() >= MIN_LENGTH) VALUES.add(trimmed);
    }
  }

  /** {@code text} with every registered secret and every secret-named key's value replaced by {@value #MASK}. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = text;
    if (!VALUES.isEmpty()) {
      List<String> longestFirst = VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
      for (String v : longestFirst) {
        if (out.contains(v)) out = out.replace(v, MASK);
      }
    }
    Matcher m = PAIR.matcher(out);
    StringBuilder b = null;
    int last = 0;
    while (m.find()) {
      if (!isSecretName(m.group("key")) || m.group("value").equals(MASK)) continue;
      if (b == null) b = new StringBuilder(out.length());
      b.append(out, last, m.start("value")).append(MASK);
      last = m.end("value");
    }
    if (b != null) out = b.append(out, last, out.length()).toString();
    return SCHEME.matcher(out).replaceAll(r -> r.group(1) + " " + MASK);
  }

  /**
   * Whether a configuration key or parameter names a secret value: {@code secret_key},
   * {@code fs.s3a.secret.key}, {@code fs.azure.account.key.ACCOUNT}, {@code sas_token},
   * {@code password}; not {@code fs.azure.sas.token.provider.type} nor {@code token_file}. The
   * vocabulary is {@link SecretNames}, the same the privacy step uses on log data.
   */
  public static boolean isSecretName(String key) {
    return SecretNames.isSecretName(key);
  }
}
