package io.logyard.privacy;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Scrubs URLs, request lines and query strings: text scrubbing everywhere, and the value of every
 * query parameter whose name is secret-like redacted, percent-encoded values decoded first.
 */
final class UrlScrubber implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String REDACTED = Secrets.REDACTED;

  private final TextScrubber text;

  UrlScrubber(TextScrubber text) {
    this.text = text;
  }

  /**
   * Scrubs a URL, a path with query string, or a request line ({@code GET /p?q HTTP/1.1}): like
   * {@link TextScrubber#scrub}, and in the query string every parameter whose name is secret-like
   * (including {@code code}, {@code pin}, {@code ticket}) gets the value {@code [REDACTED]};
   * percent-encoded parameter values are decoded before they are scrubbed.
   */
  public String scrub(String url) {
    try {
      return scan(url);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** {@link #scrub} without the fail-closed guard. */
  String scan(String url) {
    if (url == null || url.isEmpty()) {
      return url;
    }
    int q = url.indexOf('?');
    return q < 0 || isPlainQuery(url, q) ? text.scrub(url) : scanQuery(url, q);
  }

  /**
   * Whether the query after {@code q} has no percent-escape and no secret-like parameter name, and
   * the path no '=', so that scrubbing the URL as text gives the same result as scrubbing it part
   * by part.
   */
  private static boolean isPlainQuery(String url, int q) {
    int eq = url.indexOf('=');
    if (eq >= 0 && eq < q) {
      return false; // "/p;jsessionid=x?y=1": a value before the query must end at the '?'
    }
    int n = url.length();
    int p = q + 1;
    int nameEnd = -1;
    for (int i = p; i <= n; i++) {
      char c = i < n ? url.charAt(i) : '&';
      if (c == '%') {
        return false;
      }
      if (c == '=' && nameEnd < 0) {
        nameEnd = i;
      } else if (c == '&' || c == '#' || c <= ' ') {
        if (nameEnd > p && Secrets.isSecretName(url, p, nameEnd, true)) {
          return false;
        }
        if (c != '&') {
          return true;
        }
        p = i + 1;
        nameEnd = -1;
      }
    }
    return true;
  }

  /**
   * A query string without its '?' ({@code a=1&token=x}), as some formats store it: scrubbed
   * like the query of {@link #scrub}. A value with a '?' is scrubbed as a URL.
   */
  String scrubQuery(String query) {
    if (query == null || query.isEmpty()) {
      return query;
    }
    try {
      int q = query.indexOf('?');
      return scanQuery(query, q);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** Scrubs {@code url} whose query starts after {@code q} (-1: the whole value is a query). */
  private String scanQuery(String url, int q) {
    int n = url.length();
    int qe = q + 1;
    while (qe < n && url.charAt(qe) != '#' && url.charAt(qe) > ' ') {
      qe++;
    }
    StringBuilder sb = new StringBuilder(n + 16);
    if (q >= 0) {
      sb.append(text.scrub(url.substring(0, q))).append('?');
    }
    int p = q + 1;
    while (p <= qe) {
      int pe = p;
      while (pe < qe && url.charAt(pe) != '&') {
        pe++;
      }
      if (pe > p) {
        appendParameter(sb, url.substring(p, pe));
      }
      if (pe < qe) {
        sb.append('&');
      }
      p = pe + 1;
    }
    if (qe < n) {
      sb.append(text.scrub(url.substring(qe)));
    }
    String result = sb.toString();
    return result.equals(url) ? url : result;
  }

  private void appendParameter(StringBuilder sb, String param) {
    int eq = param.indexOf('=');
    if (eq < 0) {
      sb.append(text.scrub(param));
      return;
    }
    String name = param.substring(0, eq);
    String value = param.substring(eq + 1);
    String decodedName = name.indexOf('%') >= 0 || name.indexOf('+') >= 0 ? decode(name) : name;
    if (Secrets.isSecretName(decodedName, true) && !value.isEmpty()) {
      sb.append(text.scrub(name)).append('=').append(REDACTED);
      return;
    }
    sb.append(text.scrub(name)).append('=');
    if (value.indexOf('%') >= 0) {
      String decoded = decode(value);
      String scrubbed = text.scrub(decoded);
      if (scrubbed.equals(decoded)) {
        sb.append(text.scrub(value));
      } else {
        sb.append(encode(scrubbed));
      }
    } else {
      sb.append(text.scrub(value));
    }
  }

  /** Percent-decoding as in a query string ('+' is a blank); invalid escapes stay as they are. */
  static String decode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '%'
          && i + 2 < n
          && Ip.hexValue(s.charAt(i + 1)) >= 0 && Ip.hexValue(s.charAt(i + 2)) >= 0) {
        bytes.write(Ip.hexValue(s.charAt(i + 1)) * 16 + Ip.hexValue(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c < 128) {
        bytes.write(c);
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Percent-encodes what would change the meaning of a query value; keeps the rest readable. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c > ' ' && c < 127 && "&=#%+\"<>\\^`{|}".indexOf(c) < 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
