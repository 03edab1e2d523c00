package io.logyard.privacy;

import io.logyard.config.SecretNames;

/**
 * What counts as a secret: authorization schemes and token shapes; secret names come from the
 * one vocabulary, {@link SecretNames}.
 */
final class Secrets {

  static final String REDACTED = "[REDACTED]";

  /** Authorization schemes whose credentials follow after a blank. */
  private static final String[] SCHEMES = {
    "Bearer", "Basic", "Digest", "Token", "Negotiate", "NTLM", "OAuth", "AWS4-HMAC-SHA256",
    "AWS", "SharedKey", "SharedKeyLite", "SharedAccessSignature", "ApiKey", "GoogleLogin"
  };

  /** Prefixes of well-known credential formats, with the least length of the whole token. */
  private static final String[] TOKEN_PREFIXES = {
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-",
    "xoxs-", "xapp-", "AIza", "sk_live_", "rk_live_", "sk-"
  };

  private static final int[] TOKEN_MIN_LENGTH = {
    30, 30, 30, 30, 30, 40, 24, 20, 20, 20, 20, 20, 39, 24, 24, 40
  };

  private Secrets() {}

  /** {@link SecretNames#isSecretName(String, int, int, boolean)}: the one vocabulary. */
  static boolean isSecretName(String s, int from, int to, boolean url) {
    return SecretNames.isSecretName(s, from, to, url);
  }

  /** {@link SecretNames#isSecretName(CharSequence, boolean)}: the one vocabulary. */
  static boolean isSecretName(CharSequence name, boolean url) {
    return SecretNames.isSecretName(name, url);
  }

  static boolean isKeyChar(char c) {
    return SecretNames.isKeyChar(c);
  }

  /**
   * The length of the authorization scheme (and its blank) at {@code i}, or 0. Letter case of the
   * scheme is ignored; at least one blank must follow.
   */
  static int schemeLength(String s, int i) {
    for (String scheme : SCHEMES) {
      int l = scheme.length();
      if (s.regionMatches(true, i, scheme, 0, l) && i + l < s.length() && s.charAt(i + l) == ' ') {
        int j = i + l;
        while (j < s.length() && s.charAt(j) == ' ') {
          j++;
        }
        return j - i;
      }
    }
    return 0;
  }

  /** Characters of bearer tokens, base64 and base64url blobs. */
  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~'
        || c == '+'
        || c == '/'
        || c == '=';
  }

  /**
   * Whether {@code [from, to)} looks like a credential rather than a word: at least 8 token
   * characters with a digit, a base64 symbol, or upper case after the first letter.
   */
  static boolean looksLikeCredential(String s, int from, int to) {
    if (to - from < 8) {
      return false;
    }
    boolean lower = false;
    boolean upperInside = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isTokenChar(c)) {
        return false;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=') {
        return true;
      }
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z' && i > from) {
        upperInside = true;
      }
    }
    return lower && upperInside;
  }

  /**
   * The end of a well-known credential starting at {@code i} (an AWS access key id, a JSON Web
   * Token, a GitHub, GitLab, Slack, Google API or Stripe key), or -1.
   */
  static int credentialEnd(String s, int i) {
    int n = s.length();
    char c = s.charAt(i);
    if (c == 'A' && i + 20 <= n && (s.startsWith("AKIA", i) || s.startsWith("ASIA", i))) {
      int j = i + 4;
      while (j < n && j < i + 20 && isUpperOrDigit(s.charAt(j))) {
        j++;
      }
      if (j == i + 20 && (j == n || !isAlnum(s.charAt(j)))) {
        return j;
      }
      return -1;
    }
    if (c == 'e' && s.startsWith("eyJ", i)) {
      int j = i;
      int dots = 0;
      while (j < n) {
        char d = s.charAt(j);
        if (d == '.') {
          dots++;
        } else if (!isAlnum(d) && d != '-' && d != '_') {
          break;
        }
        j++;
      }
      return dots >= 2 && j - i >= 20 ? j : -1;
    }
    for (int p = 0; p < TOKEN_PREFIXES.length; p++) {
      String prefix = TOKEN_PREFIXES[p];
      if (prefix.charAt(0) == c && s.startsWith(prefix, i)) {
        int j = i + prefix.length();
        while (j < n && (isAlnum(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '-')) {
          j++;
        }
        return j - i >= TOKEN_MIN_LENGTH[p] ? j : -1;
      }
    }
    return -1;
  }

  /** Whether a credential can start with {@code c} (see {@link #credentialEnd}). */
  static boolean mayStartCredential(char c) {
    return c == 'A' || c == 'e' || c == 'g' || c == 'x' || c == 's' || c == 'r';
  }

  static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isUpperOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
