package io.logyard.privacy;

import java.io.Serializable;

/**
 * Masks single addresses and address lists: IPv4 keeps its leading octets, IPv6 its leading
 * bits, in RFC 5952 canonical form. What is not an address is scrubbed as free text.
 */
final class IpMasker implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String REDACTED = Secrets.REDACTED;

  private final int keepOctets;
  private final int keepBits;
  private final TextScrubber text;

  IpMasker(int keepOctets, int keepBits, TextScrubber text) {
    this.keepOctets = keepOctets;
    this.keepBits = keepBits;
    this.text = text;
  }

  /**
   * Masks one address: IPv4 keeps {@code ipv4KeepOctets} octets, IPv6 {@code ipv6KeepBits} bits,
   * in canonical form ({@code 2a02:cf40:add:4002::}). A port ({@code host:port}, {@code
   * [v6]:port}) and an IPv6 zone id are dropped; an IPv4-mapped IPv6 address is masked as IPv4
   * ({@code ::ffff:203.0.113.0}). A value that is not a single address (a hostname, {@code -},
   * {@code unknown}) is scrubbed like free text, which leaves a hostname unchanged.
   */
  public String maskIp(String ip) {
    try {
      return scanIp(ip);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** {@link #maskIp} without the fail-closed guard (tests run it on random input). */
  String scanIp(String ip) {
    if (ip == null) {
      return null;
    }
    int a = 0;
    int b = ip.length();
    while (a < b && ip.charAt(a) <= ' ') {
      a++;
    }
    while (b > a && ip.charAt(b - 1) <= ' ') {
      b--;
    }
    if (a == b) {
      return ip;
    }
    String masked = maskSingle(ip, a, b, keepOctets, keepBits);
    return masked != null ? masked : text.scrub(ip);
  }

  /**
   * Masks every address of a comma- or blank-separated list (X-Forwarded-For), keeping the
   * separators: {@code "10.0.0.2, 10.0.0.1"} becomes {@code "10.0.0.0, 10.0.0.0"}.
   */
  public String maskIpList(String list) {
    try {
      return scanIpList(list);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** {@link #maskIpList} without the fail-closed guard. */
  String scanIpList(String list) {
    if (list == null || list.isEmpty()) {
      return list;
    }
    int n = list.length();
    CopyOnWrite out = new CopyOnWrite(list);
    int i = 0;
    while (i < n) {
      while (i < n && isListSeparator(list.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isListSeparator(list.charAt(i))) {
        i++;
      }
      if (i == start) {
        break;
      }
      String masked = maskSingle(list, start, i, keepOctets, keepBits);
      if (masked == null) {
        masked = text.scrub(list.substring(start, i));
      }
      if (masked.length() != i - start || !list.regionMatches(start, masked, 0, i - start)) {
        out.replace(start, i, masked);
      }
    }
    return out.result();
  }

  private static boolean isListSeparator(char c) {
    return c == ',' || c <= ' ';
  }

  /**
   * The masked form of {@code [a, b)} if it is exactly one address (with port or zone), keeping
   * {@code octets} IPv4 octets and {@code bits} IPv6 bits; null if it is not one address.
   */
  static String maskSingle(String s, int a, int b, int octets, int bits) {
    char c0 = s.charAt(a);
    if (c0 == '[') {
      int close = s.indexOf(']', a);
      if (close < 0 || close >= b || (close + 1 != b && !isPort(s, close + 1, b))) {
        return null;
      }
      return maskV6Only(s, a + 1, close, octets, bits);
    }
    if (Ip.isDigit(c0)) {
      long p = Ip.parseV4Prefix(s, a, b);
      if (p >= 0) {
        int end = a + Ip.v4Length(p);
        if (end == b || isPort(s, end, b)) {
          return Ip.formatV4(Ip.maskV4(Ip.v4Address(p), octets));
        }
        return null;
      }
    }
    String masked = maskV6Only(s, a, b, octets, bits);
    if (masked == null) {
      int port = portColon(s, a, b); // "2001:db8::1:51234"
      masked = port > a ? maskV6Only(s, a, port, octets, bits) : null;
    }
    return masked;
  }

  private static String maskV6Only(String s, int from, int to, int octets, int bits) {
    int end = to;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '%') {
        end = i;
        break;
      }
    }
    long[] v = new long[2];
    return Ip.parseV6(s, from, end, v) ? maskedV6Text(v[0], v[1], octets, bits) : null;
  }

  /**
   * The masked text of an IPv6 address. IPv4-mapped addresses are masked as IPv4; a 6to4 address
   * (2002::/16) also gets the IPv4 address embedded in its prefix masked, which keeping 64 bits
   * alone would not.
   */
  static String maskedV6Text(long hi, long lo, int octets, int bits) {
    if (Ip.isV4Mapped(hi, lo)) {
      int v4 = Ip.maskV4((int) lo, octets);
      return Ip.formatV6(0, (0xffffL << 32) | (v4 & 0xffffffffL));
    }
    if ((hi >>> 48) == 0x2002) {
      long v4 = Ip.maskV4((int) (hi >>> 16), octets) & 0xffffffffL;
      hi = (hi & ~(0xffffffffL << 16)) | (v4 << 16);
    }
    return Ip.formatV6(Ip.keepHighBits(hi, bits), Ip.keepHighBits(lo, bits - 64));
  }

  private static boolean isPort(String s, int from, int to) {
    if (s.charAt(from) != ':' || to - from < 2 || to - from > 6) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      if (!Ip.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * An address in canonical form without port or zone, all bits kept (for pseudonyms: one
   * address has one pseudonym however the log spelled it), or null if {@code v} is not one.
   */
  static String canonical(String v) {
    String t = v.trim();
    return t.isEmpty() ? null : maskSingle(t, 0, t.length(), 4, 128);
  }

  /** The ':' before a trailing run of 1-5 digits in {@code [from, to)} (a port), or -1. */
  static int portColon(String s, int from, int to) {
    int k = to;
    while (k > from && to - k <= 5 && Ip.isDigit(s.charAt(k - 1))) {
      k--;
    }
    return k < to && to - k <= 5 && k - 1 > from && s.charAt(k - 1) == ':' ? k - 1 : -1;
  }
}
