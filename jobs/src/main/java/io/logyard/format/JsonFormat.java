package io.logyard.format;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code json}: JSON application logs, one object per line.
 *
 * <p>Each column is filled from the first present of a list of JSON fields, configurable with the
 * format option of the same name (a comma-separated list of field names; nested fields by their
 * dotted path, e.g. {@code log.level}):
 *
 * <ul>
 *   <li>{@code timestamp}: {@code @timestamp, timestamp, time} — ISO-8601 (with {@code Z},
 *       an offset, or none for UTC) or epoch seconds/milliseconds/microseconds/nanoseconds, as
 *       a number or a string of digits
 *   <li>{@code level}: {@code level, severity, log.level} — normalized into alert_level
 *       (WARNING→WARN, err→ERROR, fatal→CRITICAL, ...); the original is kept in
 *       {@code level_raw}
 *   <li>{@code message}: {@code message, msg}
 *   <li>{@code service}: {@code service, service.name}
 *   <li>{@code event_id}: {@code event_id, id} → remote_log_id
 *   <li>{@code hostname}: {@code hostname, host, host.name}
 *   <li>{@code node}: {@code node, nodeName} → nodeName
 *   <li>{@code public_ip}, {@code private_ip}, {@code version}, {@code client_ip}: the field of
 *       the same name
 * </ul>
 *
 * <p>Every other field goes to {@code attributes}: nested objects flattened to dotted keys,
 * arrays as JSON text, numbers and booleans as written, nulls left out. A mapped field that lost
 * to an earlier name in its list stays in the attributes too.
 */
public final class JsonFormat extends BaseFormat {
  /** The mapping options, in documentation order. */
  static final List<String> OPTIONS =
      List.of(
          "timestamp",
          "level",
          "message",
          "service",
          "event_id",
          "hostname",
          "node",
          "public_ip",
          "private_ip",
          "version",
          "client_ip");

  private static final Map<String, String> DEFAULTS = defaults();

  private static final int TIMESTAMP = 0;
  private static final int LEVEL = 1;
  private static final int MESSAGE = 2;
  private static final int SERVICE = 3;
  private static final int EVENT_ID = 4;
  private static final int HOSTNAME = 5;
  private static final int NODE = 6;
  private static final int PUBLIC_IP = 7;
  private static final int PRIVATE_IP = 8;
  private static final int VERSION = 9;
  private static final int CLIENT_IP = 10;

  private static final List<Field> FIELDS =
      List.of(
          Field.column("timestamp", FieldType.TIMESTAMP, "event time (option timestamp)"),
          Field.column("alert_level", FieldType.STRING, "normalized level (option level)").as(PrivacyKind.PLAIN),
          Field.column("message", FieldType.STRING, "log message (option message)"),
          Field.column("service", FieldType.STRING, "service name (option service)"),
          Field.column("remote_log_id", FieldType.STRING, "the event's id (option event_id)"),
          Field.column("hostname", FieldType.STRING, "host name (option hostname)"),
          Field.column("nodeName", FieldType.STRING, "node name (option node)"),
          Field.column("public_ip", FieldType.STRING, "node public address (option public_ip)").as(PrivacyKind.ADDRESS),
          Field.column("private_ip", FieldType.STRING, "node private address (option private_ip)").as(PrivacyKind.ADDRESS),
          Field.column("version", FieldType.STRING, "application version (option version)"),
          Field.column("client_ip", FieldType.STRING, "client address (option client_ip)").as(PrivacyKind.ADDRESS),
          Field.attribute("level_raw", FieldType.STRING, "the level as written in the event").as(PrivacyKind.PLAIN));

  /** JSON key → (target << 8 | priority within the target's list). */
  private final Map<String, Integer> mapping;

  private final Map<String, List<String>> effective;

  /** The format with the default mapping. */
  public JsonFormat() {
    this(Map.of());
  }

  /**
   * @param options mapping overrides: option name (see {@link #OPTIONS}) → comma-separated JSON
   *     field names
   * @throws IllegalArgumentException for an unknown option or an empty list of names
   */
  public JsonFormat(Map<String, String> options) {
    this("json", DEFAULTS, JsonScan::scan, options);
  }

  /** How a format of this family hands a line's fields to the mapping. */
  @FunctionalInterface
  interface LineScanner {
    void scan(String line, JsonScan.Sink sink) throws MalformedLineException;
  }

  private final LineScanner scanner;

  /** {@code logfmt}: the same mapping over {@code key=value} lines ({@link LogfmtScan}). */
  static JsonFormat logfmt(Map<String, String> options) {
    return new JsonFormat("logfmt", LOGFMT_DEFAULTS, LogfmtScan::scan, options);
  }

  private JsonFormat(String name, Map<String, String> defaults, LineScanner scanner,
      Map<String, String> options) {
    super(name, FIELDS);
    this.scanner = scanner;
    Map<String, String> merged = new LinkedHashMap<>(defaults);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (!OPTIONS.contains(e.getKey())) {
        problems.add("unknown option '" + e.getKey() + "' (known: " + String.join(", ", OPTIONS)
            + ")");
      } else if (e.getValue() == null || splitNames(e.getValue()).isEmpty()) {
        problems.add("option '" + e.getKey() + "': expected a comma-separated list of JSON field"
            + " names, got '" + e.getValue() + "'");
      } else {
        merged.put(e.getKey(), e.getValue());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("format " + name + ": " + String.join("; ", problems));
    }
    Map<String, Integer> m = new HashMap<>();
    Map<String, List<String>> eff = new LinkedHashMap<>();
    for (int target = 0; target < OPTIONS.size(); target++) {
      List<String> names = splitNames(merged.get(OPTIONS.get(target)));
      eff.put(OPTIONS.get(target), names);
      for (int prio = 0; prio < names.size() && prio < 256; prio++) {
        // A name listed for two targets belongs to the first, which keeps parsing unambiguous.
        m.putIfAbsent(names.get(prio), target << 8 | prio);
      }
    }
    this.mapping = Map.copyOf(m);
    this.effective = Collections.unmodifiableMap(eff);
  }

  /** The mapping in force: option name → JSON field names, in priority order. */
  public Map<String, List<String>> mapping() {
    return effective;
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    Collector c = new Collector(mapping);
    scanner.scan(line, c);
    return c.finish();
  }

  /** One line's state: the event being filled and the best candidate per target. */
  private static final class Collector implements JsonScan.Sink {
    private final Map<String, Integer> mapping;
    private final LogEvent ev = new LogEvent();
    private final String[] keys = new String[OPTIONS.size()];
    private final String[] values = new String[OPTIONS.size()];
    private final JsonToken[] tokens = new JsonToken[OPTIONS.size()];
    private final int[] prios = new int[OPTIONS.size()];

    Collector(Map<String, Integer> mapping) {
      this.mapping = mapping;
    }

    @Override
    public void value(String key, JsonToken token, String text) {
      ev.attributes.put(key, text);
      Integer m = mapping.get(key);
      if (m == null || token == JsonToken.START_ARRAY) {
        return;
      }
      int target = m >>> 8;
      int prio = m & 0xff;
      if (keys[target] == null || prio < prios[target]) {
        keys[target] = key;
        values[target] = text;
        tokens[target] = token;
        prios[target] = prio;
      }
    }

    LogEvent finish() throws MalformedLineException {
      for (int t = 0; t < keys.length; t++) {
        if (keys[t] != null) {
          ev.attributes.remove(keys[t]);
        }
      }
      if (keys[TIMESTAMP] != null) {
        ev.timestampMicros = timestamp(keys[TIMESTAMP], values[TIMESTAMP], tokens[TIMESTAMP]);
      }
      if (keys[LEVEL] != null) {
        ev.alertLevel = Levels.normalize(values[LEVEL]);
        ev.attributes.put("level_raw", values[LEVEL]);
      }
      ev.message = values[MESSAGE];
      ev.service = values[SERVICE];
      ev.remoteLogId = values[EVENT_ID];
      ev.hostname = values[HOSTNAME];
      ev.nodeName = values[NODE];
      ev.publicIp = values[PUBLIC_IP];
      ev.privateIp = values[PRIVATE_IP];
      ev.version = values[VERSION];
      ev.clientIp = values[CLIENT_IP];
      return ev;
    }
  }

  /** A JSON timestamp value: ISO-8601 text, or an epoch number (as a number or digits). */
  static long timestamp(String key, String text, JsonToken token) throws MalformedLineException {
    try {
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
          || token == JsonToken.VALUE_STRING && isNumber(text)) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
          try {
            return Timestamps.epochNumberToMicros(Long.parseLong(text));
          } catch (NumberFormatException e) {
            throw Scan.malformed("bad timestamp '" + Scan.clip(text, 0, text.length())
                + "': epoch number out of range");
          }
        }
        double d = Scan.parseDecimal(text, 0, text.length());
        if (Double.isNaN(d)) {
          throw Scan.malformed("bad timestamp '" + Scan.clip(text, 0, text.length())
              + "': not an epoch number");
        }
        return Timestamps.epochNumberToMicros(d);
      }
      if (token != JsonToken.VALUE_STRING) {
        throw Scan.malformed("bad timestamp '" + Scan.clip(text, 0, text.length())
            + "': expected a string or a number");
      }
      return Timestamps.parseIso(text, 0, text.length());
    } catch (MalformedLineException e) {
      throw Scan.malformed("field '" + key + "': " + e.reason());
    }
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int i = s.charAt(0) == '-' ? 1 : 0;
    if (i >= s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && c != '.') {
        return false;
      }
    }
    return true;
  }

  static List<String> splitNames(String value) {
    List<String> names = new ArrayList<>();
    if (value == null) {
      return names;
    }
    int start = 0;
    while (start <= value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String name = value.substring(start, end).trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return names;
  }

  private static final Map<String, String> LOGFMT_DEFAULTS = logfmtDefaults();

  private static Map<String, String> logfmtDefaults() {
    Map<String, String> d = new LinkedHashMap<>(defaults());
    d.put("timestamp", "ts,time,timestamp,t,@timestamp");
    d.put("level", "level,lvl,severity");
    d.put("message", "msg,message");
    d.put("service", "service,app,component");
    return Collections.unmodifiableMap(d);
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("timestamp", "@timestamp,timestamp,time");
    d.put("level", "level,severity,log.level");
    d.put("message", "message,msg");
    d.put("service", "service,service.name");
    d.put("event_id", "event_id,id");
    d.put("hostname", "hostname,host,host.name");
    d.put("node", "node,nodeName");
    d.put("public_ip", "public_ip");
    d.put("private_ip", "private_ip");
    d.put("version", "version");
    d.put("client_ip", "client_ip");
    return Collections.unmodifiableMap(d);
  }
}
