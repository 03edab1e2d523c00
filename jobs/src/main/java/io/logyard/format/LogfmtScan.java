package io.logyard.format;

import com.fasterxml.jackson.core.JsonToken;

/**
 * {@code logfmt}: {@code key=value} pairs separated by spaces, as Go, Heroku and Grafana's tools
 * write them ({@code ts=2026-11-20T10:00:00Z level=info msg="request done" status=200}). A value is
 * bare or double-quoted ({@code \"}, {@code \\}, {@code \n}, {@code \t} unescaped); a bare key
 * means {@code true}; an empty value is kept as empty. The pairs go through the same mapping to
 * columns as {@code json} (options of the same names, logfmt's usual keys by default:
 * {@code ts}, {@code level}/{@code lvl}, {@code msg}); every other pair is an attribute.
 */
final class LogfmtScan {
  private LogfmtScan() {}

  static void scan(String line, JsonScan.Sink sink) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    int p = 0;
    int pairs = 0;
    while (true) {
      while (p < end && line.charAt(p) <= ' ') {
        p++;
      }
      if (p >= end) {
        break;
      }
      int keyFrom = p;
      while (p < end && line.charAt(p) > ' ' && line.charAt(p) != '=' && line.charAt(p) != '"') {
        p++;
      }
      if (p == keyFrom) {
        throw Scan.malformed("expected a key at column " + (p + 1) + ", found "
            + Scan.found(line, p, end));
      }
      String key = line.substring(keyFrom, p);
      if (p >= end || line.charAt(p) != '=') {
        if (p < end && line.charAt(p) == '"') {
          throw Scan.malformed("unexpected '\"' in the key at column " + (p + 1));
        }
        sink.value(key, JsonToken.VALUE_TRUE, "true");
        continue;
      }
      pairs++;
      p++;
      String value;
      if (p < end && line.charAt(p) == '"') {
        int open = p;
        StringBuilder b = new StringBuilder();
        p++;
        while (true) {
          if (p >= end) {
            throw Scan.malformed("unterminated quoted value of '" + Scan.clip(key, 0, key.length())
                + "' starting at column " + (open + 1));
          }
          char c = line.charAt(p);
          if (c == '"') {
            p++;
            break;
          }
          if (c == '\\' && p + 1 < end) {
            char n = line.charAt(p + 1);
            b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
            p += 2;
            continue;
          }
          b.append(c);
          p++;
        }
        if (p < end && line.charAt(p) > ' ') {
          throw Scan.malformed("expected ' ' after the quoted value of '"
              + Scan.clip(key, 0, key.length()) + "' at column " + (p + 1) + ", found "
              + Scan.found(line, p, end));
        }
        value = b.toString();
      } else {
        int from = p;
        while (p < end && line.charAt(p) > ' ') {
          p++;
        }
        value = line.substring(from, p);
      }
      sink.value(key, JsonToken.VALUE_STRING, value);
    }
    if (pairs == 0) {
      throw Scan.malformed(end == 0 ? "empty line" : "no key=value pair in the line");
    }
  }
}
