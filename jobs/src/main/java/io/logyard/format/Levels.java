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
    switch (s.toLowerCase(Locale.ROOT)) {
      case "trace":
      case "debug":
      case "dbg":
      case "verbose":
      case "fine":
      case "finer":
      case "finest":
      case "config":
        return Scan.DEBUG;
      case "info":
      case "information":
      case "informational":
      case "default":
        return Scan.INFO;
      case "notice":
        return Scan.NOTICE;
      case "warn":
      case "warning":
        return Scan.WARN;
      case "err":
      case "error":
      case "severe":
        return Scan.ERROR;
      case "crit":
      case "critical":
      case "fatal":
        return Scan.CRITICAL;
      case "alert":
        return Scan.ALERT;
      case "emerg":
      case "emergency":
      case "panic":
        return Scan.EMERGENCY;
      default:
        if (s.length() == 6 && s.regionMatches(true, 0, "trace", 0, 5)) {
          char d = s.charAt(5);
          if (d >= '1' && d <= '8') {
            return Scan.DEBUG;
          }
        }
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
