package io.logyard.generate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Small deterministic helpers over {@link SplittableRandom}. */
final class Randoms {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** First octets of address blocks that really are announced on the public internet. */
  private static final List<Integer> PUBLIC_FIRST_OCTETS =
      List.of(23, 31, 37, 45, 51, 62, 66, 72, 78, 81, 86, 89, 92, 95, 103, 109, 122, 145, 151,
          176, 178, 185, 188, 193, 195, 197, 201, 212, 213, 217);

  private Randoms() {}

  /**
   * A random generator for one named thing (a file, a node) that depends only on the seed and
   * the name, never on the order in which things are generated.
   */
  static SplittableRandom forKey(long seed, String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
  }

  /** Uniform in [lo, hi], both inclusive. */
  static int between(SplittableRandom r, int lo, int hi) {
    return r.nextInt(lo, hi + 1);
  }

  static <T> T oneOf(SplittableRandom r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  static String hex(SplittableRandom r, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = HEX[r.nextInt(16)];
    }
    return new String(out);
  }

  static String alnum(SplittableRandom r, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALNUM[r.nextInt(ALNUM.length)];
    }
    return new String(out);
  }

  /** Lower-case letters and digits, as in the random part of AWS log file names. */
  static String lowerAlnum(SplittableRandom r, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALNUM[26 + r.nextInt(ALNUM.length - 26)];
    }
    return new String(out);
  }

  /** A version-4 UUID string drawn from {@code r}. */
  static String uuid(SplittableRandom r) {
    long hi = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new java.util.UUID(hi, lo).toString();
  }

  /** A public-looking IPv4 address (outside private, loopback and documentation ranges). */
  static String publicIpv4(SplittableRandom r) {
    return oneOf(r, PUBLIC_FIRST_OCTETS)
        + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + between(r, 1, 254);
  }

  /** An address from the documentation ranges (RFC 5737), as used in examples. */
  static String documentationIpv4(SplittableRandom r) {
    String block = oneOf(r, List.of("192.0.2.", "198.51.100.", "203.0.113."));
    return block + between(r, 1, 254);
  }

  /**
   * A global IPv6 address in the compressed text form servers log: sometimes with a {@code ::}
   * run, sometimes full.
   */
  static String ipv6(SplittableRandom r) {
    String prefix = oneOf(r, List.of("2001:db8", "2a02:810d", "2600:1f18", "2a01:4f8", "2001:67c"));
    int shape = r.nextInt(3);
    if (shape == 0) {
      return prefix + ":" + Integer.toHexString(r.nextInt(0x10000)) + "::"
          + Integer.toHexString(between(r, 1, 0xffff));
    }
    StringBuilder sb = new StringBuilder(prefix);
    int groups = shape == 1 ? 6 : 4;
    for (int i = 0; i < groups; i++) {
      sb.append(':').append(Integer.toHexString(r.nextInt(0x10000)));
    }
    if (shape == 2) {
      // 2 + 4 groups: the rest is a run of zeros
      sb.insert(sb.indexOf(":", prefix.length() + 1), ":");
    }
    return sb.toString();
  }
}
