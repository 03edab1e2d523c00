package io.logyard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one vocabulary of secret names: which keys, headers, JSON fields, query parameters,
 * attributes and configuration keys hold a secret. It serves both the privacy step (a value
 * under such a name is redacted in every format) and {@link Masking} (what is shown on screen).
 *
 * <p>A name is compared in any case and any separator style ({@code apiKey}, {@code api-key},
 * {@code API_KEY}, {@code api.key}). It is secret when it is one of a few exact names ({@code
 * pwd}, {@code sig}, {@code session}...), or holds a secret fragment ({@code refresh_token},
 * {@code db.password}, {@code x-amz-security-token}), or ends in a separated {@code key} ({@code
 * subscription-key}); unless the words after the secret part rename it ({@code token_file},
 * {@code fs.s3a.aws.credentials.provider}, {@code max_tokens}, {@code password_hint}).
 */
public final class SecretNames {

  /** Normalized names (lower case, no separators) that are secrets by themselves. */
  private static final String[] EXACT = {
    "key", "sig", "pwd", "pass", "passwd", "password", "secret", "token", "auth", "jwt", "otp",
    "sid", "apikey", "signature", "credential", "credentials", "authorization", "awsaccesskeyid",
    "session", "cookie", "cookies", "setcookie"
  };

  /** Only in URLs: OAuth authorization codes and one-time codes travel as query parameters. */
  private static final String[] EXACT_URL = {"code", "pin", "ticket"};

  /** Normalized fragments that make a name secret: {@code refresh_token}, {@code db.password}. */
  private static final String[] CONTAINS = {
    "token", "passw", "passphrase", "pwd", "secret", "signature", "credential", "apikey",
    "accesskey", "accountkey", "privatekey", "secretkey", "sessionid", "sessid", "sessionkey",
    "authoriz", "xamzsecurity", "cookie"
  };

  /** Normalized endings that make a name secret: {@code user_session}. */
  private static final String[] ENDS = {"session"};

  /** Normalized endings that name a count or a kind, not a secret: {@code max_tokens}. */
  private static final String[] NOT_SECRET_SUFFIXES = {
    "tokens", "type", "count", "length", "len", "expires", "expiresin", "ttl", "policy",
    "required", "enabled", "changed", "reset", "hint", "file", "path", "provider", "providers",
    "version", "algorithm"
  };

  /** Words that, standing after the secret part of a name, make it name something else. */
  private static final Set<String> RENAMING_WORDS =
      Set.of(
          "provider", "providers", "type", "impl", "class", "file", "env", "enabled", "enable",
          "endpoint", "url", "uri", "path", "expiry", "expires", "algorithm", "length", "ttl",
          "name", "manager", "calculation", "validation", "mode", "version", "count", "hint",
          "policy", "required", "format", "size", "location", "dir");

  /** Letters (as bits a..z) each name of {@link #EXACT}, {@link #CONTAINS}, "key" needs. */
  private static final int[] NEEDED_LETTERS;

  /** The same for {@link #EXACT_URL}. */
  private static final int[] NEEDED_LETTERS_URL;

  static {
    List<String> all = new ArrayList<>(List.of(EXACT));
    all.addAll(List.of(CONTAINS));
    all.addAll(List.of(ENDS));
    NEEDED_LETTERS = new int[all.size()];
    for (int k = 0; k < all.size(); k++) {
      NEEDED_LETTERS[k] = letters(all.get(k), 0, all.get(k).length());
    }
    NEEDED_LETTERS_URL = new int[EXACT_URL.length];
    for (int i = 0; i < EXACT_URL.length; i++) {
      NEEDED_LETTERS_URL[i] = letters(EXACT_URL[i], 0, EXACT_URL[i].length());
    }
  }

  private SecretNames() {}

  /** Whether {@code name} names a secret (query-only names such as {@code code} not counted). */
  public static boolean isSecretName(CharSequence name) {
    return isSecretName(name, false);
  }

  /**
   * Whether a parameter, header, JSON field, attribute or configuration key names a secret.
   *
   * @param url also count names that are secret in query strings only ({@code code}, {@code
   *     pin}, {@code ticket})
   */
  public static boolean isSecretName(CharSequence name, boolean url) {
    if (name == null) {
      return false;
    }
    int len = name.length();
    if (len == 0 || len > 128) {
      return false;
    }
    List<String> words = words(name);
    String n = String.join("", words);
    if (n.isEmpty()) {
      return false;
    }
    if (isExact(n, url)) {
      return true;
    }
    if (!isSecretCore(words, n, url)) {
      return false;
    }
    // "token_file", "fs.azure.sas.token.provider.type.acct": a later word renames the secret
    for (int i = 1; i < words.size(); i++) {
      if (RENAMING_WORDS.contains(words.get(i))
          && isSecretCore(words.subList(0, i), String.join("", words.subList(0, i)), url)
          && !isSecretCore(
              words.subList(i + 1, words.size()),
              String.join("", words.subList(i + 1, words.size())),
              url)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #isSecretName} for {@code s[from, to)}, with a cheap first test that allocates nothing:
   * a name lacking the letters of every secret name ({@code status}, {@code bytes}) is not one.
   */
  public static boolean isSecretName(String s, int from, int to, boolean url) {
    if (to - from <= 0 || to - from > 64) {
      return false;
    }
    int m = letters(s, from, to);
    boolean candidate = false;
    for (int needed : NEEDED_LETTERS) {
      if ((m & needed) == needed) {
        candidate = true;
        break;
      }
    }
    if (!candidate && url) {
      for (int needed : NEEDED_LETTERS_URL) {
        if ((m & needed) == needed) {
          candidate = true;
          break;
        }
      }
    }
    if (!candidate) {
      return false;
    }
    String name = s.substring(from, to);
    java.util.Map<String, Boolean> known = url ? KNOWN_URL : KNOWN;
    Boolean verdict = known.get(name);
    if (verdict == null) {
      verdict = isSecretName(name, url);
      if (known.size() < KNOWN_MAX) known.put(name, verdict);
    }
    return verdict;
  }

  /**
   * Verdicts of {@link #isSecretName(String, int, int, boolean)} for names already asked about:
   * logs repeat a few parameter and field names millions of times, and the full test splits each
   * into words. Bounded: names past the first {@value #KNOWN_MAX} are tested each time.
   */
  private static final java.util.Map<String, Boolean> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<String, Boolean> KNOWN_URL = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int KNOWN_MAX = 4096;

  /** Characters of a key name: letters, digits, {@code _ - .}. */
  public static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }

  private static boolean isExact(String n, boolean url) {
    for (String e : EXACT) {
      if (n.equals(e)) {
        return true;
      }
    }
    if (url) {
      for (String e : EXACT_URL) {
        if (n.equals(e)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSecretCore(List<String> words, String n, boolean url) {
    if (n.isEmpty()) {
      return false;
    }
    if (isExact(n, url)) {
      return true;
    }
    for (String s : NOT_SECRET_SUFFIXES) {
      if (n.endsWith(s)) {
        return false;
      }
    }
    for (String c : CONTAINS) {
      if (n.contains(c)) {
        return true;
      }
    }
    for (String e : ENDS) {
      if (n.endsWith(e)) {
        return true;
      }
    }
    // subscription-key, api_key, x.key, encryptionKey: a separate word "key" last; not "monkey"
    return words.size() > 1 && words.get(words.size() - 1).equals("key");
  }

  /** The lower-case words of a name: split at {@code - _ .}, blanks and camelCase humps. */
  private static List<String> words(CharSequence name) {
    List<String> words = new ArrayList<>(4);
    StringBuilder w = new StringBuilder();
    char prev = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.' || c == ' ' || c == '/' || c == ':') {
        flush(words, w);
      } else {
        boolean upper = c >= 'A' && c <= 'Z';
        if (upper && prev >= 'a' && prev <= 'z') {
          flush(words, w);
        }
        w.append(upper ? (char) (c + ('a' - 'A')) : Character.toLowerCase(c));
      }
      prev = c;
    }
    flush(words, w);
    return words;
  }

  private static void flush(List<String> words, StringBuilder w) {
    if (w.length() > 0) {
      words.add(w.toString());
      w.setLength(0);
    }
  }

  /** The set of ASCII letters in {@code [from, to)}, case-insensitive, as bits a=0 .. z=25. */
  private static int letters(CharSequence s, int from, int to) {
    int m = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        m |= 1 << (c - 'a');
      } else if (c >= 'A' && c <= 'Z') {
        m |= 1 << (c - 'A');
      }
    }
    return m;
  }
}
