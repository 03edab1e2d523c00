package io.logyard.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-pass scanner behind {@code combined} and {@code common}: Apache's
 * {@code %h %l %u %t "%r" %>s %b} with an optional leading {@code %v} (vhost) field and, for
 * combined, {@code "%{Referer}i" "%{User-Agent}i"}; anything after that is kept.
 *
 * <p>Trailing fields: {@code X-Forwarded-For="a, b"} goes to {@code x_forwarded_for}; every
 * other trailing field (a response time, a quoted forwarded-for list as Nginx writes it, a
 * {@code key=value} pair, an extra number before the referrer) is kept in order as
 * {@code extra_1}, {@code extra_2}, ... ({@code -} values are counted but not stored). In
 * combined, the first two quoted trailing fields are the referrer and the user agent.
 */
final class AccessLogScanner {
  private AccessLogScanner() {}

  static List<Field> fields(boolean combined) {
    List<Field> f = new ArrayList<>();
    f.add(Field.column("client_ip", FieldType.STRING, "client address (%h) when it is an IP").as(PrivacyKind.ADDRESS));
    f.add(Field.column("timestamp", FieldType.TIMESTAMP, "request time (%t)"));
    f.add(Field.column("http_method", FieldType.STRING, "method of the request line"));
    f.add(Field.column("endpoint", FieldType.STRING, "request path without the query string").as(PrivacyKind.URL));
    f.add(Field.column("http_status", FieldType.INT, "final status (%>s); null for -"));
    f.add(Field.column("response_bytes", FieldType.LONG, "response size (%b); - is 0"));
    if (combined) {
      f.add(Field.column("referrer", FieldType.STRING, "Referer header; null for -").as(PrivacyKind.URL));
      f.add(Field.column("user_agent", FieldType.STRING, "User-Agent header; null for -"));
    }
    f.add(Field.column("alert_level", FieldType.STRING, "ERROR for 5xx, WARN for 4xx, else INFO").as(PrivacyKind.PLAIN));
    f.add(Field.column("message", FieldType.STRING, "the request line as logged").as(PrivacyKind.REQUEST_LINE));
    f.add(Field.attribute("vhost", FieldType.STRING, "leading virtual host field (%v or %v:%p)"));
    f.add(Field.attribute("client_host", FieldType.STRING, "client when it is a host name"));
    f.add(Field.attribute("client_port", FieldType.STRING, "port of a host:port client").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("ident", FieldType.STRING, "identd user (%l); absent for -").as(PrivacyKind.IDENTIFIER));
    f.add(Field.attribute("auth_user", FieldType.STRING, "authenticated user (%u); absent for -").as(PrivacyKind.IDENTIFIER));
    f.add(Field.attribute("protocol", FieldType.STRING, "protocol of the request line").as(PrivacyKind.PLAIN));
    f.add(Field.attribute("query", FieldType.STRING, "query string of the request target").as(PrivacyKind.QUERY));
    f.add(Field.attribute(
        "request", FieldType.STRING, "raw request when it is - or not an HTTP request line")
        .as(PrivacyKind.REQUEST_LINE));
    f.add(Field.attribute(
        "x_forwarded_for", FieldType.STRING, "X-Forwarded-For=\"...\" trailing field")
        .as(PrivacyKind.ADDRESS_LIST));
    return List.copyOf(f);
  }

  static LogEvent scan(String line, boolean combined) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    int p = Scan.skipSpaces(line, 0, end);
    if (p >= end) {
      throw Scan.malformed("empty line");
    }
    LogEvent ev = new LogEvent();

    // Up to four space-separated fields before '[': [vhost] client ident user.
    int s0 = -1;
    int e0 = -1;
    int s1 = -1;
    int e1 = -1;
    int s2 = -1;
    int e2 = -1;
    int s3 = -1;
    int e3 = -1;
    int n = 0;
    while (p < end && (line.charAt(p) != '[' || n < 2 && isBracketedAddress(line, p, end))) {
      if (n == 4) {
        throw Scan.malformed(
            "expected '[' opening the timestamp at column " + (p + 1) + ", found "
                + Scan.found(line, p, end));
      }
      int te = Scan.tokenEnd(line, p, end);
      switch (n) {
        case 0: s0 = p; e0 = te; break;
        case 1: s1 = p; e1 = te; break;
        case 2: s2 = p; e2 = te; break;
        default: s3 = p; e3 = te; break;
      }
      n++;
      p = Scan.skipSpaces(line, te, end);
    }
    if (p >= end) {
      throw Scan.malformed("expected '[' opening the timestamp, found end of line");
    }
    if (n == 3) {
      setPrefix(line, s0, e0, s1, e1, s2, e2, ev);
    } else if (n == 4) {
      ev.attributes.put("vhost", line.substring(s0, e0));
      setPrefix(line, s1, e1, s2, e2, s3, e3, ev);
    } else {
      throw Scan.malformed(
          "expected client, ident and user before the timestamp at column " + (p + 1)
              + ", found " + n + " field" + (n == 1 ? "" : "s"));
    }

    // [timestamp]
    int close = line.indexOf(']', p + 1);
    if (close < 0 || close >= end) {
      throw Scan.malformed("expected ']' closing the timestamp opened at column " + (p + 1));
    }
    // Nginx's $time_iso8601 in place of $time_local: 2024-03-05T10:15:42+00:00
    ev.timestampMicros = close - p > 5 && line.charAt(p + 5) == '-'
        ? Timestamps.parseIso(line, p + 1, close)
        : Timestamps.parseClf(line, p + 1, close);
    p = close + 1;
    if (p >= end || line.charAt(p) != ' ') {
      throw Scan.malformed(
          "expected ' ' after the timestamp at column " + (p + 1) + ", found "
              + Scan.found(line, p, end));
    }
    p = Scan.skipSpaces(line, p, end);

    // "request"
    if (p >= end || line.charAt(p) != '"') {
      throw Scan.malformed(
          "expected '\"' opening the request at column " + (p + 1) + ", found "
              + Scan.found(line, p, end));
    }
    int q = Scan.closingQuote(line, p + 1, end);
    if (q < 0) {
      throw Scan.malformed("unterminated request: no closing '\"' for the quote at column "
          + (p + 1));
    }
    String request = Scan.unescapeQuoted(line, p + 1, q);
    ev.message = request;
    if (!Scan.splitRequest(request, ev)) {
      ev.attributes.put("request", request);
    }
    p = Scan.skipSpaces(line, q + 1, end);

    // status
    int te = Scan.tokenEnd(line, p, end);
    if (p >= end) {
      throw Scan.malformed("expected the status code at column " + (p + 1) + ", found end of line");
    }
    if (!Scan.isDash(line, p, te)) {
      long status = Scan.parseUnsigned(line, p, te);
      if (status < 0 || status > 999) {
        throw Scan.malformed(
            "expected the status code at column " + (p + 1) + ", found "
                + Scan.found(line, p, end));
      }
      ev.httpStatus = Scan.status((int) status);
    }
    ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    p = Scan.skipSpaces(line, te, end);

    // bytes
    if (p >= end) {
      throw Scan.malformed(
          "expected the response size at column " + (p + 1) + ", found end of line");
    }
    te = Scan.tokenEnd(line, p, end);
    if (Scan.isDash(line, p, te)) {
      ev.responseBytes = 0L;
    } else {
      long bytes = Scan.parseUnsigned(line, p, te);
      if (bytes < 0) {
        throw Scan.malformed(
            "expected the response size at column " + (p + 1) + ", found "
                + Scan.found(line, p, end));
      }
      ev.responseBytes = bytes;
    }
    p = Scan.skipSpaces(line, te, end);

    // trailing fields
    int quoted = 0;
    int extra = 0;
    while (p < end) {
      char c = line.charAt(p);
      if (c == '"') {
        int cq = Scan.closingQuote(line, p + 1, end);
        if (cq < 0) {
          throw Scan.malformed("unterminated quoted field starting at column " + (p + 1));
        }
        String value = Scan.isDash(line, p + 1, cq) ? null : Scan.unescapeQuoted(line, p + 1, cq);
        if (combined && quoted == 0) {
          ev.referrer = value;
        } else if (combined && quoted == 1) {
          ev.userAgent = value;
        } else {
          extra++;
          putExtra(ev, extra, value);
        }
        quoted++;
        p = Scan.skipSpaces(line, cq + 1, end);
        continue;
      }
      int eq = keyValueQuote(line, p, end);
      if (eq > 0) {
        int cq = Scan.closingQuote(line, eq + 2, end);
        if (cq < 0) {
          throw Scan.malformed("unterminated quoted value starting at column " + (eq + 2));
        }
        String value =
            Scan.isDash(line, eq + 2, cq) ? null : Scan.unescapeQuoted(line, eq + 2, cq);
        if (eq - p == 15 && line.regionMatches(true, p, "X-Forwarded-For", 0, 15)) {
          if (value != null) {
            ev.attributes.put("x_forwarded_for", value);
          }
        } else {
          extra++;
          putExtra(ev, extra, line.substring(p, eq + 1) + (value == null ? "-" : value));
        }
        p = Scan.skipSpaces(line, cq + 1, end);
        continue;
      }
      te = Scan.tokenEnd(line, p, end);
      extra++;
      putExtra(ev, extra, Scan.dashToNull(line, p, te));
      p = Scan.skipSpaces(line, te, end);
    }
    return ev;
  }

  private static void putExtra(LogEvent ev, int n, String value) {
    if (value != null) {
      ev.attributes.put(extraKey(n), value);
    }
  }

  private static final String[] EXTRA_KEYS = new String[16];

  static {
    for (int i = 1; i < EXTRA_KEYS.length; i++) {
      EXTRA_KEYS[i] = "extra_" + i;
    }
  }

  static String extraKey(int n) {
    return n < EXTRA_KEYS.length ? EXTRA_KEYS[n] : "extra_" + n;
  }

  /**
   * For a field {@code key="...} at {@code p} (key of letters, digits, {@code -} and {@code _}),
   * the index of the {@code =}; else -1.
   */
  private static int keyValueQuote(String s, int p, int end) {
    int i = p;
    while (i < end) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_') {
        i++;
      } else {
        break;
      }
    }
    if (i > p && i + 1 < end && s.charAt(i) == '=' && s.charAt(i + 1) == '"') {
      return i;
    }
    return -1;
  }

  /** {@code [2001:db8::1]} or {@code [2001:db8::1]:443} as a client or vhost, not a time. */
  private static boolean isBracketedAddress(String s, int p, int end) {
    int te = Scan.tokenEnd(s, p, end);
    int close = s.indexOf(']', p);
    return close > p && close < te && Scan.isIpv6(s, p + 1, close);
  }

  private static void setPrefix(
      String line, int cs, int ce, int is, int ie, int us, int ue, LogEvent ev) {
    Scan.setClient(line, cs, ce, ev);
    if (!Scan.isDash(line, is, ie)) {
      ev.attributes.put("ident", line.substring(is, ie));
    }
    if (!Scan.isDash(line, us, ue)) {
      ev.attributes.put("auth_user", line.substring(us, ue));
    }
  }
}
