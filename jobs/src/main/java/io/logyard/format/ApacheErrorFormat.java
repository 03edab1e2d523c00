package io.logyard.format;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code apache-error}: Apache httpd error logs in the default layouts of 2.2 and 2.4.
 *
 * <pre>{@code
 * [Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied by server configuration: /x
 * [Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] \
 *     [client 72.15.99.187:51234] AH00128: File does not exist: /x, referer: http://a.test/
 * }</pre>
 *
 * <p>(the second entry is one line.)
 *
 * <p>The level goes to alert_level (trace1-8 and debug to DEBUG, warn to WARN, crit to CRITICAL,
 * emerg to EMERGENCY); the client address to client_ip; a trailing {@code , referer: URL} to
 * referrer. The log has no zone: times are taken as UTC unless the {@code timezone} option names
 * the server's zone (an offset such as {@code +02:00} or a region such as {@code Europe/Paris}).
 */
public final class ApacheErrorFormat extends BaseFormat {
  static final Set<String> OPTIONS = Set.of("timezone");

  private static final String REFERER = ", referer: ";

  private static final List<Field> FIELDS =
      List.of(
          Field.column("timestamp", FieldType.TIMESTAMP, "time of the entry (option timezone)"),
          Field.column("alert_level", FieldType.STRING, "normalized level").as(PrivacyKind.PLAIN),
          Field.column("client_ip", FieldType.STRING, "[client ...] address without port").as(PrivacyKind.ADDRESS),
          Field.column("referrer", FieldType.STRING, "trailing ', referer: URL'").as(PrivacyKind.URL),
          Field.column("message", FieldType.STRING, "the message, referer suffix removed"),
          Field.attribute("level_raw", FieldType.STRING, "level as written (error, warn ...)").as(PrivacyKind.PLAIN),
          Field.attribute("module", FieldType.STRING, "2.4: module that logged (core, ssl ...)").as(PrivacyKind.PLAIN),
          Field.attribute("pid", FieldType.LONG, "2.4: process id"),
          Field.attribute("tid", FieldType.STRING, "2.4: thread id").as(PrivacyKind.PLAIN),
          Field.attribute("client_port", FieldType.STRING, "2.4: client port").as(PrivacyKind.PLAIN),
          Field.attribute("client_host", FieldType.STRING, "client when not an IP address"),
          Field.attribute("remote_ip", FieldType.STRING, "2.4: [remote ...] peer address").as(PrivacyKind.ADDRESS),
          Field.attribute("error_code", FieldType.STRING, "2.4: AHnnnnn message code").as(PrivacyKind.PLAIN));

  private final ZoneRules rules;
  private final int fixedOffset;

  public ApacheErrorFormat() {
    this(Map.of());
  }

  /**
   * @param options {@code timezone}: the zone the server logs in
   * @throws IllegalArgumentException for an unknown option or zone
   */
  public ApacheErrorFormat(Map<String, String> options) {
    super("apache-error", FIELDS);
    LogFormats.checkOptions("apache-error", options, OPTIONS);
    String tz = options.get("timezone");
    ZoneId zone;
    try {
      zone = tz == null || tz.isBlank() ? ZoneOffset.UTC : ZoneId.of(tz.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "format apache-error: option 'timezone': unknown zone '" + tz + "' (" + e.getMessage()
              + ")");
    }
    ZoneRules r = zone.getRules();
    if (r.isFixedOffset()) {
      this.rules = null;
      this.fixedOffset = r.getOffset(java.time.Instant.EPOCH).getTotalSeconds();
    } else {
      this.rules = r;
      this.fixedOffset = 0;
    }
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    int p = Scan.skipSpaces(line, 0, end);
    if (p >= end) {
      throw Scan.malformed("empty line");
    }
    if (line.charAt(p) != '[') {
      throw Scan.malformed("expected '[' opening the time at column " + (p + 1) + ", found "
          + Scan.found(line, p, end));
    }
    int close = line.indexOf(']', p + 1);
    if (close < 0 || close >= end) {
      throw Scan.malformed("expected ']' closing the time opened at column " + (p + 1));
    }
    LogEvent ev = new LogEvent();
    ev.timestampMicros = time(line, p + 1, close);
    p = Scan.skipSpaces(line, close + 1, end);

    // [level] or [module:level]
    if (p >= end || line.charAt(p) != '[') {
      throw Scan.malformed("expected '[' opening the level at column " + (p + 1) + ", found "
          + Scan.found(line, p, end));
    }
    close = line.indexOf(']', p + 1);
    if (close < 0 || close >= end) {
      throw Scan.malformed("expected ']' closing the level opened at column " + (p + 1));
    }
    int colon = line.indexOf(':', p + 1);
    int levelFrom = p + 1;
    if (colon >= 0 && colon < close) {
      if (colon > p + 1) {
        ev.attributes.put("module", line.substring(p + 1, colon));
      }
      levelFrom = colon + 1;
    }
    if (levelFrom >= close) {
      throw Scan.malformed("empty level at column " + (p + 1));
    }
    String level = line.substring(levelFrom, close);
    ev.attributes.put("level_raw", level);
    ev.alertLevel = Levels.normalize(level);
    if (ev.alertLevel == null) {
      throw Scan.malformed("unknown level '" + Scan.clip(level, 0, level.length())
          + "' at column " + (levelFrom + 1));
    }
    p = Scan.skipSpaces(line, close + 1, end);

    // optional [pid N[:tid T]], [client A], [remote A]
    while (p < end && line.charAt(p) == '[') {
      close = line.indexOf(']', p + 1);
      if (close < 0 || close >= end) {
        break;
      }
      if (line.startsWith("pid ", p + 1)) {
        int tid = line.indexOf(":tid ", p + 5);
        int pidEnd = tid >= 0 && tid < close ? tid : close;
        ev.attributes.put("pid", line.substring(p + 5, pidEnd));
        if (pidEnd != close) {
          ev.attributes.put("tid", line.substring(tid + 5, close));
        }
      } else if (line.startsWith("client ", p + 1)) {
        Scan.setClient(line, p + 8, close, ev);
      } else if (line.startsWith("remote ", p + 1)) {
        ev.attributes.put("remote_ip", line.substring(p + 8, close));
      } else {
        break;
      }
      p = Scan.skipSpaces(line, close + 1, end);
    }

    // message [, referer: URL]
    int msgEnd = end;
    int ref = line.lastIndexOf(REFERER, end);
    if (ref >= p && ref + REFERER.length() < end
        && line.indexOf(' ', ref + REFERER.length()) < 0) {
      ev.referrer = line.substring(ref + REFERER.length(), end);
      msgEnd = ref;
    }
    if (msgEnd - p >= 8 && line.charAt(p) == 'A' && line.charAt(p + 1) == 'H'
        && line.charAt(p + 7) == ':' && Scan.parseUnsigned(line, p + 2, p + 7) >= 0) {
      ev.attributes.put("error_code", line.substring(p, p + 7));
    }
    ev.message = line.substring(p, msgEnd);
    return ev;
  }

  private long time(String line, int from, int to) throws MalformedLineException {
    if (rules == null) {
      return Timestamps.parseCtime(line, from, to, fixedOffset);
    }
    long localMicros = Timestamps.parseCtime(line, from, to, 0);
    long localSeconds = Math.floorDiv(localMicros, Timestamps.MICROS_PER_SECOND);
    int nanos = (int) Math.floorMod(localMicros, Timestamps.MICROS_PER_SECOND) * 1000;
    ZoneOffset offset =
        rules.getOffset(LocalDateTime.ofEpochSecond(localSeconds, nanos, ZoneOffset.UTC));
    return localMicros - offset.getTotalSeconds() * Timestamps.MICROS_PER_SECOND;
  }
}
