package io.logyard.privacy;

/**
 * IPv4 and IPv6 parsing, masking and canonical formatting over character ranges, without
 * regular expressions and without creating {@code InetAddress} objects (which may resolve names).
 */
final class Ip {

  /** Longest textual IPv6 address: {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
  static final int MAX_V6_LENGTH = 45;

  private Ip() {}

  static int hexValue(char c) {
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

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Parses four dotted decimal octets (each 1-3 digits, at most 255) starting at {@code from}.
   * Does not look at what follows.
   *
   * @return {@code (address << 8) | length} or -1
   */
  static long parseV4Prefix(CharSequence s, int from, int to) {
    long value = 0;
    int i = from;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (i >= to || s.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
      int start = i;
      int v = 0;
      while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || v > 255) {
        return -1;
      }
      value = (value << 8) | v;
    }
    return (value << 8) | (i - from);
  }

  static int v4Address(long parsed) {
    return (int) (parsed >>> 8);
  }

  static int v4Length(long parsed) {
    return (int) (parsed & 0xff);
  }

  /**
   * A cheap test that {@code [from, to)} has the shape of an IPv6 address: its length, and its
   * colons (seven, six before an embedded IPv4 address, or a "::" with at most eight). Rejects
   * times ({@code 10:00:03}) without parsing them.
   */
  static boolean couldBeV6(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < 2 || len > MAX_V6_LENGTH) {
      return false;
    }
    int colons = 0;
    boolean gap = false;
    boolean dot = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        colons++;
        if (i > from && s.charAt(i - 1) == ':') {
          gap = true;
        }
      } else if (c == '.') {
        dot = true;
      }
    }
    if (gap) {
      return colons >= 2 && colons <= 8;
    }
    return dot ? colons == 6 : colons == 7;
  }

  /**
   * Parses exactly {@code [from, to)} as an IPv6 address (no zone, no brackets) into {@code
   * out[0]} (high 64 bits) and {@code out[1]} (low 64 bits).
   */
  static boolean parseV6(CharSequence s, int from, int to, long[] out) {
    int len = to - from;
    if (len < 2 || len > MAX_V6_LENGTH) {
      return false;
    }
    int[] g = new int[8];
    int n = 0;
    int gap = -1;
    int i = from;
    if (s.charAt(i) == ':') {
      if (s.charAt(i + 1) != ':') {
        return false;
      }
      gap = 0;
      i += 2;
    }
    while (i < to) {
      int start = i;
      int v = 0;
      while (i < to && i - start < 5) {
        int h = hexValue(s.charAt(i));
        if (h < 0) {
          break;
        }
        v = (v << 4) | h;
        i++;
      }
      if (i == start) {
        return false;
      }
      if (i < to && s.charAt(i) == '.') {
        // an embedded IPv4 address is the last 32 bits
        long p = parseV4Prefix(s, start, to);
        if (p < 0 || start + v4Length(p) != to || n > 6) {
          return false;
        }
        int a = v4Address(p);
        g[n++] = a >>> 16;
        g[n++] = a & 0xffff;
        break;
      }
      if (i - start > 4 || n == 8) {
        return false;
      }
      g[n++] = v;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i == to) {
        return false; // a single trailing colon
      }
      if (s.charAt(i) == ':') {
        if (gap >= 0) {
          return false; // a second "::"
        }
        gap = n;
        i++;
      }
    }
    if (gap < 0) {
      if (n != 8) {
        return false;
      }
    } else {
      if (n > 7) {
        return false;
      }
      int tail = n - gap;
      System.arraycopy(g, gap, g, 8 - tail, tail);
      for (int k = gap; k < 8 - tail; k++) {
        g[k] = 0;
      }
    }
    out[0] = ((long) g[0] << 48) | ((long) g[1] << 32) | ((long) g[2] << 16) | g[3];
    out[1] = ((long) g[4] << 48) | ((long) g[5] << 32) | ((long) g[6] << 16) | g[7];
    return true;
  }

  static int maskV4(int address, int keepOctets) {
    if (keepOctets >= 4) {
      return address;
    }
    if (keepOctets <= 0) {
      return 0;
    }
    return address & (int) (0xFFFFFFFFL << (8 * (4 - keepOctets)));
  }

  static long keepHighBits(long word, int bits) {
    if (bits <= 0) {
      return 0;
    }
    if (bits >= 64) {
      return word;
    }
    return word & (-1L << (64 - bits));
  }

  /** IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}): the top 80 bits zero, then 16 ones. */
  static boolean isV4Mapped(long hi, long lo) {
    return hi == 0 && (lo >>> 32) == 0xffffL;
  }

  /** Link-local (fe80::/10) or multicast (ff00::/8): the addresses that carry a zone id. */
  static boolean isScoped(long hi) {
    return (hi >>> 54) == 0x3fa || (hi >>> 56) == 0xff;
  }

  static String formatV4(int a) {
    char[] c = new char[15];
    int n = 0;
    for (int shift = 24; shift >= 0; shift -= 8) {
      int o = (a >>> shift) & 0xff;
      if (o >= 100) {
        c[n++] = (char) ('0' + o / 100);
      }
      if (o >= 10) {
        c[n++] = (char) ('0' + (o / 10) % 10);
      }
      c[n++] = (char) ('0' + o % 10);
      if (shift > 0) {
        c[n++] = '.';
      }
    }
    return new String(c, 0, n);
  }

  static void appendV4(StringBuilder sb, int a) {
    sb.append((a >>> 24) & 0xff)
        .append('.')
        .append((a >>> 16) & 0xff)
        .append('.')
        .append((a >>> 8) & 0xff)
        .append('.')
        .append(a & 0xff);
  }

  /**
   * RFC 5952 canonical text: lower case, no leading zeros, the longest run (first on a tie) of two
   * or more zero groups as {@code ::}; IPv4-mapped addresses in mixed notation.
   */
  static String formatV6(long hi, long lo) {
    StringBuilder sb = new StringBuilder(39);
    if (isV4Mapped(hi, lo)) {
      sb.append("::ffff:");
      appendV4(sb, (int) lo);
      return sb.toString();
    }
    int[] g = new int[8];
    for (int k = 0; k < 4; k++) {
      g[k] = (int) ((hi >>> (48 - 16 * k)) & 0xffff);
      g[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xffff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int k = 0; k < 8; ) {
      if (g[k] != 0) {
        k++;
        continue;
      }
      int start = k;
      while (k < 8 && g[k] == 0) {
        k++;
      }
      if (k - start > bestLen) {
        bestStart = start;
        bestLen = k - start;
      }
    }
    for (int k = 0; k < 8; k++) {
      if (k == bestStart) {
        sb.append("::");
        k += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[k]));
    }
    return sb.toString();
  }
}
