package io.logyard.format;

/**
 * Index-arithmetic helpers shared by the scanners. Positions are 0-based string indices;
 * messages speak in 1-based columns.
 */
final class Scan {
  static final String DEBUG = "DEBUG";
  static final String INFO = "INFO";
  static final String NOTICE = "NOTICE";
  static final String WARN = "WARN";
  static final String ERROR = "ERROR";
  static final String CRITICAL = "CRITICAL";
  static final String ALERT = "ALERT";
  static final String EMERGENCY = "EMERGENCY";

  private static final Integer[] STATUS = new Integer[1000];

  static {
    for (int i = 0; i < STATUS.length; i++) {
      STATUS[i] = i;
    }
  }

  /**
   * The texts of 0..65535 (statuses, ports, small counts), each made on its first use and then
   * shared by every line that spells it (a String is safely shared however it was published).
   */
  private static final String[] SMALL_NUMBERS = new String[65536];

  private Scan() {}

  /**
   * The text {@code s[from, to)} of the non-negative number {@code n} it holds: a shared string
   * for 0..65535 written without leading zeros (ports, protocols, counts), else a copy.
   */
  static String numberText(String s, int from, int to, long n) {
    int digits = to - from;
    if (n < SMALL_NUMBERS.length && digits == (n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5)) {
      String text = SMALL_NUMBERS[(int) n];
      if (text == null) {
        text = Integer.toString((int) n);
        SMALL_NUMBERS[(int) n] = text;
      }
      return text;
    }
    return s.substring(from, to);
  }

  /** A boxed HTTP status without allocating for the usual 0..999. */
  static Integer status(int code) {
    return code >= 0 && code < STATUS.length ? STATUS[code] : Integer.valueOf(code);
  }

  /** Access-log convention: 5xx is an ERROR, 4xx a WARN, anything else (or none) INFO. */
  static String levelOfStatus(Integer status) {
    if (status == null) {
      return INFO;
    }
    int s = status;
    if (s >= 500 && s < 600) {
      return ERROR;
    }
    if (s >= 400 && s < 500) {
      return WARN;
    }
    return INFO;
  }

  /** Sets the HTTP status from {@code value}, or says that {@code label} is not one. */
  static void httpStatus(LogEvent ev, String value, String label, int column)
      throws MalformedLineException {
    httpStatus(ev, value, 0, value.length(), label, column);
  }

  /** As {@link #httpStatus(LogEvent, String, String, int)} for the value {@code s[from, to)}. */
  static void httpStatus(LogEvent ev, String s, int from, int to, String label, int column)
      throws MalformedLineException {
    long status = parseUnsigned(s, from, to);
    if (status < 0 || status > 999) {
      throw malformed("expected the " + label + " at column " + column + ", found '"
          + clip(s, from, to) + "'");
    }
    ev.httpStatus = status((int) status);
  }

  static MalformedLineException malformed(String reason) {
    return new MalformedLineException(reason);
  }

  /**
   * The last guard of every {@code parse}: a bug in a scanner must quarantine the line, not kill
   * the job. Scanners report malformed input themselves; this is not their error path.
   */
  static MalformedLineException internal(RuntimeException e) {
    return new MalformedLineException("internal parser error: " + e);
  }

  /** The end of {@code s} with trailing whitespace (a stray CR, blanks) left off. */
  static int trimEnd(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) <= ' ') {
      end--;
    }
    return end;
  }

  static int skipSpaces(String s, int p, int end) {
    while (p < end && s.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  /** Index of the next space at or after {@code p}, or {@code end}. */
  static int tokenEnd(String s, int p, int end) {
    int i = s.indexOf(' ', p);
    return i < 0 || i > end ? end : i;
  }

  static boolean isDash(String s, int from, int to) {
    return to - from == 1 && s.charAt(from) == '-';
  }

  /** The text, or null for an empty field or the {@code -} placeholder. */
  static String dashToNull(String s, int from, int to) {
    if (to <= from || isDash(s, from, to)) {
      return null;
    }
    return s.substring(from, to);
  }

  /**
   * Closing quote of a quoted field whose content starts at {@code p}: an unescaped {@code "}
   * followed by a space or the end. A quote followed by anything else is taken as part of the
   * value (old Apache versions did not escape quotes). Returns -1 when there is none.
   */
  static int closingQuote(String s, int p, int end) {
    int i = p;
    while (true) {
      i = s.indexOf('"', i);
      if (i < 0 || i >= end) {
        return -1;
      }
      if (i > p && s.charAt(i - 1) == '\\' && isEscaped(s, p, i)) {
        i++;
        continue;
      }
      if (i + 1 == end || s.charAt(i + 1) == ' ') {
        return i;
      }
      i++;
    }
  }

  /** True when the character at {@code i} is preceded by an odd number of backslashes. */
  private static boolean isEscaped(String s, int from, int i) {
    int n = 0;
    for (int k = i - 1; k >= from && s.charAt(k) == '\\'; k--) {
      n++;
    }
    return (n & 1) == 1;
  }

  /**
   * The content of an Apache/Nginx quoted field. {@code \"} and {@code \\} are unescaped, and so
   * is {@code \xNN} for a printable ASCII character (Nginx writes {@code "} as {@code \x22});
   * other escapes ({@code \n}, {@code \x16}, bytes of UTF-8 sequences) are kept as written, so
   * that no control character is invented.
   */
  static String unescapeQuoted(String s, int from, int to) {
    int bs = s.indexOf('\\', from);
    if (bs < 0 || bs >= to) {
      return s.substring(from, to);
    }
    StringBuilder b = new StringBuilder(to - from);
    b.append(s, from, bs);
    int i = bs;
    while (i < to) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= to) {
        b.append(c);
        i++;
        continue;
      }
      char n = s.charAt(i + 1);
      if (n == '"' || n == '\\') {
        b.append(n);
        i += 2;
      } else if (n == 'x' && i + 3 < to) {
        int h = hex(s.charAt(i + 2));
        int l = hex(s.charAt(i + 3));
        int v = h < 0 || l < 0 ? -1 : h * 16 + l;
        if (v >= 0x20 && v < 0x7f) {
          b.append((char) v);
          i += 4;
        } else {
          b.append(c);
          i++;
        }
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Non-negative decimal integer in {@code [from, to)}, or -1 when it is not one (empty, a
   * non-digit, or more than 18 digits).
   */
  static long parseUnsigned(String s, int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Decimal number with an optional fraction (e.g. {@code 12}, {@code 0.25}), or NaN. */
  static double parseDecimal(String s, int from, int to) {
    if (to <= from || to - from > 30) {
      return Double.NaN;
    }
    long whole = 0;
    int i = from;
    boolean neg = false;
    if (s.charAt(i) == '-') {
      neg = true;
      i++;
    }
    int digits = 0;
    while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      if (digits < 18) {
        whole = whole * 10 + (s.charAt(i) - '0');
      } else {
        return Double.NaN;
      }
      digits++;
      i++;
    }
    double v = whole;
    if (i < to && s.charAt(i) == '.') {
      i++;
      double scale = 0.1;
      int fd = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        v += (s.charAt(i) - '0') * scale;
        scale /= 10;
        fd++;
        i++;
      }
      digits += fd;
    }
    if (i != to || digits == 0) {
      return Double.NaN;
    }
    return neg ? -v : v;
  }

  /** HTTP method token (RFC 9110 tchar), starting with a letter, at most 32 long. */
  static boolean isMethod(String s, int from, int to) {
    if (to <= from || to - from > 32) {
      return false;
    }
    char first = s.charAt(from);
    if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTchar(char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      return true;
    }
    switch (c) {
      case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
      case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
      default:
        return false;
    }
  }

  /** The method as a shared constant when it is a standard one, else a new string. */
  static String method(String s, int from, int to) {
    int n = to - from;
    switch (n) {
      case 3:
        if (s.startsWith("GET", from)) {
          return "GET";
        }
        if (s.startsWith("PUT", from)) {
          return "PUT";
        }
        break;
      case 4:
        if (s.startsWith("POST", from)) {
          return "POST";
        }
        if (s.startsWith("HEAD", from)) {
          return "HEAD";
        }
        break;
      case 5:
        if (s.startsWith("PATCH", from)) {
          return "PATCH";
        }
        if (s.startsWith("TRACE", from)) {
          return "TRACE";
        }
        break;
      case 6:
        if (s.startsWith("DELETE", from)) {
          return "DELETE";
        }
        break;
      case 7:
        if (s.startsWith("OPTIONS", from)) {
          return "OPTIONS";
        }
        if (s.startsWith("CONNECT", from)) {
          return "CONNECT";
        }
        break;
      default:
        break;
    }
    return s.substring(from, to);
  }

  /** The protocol as a shared constant when it is a usual one, else a new string. */
  static String protocol(String s, int from, int to) {
    if (to - from == 8 && s.startsWith("HTTP/1.", from)) {
      char v = s.charAt(from + 7);
      if (v == '1') {
        return "HTTP/1.1";
      }
      if (v == '0') {
        return "HTTP/1.0";
      }
    } else if (to - from == 6 && s.startsWith("HTTP/2", from)) {
      return s.charAt(from + 5) == '2' ? "HTTP/2" : s.substring(from, to);
    } else if (to - from == 8 && s.startsWith("HTTP/2.0", from)) {
      return "HTTP/2.0";
    }
    return s.substring(from, to);
  }

  /**
   * Splits an HTTP request line ({@code METHOD target [PROTOCOL]}) into method, endpoint (the
   * target without its query string), {@code query} and {@code protocol} attributes. Returns
   * false, setting nothing, when the line is not a request line ({@code -}, empty, or garbage
   * such as TLS bytes or a script in place of the method).
   */
  static boolean splitRequest(String req, LogEvent ev) {
    int n = req.length();
    int sp = req.indexOf(' ');
    if (sp <= 0 || !isMethod(req, 0, sp)) {
      return false;
    }
    int targetStart = skipSpaces(req, sp, n);
    int targetEnd = n;
    int protoStart = -1;
    int last = req.lastIndexOf(' ');
    if (last >= targetStart && req.startsWith("HTTP/", last + 1)) {
      protoStart = last + 1;
      targetEnd = last;
      while (targetEnd > targetStart && req.charAt(targetEnd - 1) == ' ') {
        targetEnd--;
      }
    }
    if (targetEnd <= targetStart) {
      return false;
    }
    ev.httpMethod = method(req, 0, sp);
    setTarget(req, targetStart, targetEnd, ev);
    if (protoStart >= 0) {
      ev.attributes.put("protocol", protocol(req, protoStart, n));
    }
    return true;
  }

  /** Endpoint (path without query string) and the {@code query} attribute. */
  static void setTarget(String s, int from, int to, LogEvent ev) {
    int q = s.indexOf('?', from);
    if (q >= 0 && q < to) {
      ev.endpoint = s.substring(from, q);
      if (q + 1 < to) {
        ev.attributes.put("query", s.substring(q + 1, to));
      }
    } else {
      ev.endpoint = s.substring(from, to);
    }
  }

  /** Endpoint and query of an absolute URL ({@code https://host:port/path?query}) or a path. */
  static void setUrl(String url, LogEvent ev) {
    int scheme = url.indexOf("://");
    int pathStart = 0;
    if (scheme > 0) {
      int slash = url.indexOf('/', scheme + 3);
      int q = url.indexOf('?', scheme + 3);
      if (slash < 0 || q >= 0 && q < slash) {
        ev.endpoint = "/";
        if (q >= 0 && q + 1 < url.length()) {
          ev.attributes.put("query", url.substring(q + 1));
        }
        return;
      }
      pathStart = slash;
    }
    Scan.setTarget(url, pathStart, url.length(), ev);
  }

  /**
   * {@code %XX} escapes decoded as UTF-8 bytes; a {@code %} not followed by two hex digits, and
   * runs of escapes that are not valid UTF-8, are kept as written. {@code +} stays {@code +}.
   * Text without {@code %} is returned as is, and runs of ASCII escapes ({@code %20}) are
   * decoded without a charset decoder.
   */
  static String percentDecode(String s) {
    return percentDecode(s, 0, s.length());
  }

  /** As {@link #percentDecode(String)} for the text {@code s[from, to)}. */
  static String percentDecode(String s, int from, int to) {
    int i = indexOf(s, '%', from, to);
    if (i < 0) {
      return s.substring(from, to);
    }
    StringBuilder b = new StringBuilder(to - from).append(s, from, i);
    while (i < to) {
      // s[i] is a '%': a run of escapes from i to run
      int run = i;
      boolean ascii = true;
      while (run + 2 < to && s.charAt(run) == '%' && hex(s.charAt(run + 1)) >= 0
          && hex(s.charAt(run + 2)) >= 0) {
        ascii &= hex(s.charAt(run + 1)) < 8;
        run += 3;
      }
      if (run == i) {
        run = i + 1;
        b.append('%');
      } else if (ascii) {
        for (int k = i; k < run; k += 3) {
          b.append((char) (hex(s.charAt(k + 1)) * 16 + hex(s.charAt(k + 2))));
        }
      } else {
        appendUtf8(s, i, run, b);
      }
      i = indexOf(s, '%', run, to);
      if (i < 0) {
        i = to;
      }
      b.append(s, run, i);
    }
    return b.toString();
  }

  /** The index of {@code c} in {@code s[from, to)}, or -1. */
  static int indexOf(String s, char c, int from, int to) {
    int i = s.indexOf(c, from);
    return i < to ? i : -1;
  }

  /** The escapes {@code %XX%XX...} in {@code [from, to)} decoded as UTF-8, or as written. */
  private static void appendUtf8(String s, int from, int to, StringBuilder b) {
    byte[] raw = new byte[(to - from) / 3];
    for (int k = 0; k < raw.length; k++) {
      int p = from + 3 * k;
      raw[k] = (byte) (hex(s.charAt(p + 1)) * 16 + hex(s.charAt(p + 2)));
    }
    java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
    try {
      b.append(d.decode(java.nio.ByteBuffer.wrap(raw)));
    } catch (java.nio.charset.CharacterCodingException e) {
      for (byte x : raw) {
        b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 15, 16)))
            .append(Character.toUpperCase(Character.forDigit(x & 15, 16)));
      }
    }
  }

  /** True for an IPv4 dotted quad. */
  static boolean isIpv4(String s, int from, int to) {
    int parts = 0;
    int i = from;
    while (true) {
      int start = i;
      int v = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return false;
        }
      }
      if (i == start || v > 255) {
        return false;
      }
      parts++;
      if (i == to) {
        return parts == 4;
      }
      if (s.charAt(i) != '.' || parts == 4) {
        return false;
      }
      i++;
    }
  }

  /** Loose IPv6 check: hex digits, colons (at least two), dots, an optional {@code %zone}. */
  static boolean isIpv6(String s, int from, int to) {
    int colons = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        colons++;
      } else if (c == '%') {
        return colons >= 2 && i + 1 < to;
      } else if (hex(c) < 0 && c != '.') {
        return false;
      }
    }
    return colons >= 2 && colons <= 7;
  }

  /**
   * A client field: an IPv4 or IPv6 address goes to {@code clientIp}; {@code host:port},
   * {@code [v6]:port} lose the port to the {@code client_port} attribute; a name that is not an
   * address goes to the {@code client_host} attribute.
   */
  static void setClient(String s, int from, int to, LogEvent ev) {
    if (to <= from || isDash(s, from, to)) {
      return;
    }
    int hostFrom = from;
    int hostTo = to;
    if (s.charAt(from) == '[') {
      int close = s.indexOf(']', from);
      if (close > from && close < to) {
        hostFrom = from + 1;
        hostTo = close;
        if (close + 1 < to && s.charAt(close + 1) == ':') {
          ev.attributes.put("client_port", s.substring(close + 2, to));
        }
      }
    } else {
      // the colons of the value only: s may be the whole line, read in place
      int colon = -1;
      int colons = 0;
      for (int i = from; i < to && colons < 2; i++) {
        if (s.charAt(i) == ':' && colons++ == 0) {
          colon = i;
        }
      }
      boolean oneColon = colons == 1 && colon > from;
      if (oneColon) {
        if (parseUnsigned(s, colon + 1, to) >= 0) {
          hostTo = colon;
          ev.attributes.put("client_port", s.substring(colon + 1, to));
        }
      }
    }
    if (isIpv4(s, hostFrom, hostTo) || isIpv6(s, hostFrom, hostTo)) {
      ev.clientIp = s.substring(hostFrom, hostTo);
    } else {
      ev.attributes.put("client_host", s.substring(hostFrom, hostTo));
    }
  }

  /**
   * A field as quoted in an error message: at most 60 characters, cut between words
   * ({@link Excerpt}), control characters written as {@code \xNN} so that a reason stays on one
   * line.
   */
  static String clip(String s, int from, int to) {
    return clip(s, from, to, 60);
  }

  /** As {@link #clip(String, int, int)} with at most {@code max} characters. */
  static String clip(String s, int from, int to, int max) {
    int end = to - from <= max ? to : Excerpt.end(s, from, to, max - 3);
    StringBuilder b = new StringBuilder(end - from + 8);
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append("\\x")
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 15, 16));
      } else {
        b.append(c);
      }
    }
    if (end < to) {
      b.append("...");
    }
    return b.toString();
  }

  /** What is found at {@code p}, for an error message. */
  static String found(String s, int p, int end) {
    if (p >= end) {
      return "end of line";
    }
    int e = tokenEnd(s, p, end);
    if (e == p) {
      e = p + 1;
    }
    return "'" + clip(s, p, e) + "'";
  }
}
