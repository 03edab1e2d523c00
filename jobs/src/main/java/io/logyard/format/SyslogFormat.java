package io.logyard.format;

import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code syslog}: syslog lines as RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD]
 * MSG}) or RFC 3164 / BSD ({@code [<PRI>]Mmm dd hh:mm:ss HOST TAG[PID]: MSG}), as syslog daemons
 * write them to files and forwarders to buckets. The priority gives facility and severity, the
 * severity gives alert_level (no priority, as in most files: none). A BSD timestamp with an
 * ISO-8601 time in its place (rsyslog's file format) is accepted. BSD timestamps carry neither
 * year nor zone: the options {@code year} (default: the current year) and {@code timezone}
 * (default UTC) supply them. Structured data is kept as written, {@code -} means absent.
 */
public final class SyslogFormat extends BaseFormat {
  static final Set<String> OPTIONS = Set.of("year", "timezone");

  private static final String[] FACILITIES = {
    "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
    "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2",
    "local3", "local4", "local5", "local6", "local7"
  };
  private static final String[] SEVERITIES = {
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"
  };

  private static final List<Field> FIELDS = List.of(
      Field.column("timestamp", FieldType.TIMESTAMP, "TIMESTAMP (BSD: options year, timezone)"),
      Field.column("alert_level", FieldType.STRING, "severity of the priority")
          .as(PrivacyKind.PLAIN),
      Field.column("hostname", FieldType.STRING, "HOSTNAME"),
      Field.column("service", FieldType.STRING, "APP-NAME, BSD: the tag").as(PrivacyKind.PLAIN),
      Field.column("message", FieldType.STRING, "MSG"),
      Field.attribute("priority", FieldType.INT, "PRI: facility * 8 + severity"),
      Field.attribute("facility", FieldType.STRING, "facility name (kern, auth, local0 ...)")
          .as(PrivacyKind.PLAIN),
      Field.attribute("severity", FieldType.STRING, "severity name (err, warning ...)")
          .as(PrivacyKind.PLAIN),
      Field.attribute("version", FieldType.INT, "5424: VERSION"),
      Field.attribute("pid", FieldType.STRING, "PROCID, BSD: [pid] of the tag")
          .as(PrivacyKind.PLAIN),
      Field.attribute("msgid", FieldType.STRING, "5424: MSGID").as(PrivacyKind.PLAIN),
      Field.attribute("structured_data", FieldType.STRING, "5424: STRUCTURED-DATA as written"));

  private final int year;
  private final LocalZone zone;

  public SyslogFormat() {
    this(Map.of());
  }

  /**
   * @param options {@code year} and {@code timezone} of BSD timestamps
   * @throws IllegalArgumentException for an unknown option, a bad year or zone
   */
  public SyslogFormat(Map<String, String> options) {
    super("syslog", FIELDS);
    LogFormats.checkOptions("syslog", options, OPTIONS);
    this.zone = LocalZone.of("syslog", options.get("timezone"));
    String y = options.get("year");
    if (y == null || y.isBlank()) {
      this.year = Year.now(ZoneOffset.UTC).getValue();
    } else {
      long v = Scan.parseUnsigned(y.trim(), 0, y.trim().length());
      if (v < 1970 || v > 9999) {
        throw new IllegalArgumentException(
            "format syslog: option 'year': expected a year like 2026, got '" + y + "'");
      }
      this.year = (int) v;
    }
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    int p = 0;
    if (end == 0) {
      throw Scan.malformed("empty line");
    }
    LogEvent ev = new LogEvent(10);
    if (line.charAt(0) == '<') {
      int close = line.indexOf('>');
      long pri = close < 0 ? -1 : Scan.parseUnsigned(line, 1, close);
      if (close < 2 || close > 4 || pri < 0 || pri > 191) {
        throw Scan.malformed("expected a priority <0> to <191> at column 1, found "
            + Scan.found(line, 0, end));
      }
      int severity = (int) (pri & 7);
      ev.attributes.put("priority", Long.toString(pri));
      ev.attributes.put("facility", FACILITIES[(int) (pri >> 3)]);
      ev.attributes.put("severity", SEVERITIES[severity]);
      ev.alertLevel = Levels.normalize(Integer.toString(severity));
      p = close + 1;
      if (p < end && line.charAt(p) >= '1' && line.charAt(p) <= '9') {
        int sp = Scan.tokenEnd(line, p, end);
        if (Scan.parseUnsigned(line, p, sp) >= 0 && sp < end) {
          ev.attributes.put("version", line.substring(p, sp));
          rfc5424(line, sp + 1, end, ev);
          return ev;
        }
      }
    }
    bsd(line, p, end, ev);
    return ev;
  }

  private static void rfc5424(String line, int p, int end, LogEvent ev)
      throws MalformedLineException {
    int[] at = {p};
    String ts = token(line, at, end, "TIMESTAMP");
    if (ts != null) {
      ev.timestampMicros = Timestamps.parseIso(ts, 0, ts.length());
    }
    ev.hostname = token(line, at, end, "HOSTNAME");
    ev.service = token(line, at, end, "APP-NAME");
    ev.attribute("pid", token(line, at, end, "PROCID"));
    ev.attribute("msgid", token(line, at, end, "MSGID"));
    p = at[0];
    if (p >= end) {
      throw Scan.malformed("expected STRUCTURED-DATA at column " + (p + 1) + ", found end of line");
    }
    if (line.charAt(p) == '-') {
      p++;
    } else if (line.charAt(p) == '[') {
      int sdStart = p;
      while (p < end && line.charAt(p) == '[') {
        p = sdElementEnd(line, p, end);
      }
      ev.attributes.put("structured_data", line.substring(sdStart, p));
    } else {
      throw Scan.malformed("expected STRUCTURED-DATA ('-' or '[') at column " + (p + 1)
          + ", found " + Scan.found(line, p, end));
    }
    if (p < end) {
      if (line.charAt(p) != ' ') {
        throw Scan.malformed("expected ' ' after STRUCTURED-DATA at column " + (p + 1)
            + ", found " + Scan.found(line, p, end));
      }
      p++;
      if (p < end && line.charAt(p) == '\uFEFF') {
        p++;
      }
      ev.message = line.substring(p, end);
    }
  }

  /** The index after the {@code ]} closing the SD-ELEMENT opened at {@code p}. */
  private static int sdElementEnd(String line, int p, int end) throws MalformedLineException {
    boolean quoted = false;
    for (int i = p + 1; i < end; i++) {
      char c = line.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ']' && !quoted) {
        return i + 1;
      }
    }
    throw Scan.malformed("expected ']' closing the structured data opened at column " + (p + 1));
  }

  /** The next space-separated token, null for {@code -}; {@code at[0]} moves past its space. */
  private static String token(String line, int[] at, int end, String what)
      throws MalformedLineException {
    int p = at[0];
    int sp = Scan.tokenEnd(line, p, end);
    if (sp == p || sp >= end) {
      throw Scan.malformed("expected " + what + " at column " + (p + 1) + ", found "
          + (sp >= end ? "end of line" : "' '"));
    }
    at[0] = sp + 1;
    return Scan.dashToNull(line, p, sp);
  }

  private void bsd(String line, int p, int end, LogEvent ev) throws MalformedLineException {
    int after;
    if (end - p >= 19 && line.charAt(p + 4) == '-' && Scan.parseUnsigned(line, p, p + 4) >= 0) {
      int sp = Scan.tokenEnd(line, p, end);
      ev.timestampMicros = Timestamps.parseIso(line, p, sp);
      after = sp;
    } else {
      if (end - p < 15) {
        throw Scan.malformed("expected a timestamp like 'Nov 20 10:00:00' at column " + (p + 1)
            + ", found " + Scan.found(line, p, end));
      }
      ev.timestampMicros = bsdTime(line, p, p + 15);
      after = p + 15;
    }
    if (after < end && line.charAt(after) != ' ') {
      throw Scan.malformed("expected ' ' after the timestamp at column " + (after + 1)
          + ", found " + Scan.found(line, after, end));
    }
    p = Scan.skipSpaces(line, after, end);
    int sp = Scan.tokenEnd(line, p, end);
    if (p < end && !isTag(line, p, sp)) {
      ev.hostname = line.substring(p, sp);
      p = Scan.skipSpaces(line, sp, end);
      sp = Scan.tokenEnd(line, p, end);
    }
    if (p < end && isTag(line, p, sp)) {
      int tagEnd = sp - 1;
      int bracket = line.indexOf('[', p);
      if (bracket > p && bracket < tagEnd && line.charAt(tagEnd - 1) == ']') {
        ev.service = line.substring(p, bracket);
        ev.attributes.put("pid", line.substring(bracket + 1, tagEnd - 1));
      } else {
        ev.service = line.substring(p, tagEnd);
      }
      p = Scan.skipSpaces(line, sp, end);
    }
    ev.message = line.substring(Math.min(p, end), end);
  }

  /** A BSD tag: {@code app:} or {@code app[pid]:}. */
  private static boolean isTag(String line, int from, int to) {
    return to - from >= 2 && line.charAt(to - 1) == ':';
  }

  /** {@code Mmm dd hh:mm:ss}, the day space-padded, in the configured year and zone. */
  private long bsdTime(String s, int from, int to) throws MalformedLineException {
    int month = Timestamps.monthAbbrev(s, from, from, to);
    if (s.charAt(from + 3) != ' ') {
      throw Timestamps.bad(s, from, to, "expected ' ' after the month");
    }
    char d1 = s.charAt(from + 4);
    char d2 = s.charAt(from + 5);
    if ((d1 != ' ' && (d1 < '0' || d1 > '3')) || d2 < '0' || d2 > '9') {
      throw Timestamps.bad(s, from, to, "expected the day");
    }
    int day = (d1 == ' ' ? 0 : d1 - '0') * 10 + (d2 - '0');
    if (s.charAt(from + 6) != ' ') {
      throw Timestamps.bad(s, from, to, "expected ' ' after the day");
    }
    long timeOfDay = Timestamps.parseTimeOfDay(s, from + 7, to);
    Timestamps.checkDate(s, from, to, year, month, day);
    long local = Timestamps.toMicros(year, month, day, 0, 0, 0, 0, 0) + timeOfDay;
    return zone.toUtc(local);
  }
}
