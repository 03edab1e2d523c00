package io.logyard.format;

/**
 * Hand-written timestamp parsers for the formats' fixed layouts, straight to epoch microseconds
 * (UTC). No {@code DateTimeFormatter}, no allocation on the success path; every failure is a
 * {@link MalformedLineException} that quotes the timestamp and says which part is wrong.
 */
final class Timestamps {
  static final long MICROS_PER_SECOND = 1_000_000L;
  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private Timestamps() {}

  /**
   * Apache/Nginx {@code %t} without its brackets: {@code 10/Oct/2000:13:55:36 -0700}, optionally
   * with a fraction of a second after the seconds ({@code 13:55:36.123 -0700}).
   */
  static long parseClf(String s, int from, int to) throws MalformedLineException {
    int p = from;
    if (to - p < 20) {
      throw bad(s, from, to, "expected dd/Mon/yyyy:HH:mm:ss +hhmm");
    }
    int day = digits2(s, p, from, to, "day");
    p += 2;
    expect(s, p++, '/', from, to, "after the day");
    int month = monthAbbrev(s, p, from, to);
    p += 3;
    expect(s, p++, '/', from, to, "after the month");
    int year = digits4(s, p, from, to);
    p += 4;
    expect(s, p++, ':', from, to, "after the year");
    int hour = digits2(s, p, from, to, "hour");
    p += 2;
    expect(s, p++, ':', from, to, "after the hour");
    int minute = digits2(s, p, from, to, "minute");
    p += 2;
    expect(s, p++, ':', from, to, "after the minute");
    int second = digits2(s, p, from, to, "second");
    p += 2;
    int micros = 0;
    if (p < to && s.charAt(p) == '.') {
      int start = ++p;
      micros = fractionMicros(s, start, to);
      p = skipDigits(s, start, to);
      if (p == start) {
        throw bad(s, from, to, "expected digits after '.' in the seconds");
      }
    }
    checkDate(s, from, to, year, month, day);
    checkTime(s, from, to, hour, minute, second);
    int offsetSeconds = 0;
    if (p < to) {
      expect(s, p++, ' ', from, to, "before the UTC offset");
      offsetSeconds = offset(s, p, to, from, false);
    } else {
      throw bad(s, from, to, "missing UTC offset");
    }
    return toMicros(year, month, day, hour, minute, second, micros, offsetSeconds);
  }

  /**
   * ISO-8601 date-time: {@code yyyy-MM-dd[T| ]HH:mm[:ss[.fraction]][Z|±hh[:mm]|±hhmm]}; a date
   * alone means midnight; no zone means UTC.
   */
  static long parseIso(String s, int from, int to) throws MalformedLineException {
    int p = from;
    if (to - p < 10) {
      throw bad(s, from, to, "expected yyyy-MM-ddTHH:mm:ss");
    }
    int year = digits4(s, p, from, to);
    p += 4;
    expect(s, p++, '-', from, to, "after the year");
    int month = digits2(s, p, from, to, "month");
    p += 2;
    expect(s, p++, '-', from, to, "after the month");
    int day = digits2(s, p, from, to, "day");
    p += 2;
    if (month < 1 || month > 12) {
      throw bad(s, from, to, "month " + month + " out of range");
    }
    checkDate(s, from, to, year, month, day);
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
    if (p < to) {
      char sep = s.charAt(p);
      if (sep != 'T' && sep != 't' && sep != ' ') {
        throw bad(s, from, to, "expected 'T' between date and time at position " + (p - from + 1));
      }
      p++;
      hour = digits2(s, p, from, to, "hour");
      p += 2;
      expect(s, p++, ':', from, to, "after the hour");
      minute = digits2(s, p, from, to, "minute");
      p += 2;
      if (p < to && s.charAt(p) == ':') {
        p++;
        second = digits2(s, p, from, to, "second");
        p += 2;
        if (p < to && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
          int start = ++p;
          micros = fractionMicros(s, start, to);
          p = skipDigits(s, start, to);
          if (p == start) {
            throw bad(s, from, to, "expected digits after '.' in the seconds");
          }
        }
      }
      checkTime(s, from, to, hour, minute, second);
    }
    int offsetSeconds = 0;
    if (p < to) {
      char z = s.charAt(p);
      if ((z == 'Z' || z == 'z') && p + 1 == to) {
        offsetSeconds = 0;
      } else if (z == '+' || z == '-') {
        offsetSeconds = offset(s, p, to, from, true);
      } else {
        throw bad(s, from, to,
            "unexpected '" + Scan.clip(s, p, p + 1) + "' at position " + (p - from + 1));
      }
    }
    return toMicros(year, month, day, hour, minute, second, micros, offsetSeconds);
  }

  /**
   * Apache error log time: {@code Wed Oct 11 14:32:52 2000} (2.2) or
   * {@code Fri Sep 09 10:42:29.902022 2011} (2.4). The log carries no zone: the result is the
   * wall-clock time minus {@code offsetSeconds}.
   */
  static long parseCtime(String s, int from, int to, int offsetSeconds)
      throws MalformedLineException {
    int p = from;
    if (to - p < 24) {
      throw bad(s, from, to, "expected EEE MMM dd HH:mm:ss yyyy");
    }
    if (!isLetter(s.charAt(p)) || !isLetter(s.charAt(p + 1)) || !isLetter(s.charAt(p + 2))) {
      throw bad(s, from, to, "expected a weekday name at position 1");
    }
    p += 3;
    expect(s, p++, ' ', from, to, "after the weekday");
    int month = monthAbbrev(s, p, from, to);
    p += 3;
    expect(s, p++, ' ', from, to, "after the month");
    int day;
    if (s.charAt(p) == ' ') {
      day = digit(s, p + 1, from, to, "day");
    } else {
      day = digits2(s, p, from, to, "day");
    }
    p += 2;
    expect(s, p++, ' ', from, to, "after the day");
    int hour = digits2(s, p, from, to, "hour");
    p += 2;
    expect(s, p++, ':', from, to, "after the hour");
    int minute = digits2(s, p, from, to, "minute");
    p += 2;
    expect(s, p++, ':', from, to, "after the minute");
    int second = digits2(s, p, from, to, "second");
    p += 2;
    int micros = 0;
    if (p < to && s.charAt(p) == '.') {
      int start = ++p;
      micros = fractionMicros(s, start, to);
      p = skipDigits(s, start, to);
      if (p == start) {
        throw bad(s, from, to, "expected digits after '.' in the seconds");
      }
    }
    expect(s, p++, ' ', from, to, "before the year");
    int year = digits4(s, p, from, to);
    p += 4;
    if (p != to) {
      throw bad(s, from, to, "unexpected text after the year");
    }
    checkDate(s, from, to, year, month, day);
    checkTime(s, from, to, hour, minute, second);
    return toMicros(year, month, day, hour, minute, second, micros, offsetSeconds);
  }

  /**
   * A number of seconds, milliseconds, microseconds or nanoseconds since the epoch, told apart by
   * magnitude (seconds up to 1e11, i.e. year 5138; milliseconds up to 1e14; microseconds up to
   * 1e17; nanoseconds beyond).
   */
  /** {@code HH:mm:ss[.fraction]} as microseconds since midnight. */
  static long parseTimeOfDay(String s, int from, int to) throws MalformedLineException {
    if (to - from < 8) {
      throw bad(s, from, to, "expected HH:mm:ss");
    }
    int hour = digits2(s, from, from, to, "hour");
    expect(s, from + 2, ':', from, to, "after the hour");
    int minute = digits2(s, from + 3, from, to, "minute");
    expect(s, from + 5, ':', from, to, "after the minute");
    int second = digits2(s, from + 6, from, to, "second");
    int micros = 0;
    int p = from + 8;
    if (p < to && s.charAt(p) == '.') {
      micros = fractionMicros(s, p + 1, to);
      p = skipDigits(s, p + 1, to);
    }
    if (p != to) {
      throw bad(s, from, to, "unexpected text after the seconds");
    }
    checkTime(s, from, to, hour, minute, second);
    return ((hour * 60L + minute) * 60L + second) * MICROS_PER_SECOND + micros;
  }

  static long epochNumberToMicros(long n) {
    long abs = Math.abs(n);
    if (abs < 100_000_000_000L) {
      return n * MICROS_PER_SECOND;
    } else if (abs < 100_000_000_000_000L) {
      return n * 1000L;
    } else if (abs < 100_000_000_000_000_000L) {
      return n;
    }
    return n / 1000L;
  }

  /** As {@link #epochNumberToMicros(long)} for a number with a fraction. */
  static long epochNumberToMicros(double d) {
    double abs = Math.abs(d);
    if (abs < 1e11) {
      return Math.round(d * 1e6);
    } else if (abs < 1e14) {
      return Math.round(d * 1e3);
    } else if (abs < 1e17) {
      return Math.round(d);
    }
    return Math.round(d / 1e3);
  }

  static long toMicros(
      int year, int month, int day, int hour, int minute, int second, int micros, int offset) {
    long days = daysFromCivil(year, month, day);
    long secs = days * 86_400L + hour * 3600L + minute * 60L + second - offset;
    return secs * MICROS_PER_SECOND + micros;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }

  static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  // ---- pieces ------------------------------------------------------------------------------

  static void checkDate(String s, int from, int to, int year, int month, int day)
      throws MalformedLineException {
    int max = month == 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
    if (day < 1 || day > max) {
      throw bad(s, from, to, "day " + day + " out of range");
    }
  }

  static void checkTime(String s, int from, int to, int hour, int minute, int second)
      throws MalformedLineException {
    if (hour > 23) {
      throw bad(s, from, to, "hour " + hour + " out of range");
    }
    if (minute > 59) {
      throw bad(s, from, to, "minute " + minute + " out of range");
    }
    // 60 is a leap second: accepted and counted as the next second, as POSIX time does.
    if (second > 60) {
      throw bad(s, from, to, "second " + second + " out of range");
    }
  }

  /** {@code +hhmm}, {@code -hh:mm}, {@code +hh} (the colon form only when {@code iso}). */
  private static int offset(String s, int p, int to, int from, boolean iso)
      throws MalformedLineException {
    char sign = p < to ? s.charAt(p) : ' ';
    if (sign != '+' && sign != '-') {
      throw bad(s, from, to, "expected '+' or '-' starting the UTC offset");
    }
    p++;
    int hours = digits2(s, p, from, to, "offset hours");
    p += 2;
    int minutes = 0;
    if (p < to) {
      if (iso && s.charAt(p) == ':') {
        p++;
      }
      minutes = digits2(s, p, from, to, "offset minutes");
      p += 2;
    } else if (!iso) {
      throw bad(s, from, to, "expected 4 digits in the UTC offset");
    }
    if (p != to) {
      throw bad(s, from, to, "unexpected text after the UTC offset");
    }
    if (hours > 18 || minutes > 59) {
      throw bad(s, from, to, "UTC offset out of range");
    }
    int total = hours * 3600 + minutes * 60;
    return sign == '-' ? -total : total;
  }

  static int monthAbbrev(String s, int p, int from, int to) throws MalformedLineException {
    if (p + 3 > to) {
      throw bad(s, from, to, "expected a month name");
    }
    // Lower-case the three letters and pack them; compares without allocating.
    int a = s.charAt(p) | 0x20;
    int b = s.charAt(p + 1) | 0x20;
    int c = s.charAt(p + 2) | 0x20;
    int key = (a << 16) | (b << 8) | c;
    switch (key) {
      case ('j' << 16) | ('a' << 8) | 'n': return 1;
      case ('f' << 16) | ('e' << 8) | 'b': return 2;
      case ('m' << 16) | ('a' << 8) | 'r': return 3;
      case ('a' << 16) | ('p' << 8) | 'r': return 4;
      case ('m' << 16) | ('a' << 8) | 'y': return 5;
      case ('j' << 16) | ('u' << 8) | 'n': return 6;
      case ('j' << 16) | ('u' << 8) | 'l': return 7;
      case ('a' << 16) | ('u' << 8) | 'g': return 8;
      case ('s' << 16) | ('e' << 8) | 'p': return 9;
      case ('o' << 16) | ('c' << 8) | 't': return 10;
      case ('n' << 16) | ('o' << 8) | 'v': return 11;
      case ('d' << 16) | ('e' << 8) | 'c': return 12;
      default:
        throw bad(s, from, to, "unknown month '" + Scan.clip(s, p, p + 3) + "'");
    }
  }

  private static int digit(String s, int p, int from, int to, String what)
      throws MalformedLineException {
    if (p >= to) {
      throw bad(s, from, to, "missing " + what);
    }
    int d = s.charAt(p) - '0';
    if (d < 0 || d > 9) {
      throw bad(s, from, to, "expected a digit in the " + what + " at position " + (p - from + 1));
    }
    return d;
  }

  static int digits2(String s, int p, int from, int to, String what)
      throws MalformedLineException {
    return digit(s, p, from, to, what) * 10 + digit(s, p + 1, from, to, what);
  }

  private static int digits4(String s, int p, int from, int to) throws MalformedLineException {
    return digits2(s, p, from, to, "year") * 100 + digits2(s, p + 2, from, to, "year");
  }

  private static int skipDigits(String s, int p, int to) {
    while (p < to) {
      char c = s.charAt(p);
      if (c < '0' || c > '9') {
        break;
      }
      p++;
    }
    return p;
  }

  /** The first six digits of a fraction as microseconds; further digits are truncated. */
  private static int fractionMicros(String s, int p, int to) {
    int micros = 0;
    int n = 0;
    while (p < to && n < 6) {
      char c = s.charAt(p);
      if (c < '0' || c > '9') {
        break;
      }
      micros = micros * 10 + (c - '0');
      n++;
      p++;
    }
    for (; n < 6; n++) {
      micros *= 10;
    }
    return micros;
  }

  private static void expect(String s, int p, char c, int from, int to, String where)
      throws MalformedLineException {
    if (p >= to || s.charAt(p) != c) {
      throw bad(s, from, to, "expected '" + c + "' " + where);
    }
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  static MalformedLineException bad(String s, int from, int to, String why) {
    return new MalformedLineException(
        "bad timestamp '" + Scan.clip(s, from, to) + "': " + why);
  }
}
