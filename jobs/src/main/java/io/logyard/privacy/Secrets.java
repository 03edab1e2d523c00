package io.logyard.privacy;

/** What counts as a secret: parameter and header names, authorization schemes, token shapes. */
final class Secrets {

  static final String REDACTED = "[REDACTED]";

  /** Normalized names (lower case, without {@code - _ .}) that are secrets by themselves. */
  private static final String[] EXACT = {
    "key", "sig", "pwd", "pass", "passwd", "password", "secret", "token", "auth", "jwt", "otp",
    "sid", "apikey", "signature", "credential", "credentials", "authorization", "awsaccesskeyid"
  };

  /** Only in URLs: OAuth authorization codes and one-time codes travel as query parameters. */
  private static final String[] EXACT_URL = {"code", "pin", "ticket"};

  /** Normalized fragments that make a name secret: {@code refresh_token}, {@code db.password}. */
  private static final String[] CONTAINS = {
    "token", "passw", "passphrase", "pwd", "secret", "signature", "credential", "apikey",
    "accesskey", "privatekey", "secretkey", "sessionid", "sessid", "authoriz", "xamzsecurity"
  };

  /** Normalized endings that name a count or a kind, not a secret: {@code max_tokens}. */
  private static final String[] NOT_SECRET_SUFFIXES = {
    "tokens", "type", "count", "length", "len", "expires", "expiresin", "ttl", "policy",
    "required", "enabled", "changed", "reset", "hint"
  };

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

  /** Letters (as bits a..z) each name of {@link #EXACT}, {@link #CONTAINS} and "key" needs. */
  private static final int[] NEEDED_LETTERS;

  /** The same for {@link #EXACT_URL}. */
  private static final int[] NEEDED_LETTERS_URL;

  static {
    int k = 0;
    NEEDED_LETTERS = new int[EXACT.length + CONTAINS.length + 1];
    for (String e : EXACT) {
      NEEDED_LETTERS[k++] = letters(e, 0, e.length());
    }
    for (String c : CONTAINS) {
      NEEDED_LETTERS[k++] = letters(c, 0, c.length());
    }
    NEEDED_LETTERS[k] = letters("key", 0, 3);
    NEEDED_LETTERS_URL = new int[EXACT_URL.length];
    for (int i = 0; i < EXACT_URL.length; i++) {
      NEEDED_LETTERS_URL[i] = letters(EXACT_URL[i], 0, EXACT_URL[i].length());
    }
  }

  private Secrets() {}

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

  /**
   * {@link #isSecretName} for {@code s[from, to)}, with a cheap first test that allocates nothing:
   * a name lacking the letters of every secret name ({@code status}, {@code bytes}) is not one.
   */
  static boolean isSecretName(String s, int from, int to, boolean url) {
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
    return candidate && isSecretName(s.substring(from, to), url);
  }

  static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }

  /**
   * Whether a parameter, header or JSON key names a secret.
   *
   * @param url also count names that are secret in query strings only ({@code code}, {@code
   *     state}, ...)
   */
  static boolean isSecretName(CharSequence name, boolean url) {
    int len = name.length();
    if (len == 0 || len > 64) {
      return false;
    }
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.' || c == ' ') {
        continue;
      }
      sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    String n = sb.toString();
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
    // subscription-key, api_key, x.key: a separated "key" ending; not "monkey"
    if (len > 4 && n.endsWith("key")) {
      char sep = name.charAt(len - 4);
      return sep == '-' || sep == '_' || sep == '.';
    }
    return false;
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
