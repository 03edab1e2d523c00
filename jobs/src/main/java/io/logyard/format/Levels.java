package io.logyard.format;

import java.util.Locale;

/** Severity names and numbers, normalized to the values of {@code alert_level}. */
final class Levels {
  private Levels() {}

  /**
   * The normalized level of {@code raw}, or null when it names no known level. Accepts names in
   * any case (syslog's, log4j's, Python's, java.util.logging's, Apache's {@code trace1..8}),
   * syslog severities 0-7 and pino/bunyan numbers 10-60.
   */
  static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.trim();
    if (s.isEmpty()) {
      return null;
    }
    char c0 = s.charAt(0);
    if (c0 >= '0' && c0 <= '9') {
      long n = Scan.parseUnsigned(s, 0, s.length());
      return n < 0 ? null : numeric((int) Math.min(n, 1000));
    }
    String known = name(s);
    if (known == null) {
      String lower = s.toLowerCase(Locale.ROOT);
      // Most logs write levels in lower case already: only other spellings pay for a copy.
      known = lower.equals(s) ? null : name(lower);
    }
    if (known != null) {
      return known;
    }
    if (s.length() == 6 && s.regionMatches(true, 0, "trace", 0, 5)) {
      char d = s.charAt(5);
      if (d >= '1' && d <= '8') {
        return Scan.DEBUG;
      }
    }
    return null;
  }

  /** The level a lower-case (or common upper-case) name stands for, or null. */
  private static String name(String s) {
    switch (s) {
      case "trace":
      case "TRACE":
      case "debug":
      case "DEBUG":
      case "dbg":
      case "verbose":
      case "fine":
      case "finer":
      case "finest":
      case "config":
        return Scan.DEBUG;
      case "info":
      case "INFO":
      case "information":
      case "informational":
      case "default":
        return Scan.INFO;
      case "notice":
      case "NOTICE":
        return Scan.NOTICE;
      case "warn":
      case "WARN":
      case "warning":
      case "WARNING":
        return Scan.WARN;
      case "err":
      case "error":
      case "ERROR":
      case "severe":
        return Scan.ERROR;
      case "crit":
      case "critical":
      case "CRITICAL":
      case "fatal":
      case "FATAL":
        return Scan.CRITICAL;
      case "alert":
      case "ALERT":
        return Scan.ALERT;
      case "emerg":
      case "emergency":
      case "EMERGENCY":
      case "panic":
        return Scan.EMERGENCY;
      default:
        return null;
    }
  }

  private static String numeric(int n) {
    switch (n) {
      case 0: return Scan.EMERGENCY;
      case 1: return Scan.ALERT;
      case 2: return Scan.CRITICAL;
      case 3: return Scan.ERROR;
      case 4: return Scan.WARN;
      case 5: return Scan.NOTICE;
      case 6: return Scan.INFO;
      case 7: return Scan.DEBUG;
      case 10:
      case 20: return Scan.DEBUG;
      case 30: return Scan.INFO;
      case 40: return Scan.WARN;
      case 50: return Scan.ERROR;
      case 60: return Scan.CRITICAL;
      default: return null;
    }
  }
}
