package io.logyard.format;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code nginx-error}: nginx error logs, {@code yyyy/MM/dd HH:mm:ss [level] pid#tid: [*cid]
 * message[, client: A, server: S, request: "R", upstream: "U", host: "H", referrer: "F"]}. The
 * time is local to the server: the option {@code timezone} says which zone (default UTC). The
 * trailing context nginx appends fills client_ip, the request columns and referrer; other
 * {@code key: value} pairs of that tail are kept under their key.
 */
public final class NginxErrorFormat extends BaseFormat {
  static final Set<String> OPTIONS = Set.of("timezone");

  private static final String[] TAIL_KEYS = {
    ", client: ", ", server: ", ", request: ", ", upstream: ", ", host: "
  };

  private static final List<Field> FIELDS = List.of(
      Field.column("timestamp", FieldType.TIMESTAMP, "time of the entry (option timezone)"),
      Field.column("alert_level", FieldType.STRING, "normalized level").as(PrivacyKind.PLAIN),
      Field.column("message", FieldType.STRING, "the message, without the context tail"),
      Field.column("client_ip", FieldType.STRING, "client: address").as(PrivacyKind.ADDRESS),
      Field.column("http_method", FieldType.STRING, "method of request:").as(PrivacyKind.PLAIN),
      Field.column("endpoint", FieldType.STRING, "path of request:, no query")
          .as(PrivacyKind.URL),
      Field.column("referrer", FieldType.STRING, "referrer:").as(PrivacyKind.URL),
      Field.attribute("level_raw", FieldType.STRING, "level as written (error, warn, crit ...)")
          .as(PrivacyKind.PLAIN),
      Field.attribute("pid", FieldType.LONG, "worker process id"),
      Field.attribute("tid", FieldType.LONG, "thread id"),
      Field.attribute("connection", FieldType.LONG, "connection serial number (*N)"),
      Field.attribute("client_host", FieldType.STRING, "client when not an IP address"),
      Field.attribute("server", FieldType.STRING, "server: name of the virtual server")
          .as(PrivacyKind.PLAIN),
      Field.attribute("request", FieldType.STRING, "request: line")
          .as(PrivacyKind.REQUEST_LINE),
      Field.attribute("protocol", FieldType.STRING, "protocol of request:")
          .as(PrivacyKind.PLAIN),
      Field.attribute("query", FieldType.STRING, "query string of request:")
          .as(PrivacyKind.QUERY),
      Field.attribute("upstream", FieldType.STRING, "upstream: URL").as(PrivacyKind.URL),
      Field.attribute("host", FieldType.STRING, "host: header"),
      Field.attribute("subrequest", FieldType.STRING, "subrequest: URI").as(PrivacyKind.URL));

  private final LocalZone zone;

  public NginxErrorFormat() {
    this(Map.of());
  }

  /**
   * @param options {@code timezone}: the zone the server logs in
   * @throws IllegalArgumentException for an unknown option or zone
   */
  public NginxErrorFormat(Map<String, String> options) {
    super("nginx-error", FIELDS);
    LogFormats.checkOptions("nginx-error", options, OPTIONS);
    this.zone = LocalZone.of("nginx-error", options.get("timezone"));
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    if (end == 0) {
      throw Scan.malformed("empty line");
    }
    if (end < 21 || line.charAt(4) != '/' || line.charAt(7) != '/' || line.charAt(10) != ' ') {
      throw Scan.malformed("expected a time like 2026/11/20 10:00:00 at column 1, found "
          + Scan.found(line, 0, end));
    }
    LogEvent ev = new LogEvent(10);
    String iso = line.substring(0, 4) + '-' + line.substring(5, 7) + '-' + line.substring(8, 19);
    ev.timestampMicros = zone.toUtc(Timestamps.parseIso(iso, 0, iso.length()));
    int p = 20;
    if (line.charAt(19) != ' ' || line.charAt(p) != '[') {
      throw Scan.malformed("expected '[' opening the level at column 21, found "
          + Scan.found(line, p, end));
    }
    int close = line.indexOf(']', p);
    if (close < 0 || close >= end) {
      throw Scan.malformed("expected ']' closing the level opened at column 21");
    }
    String level = line.substring(p + 1, close);
    ev.alertLevel = Levels.normalize(level);
    if (ev.alertLevel == null) {
      throw Scan.malformed("unknown level '" + Scan.clip(level, 0, level.length())
          + "' at column 22");
    }
    ev.attributes.put("level_raw", level);
    p = Scan.skipSpaces(line, close + 1, end);
    int hash = line.indexOf('#', p);
    int colon = line.indexOf(": ", p);
    if (hash > p && colon > hash && Scan.parseUnsigned(line, p, hash) >= 0
        && Scan.parseUnsigned(line, hash + 1, colon) >= 0) {
      ev.attributes.put("pid", line.substring(p, hash));
      ev.attributes.put("tid", line.substring(hash + 1, colon));
      p = Math.min(colon + 2, end);
    }
    if (p < end && line.charAt(p) == '*') {
      int sp = Scan.tokenEnd(line, p, end);
      if (Scan.parseUnsigned(line, p + 1, sp) >= 0) {
        ev.attributes.put("connection", line.substring(p + 1, sp));
        p = Scan.skipSpaces(line, sp, end);
      }
    }
    int tail = -1;
    for (String key : TAIL_KEYS) {
      int i = line.indexOf(key, p);
      if (i >= 0 && i < end && (tail < 0 || i < tail)) {
        tail = i;
      }
    }
    ev.message = line.substring(p, tail < 0 ? end : tail);
    if (tail >= 0) {
      tail(line, tail, end, ev);
    }
    return ev;
  }

  /** {@code , key: value} pairs; a value is quoted or runs to the next {@code ", "}. */
  private static void tail(String line, int p, int end, LogEvent ev) {
    while (p < end && line.startsWith(", ", p)) {
      int colon = line.indexOf(": ", p + 2);
      if (colon < 0 || colon + 2 > end) {
        return;
      }
      String key = line.substring(p + 2, colon);
      int v = colon + 2;
      String value;
      int next;
      if (v < end && line.charAt(v) == '"') {
        int q = v + 1;
        while (true) {
          q = line.indexOf('"', q);
          if (q < 0 || q >= end) {
            q = end;
            break;
          }
          if (line.charAt(q - 1) != '\\' && (q + 1 == end || line.startsWith(", ", q + 1))) {
            break;
          }
          q++;
        }
        value = Scan.unescapeQuoted(line, v + 1, Math.min(q, end));
        next = Math.min(q + 1, end);
      } else {
        int comma = line.indexOf(", ", v);
        next = comma < 0 || comma > end ? end : comma;
        value = line.substring(v, next);
      }
      set(key, value, ev);
      p = next;
    }
  }

  private static void set(String key, String value, LogEvent ev) {
    switch (key) {
      case "client":
        Scan.setClient(value, 0, value.length(), ev);
        break;
      case "request":
        ev.attributes.put("request", value);
        Scan.splitRequest(value, ev);
        break;
      case "referrer":
        ev.referrer = value;
        break;
      default:
        ev.attributes.put(key, value);
        break;
    }
  }
}
