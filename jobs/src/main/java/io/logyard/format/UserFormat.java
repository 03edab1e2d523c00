package io.logyard.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Formats users define in the configuration, for logs no built-in format reads:
 *
 * <ul>
 *   <li>{@code delimited}: values separated by {@code delimiter} (one character, {@code \t} for
 *       a tab, {@code space} for runs of spaces; default {@code ,}), optionally quoted with
 *       {@code quote} (default {@code "}, a quote inside doubled; empty for none); lines starting
 *       with {@code comment} are skipped; values past the declared fields are kept as
 *       {@code extra_1}, ...
 *   <li>{@code regex}: a Java regular expression with named groups {@code (?<name>...)} that
 *       must match the whole line, compiled once; the one format that runs a regular expression
 *       per line. Groups not declared in {@code fields} are kept as text attributes.
 * </ul>
 *
 * <p>{@code fields}: {@code name:type[:column[:kind]]} entries separated by commas, in line order
 * for {@code delimited}. Types: string, int, long (non-negative integers), double, timestamp
 * (ISO-8601, epoch seconds/ms/us/ns, or {@code 10/Oct/2000:13:55:36 -0700}). A column is one of
 * {@link #COLUMNS}; a field without one is an attribute. The privacy kind defaults from the column
 * (addresses, URLs) or the type. {@code -} and empty values are absent.
 */
public final class UserFormat extends BaseFormat {
  static final Set<String> DELIMITED_OPTIONS = Set.of("delimiter", "quote", "comment", "fields");
  static final Set<String> REGEX_OPTIONS = Set.of("pattern", "fields");

  /** The columns a user-defined field may fill. */
  public static final List<String> COLUMNS = List.of("timestamp", "message", "alert_level",
      "service", "hostname", "nodeName", "version", "remote_log_id", "public_ip", "private_ip",
      "client_ip", "http_method", "endpoint", "http_status", "response_bytes", "referrer",
      "user_agent", "latency_ms");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
  private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final FieldTable table;
  private final char delimiter;
  private final char quote;
  private final String comment;
  private final Pattern pattern;
  /** For regex: the table position of each named group, in group order. */
  private final String[] groups;

  private UserFormat(String name, List<Field> fields, FieldTable table, char delimiter,
      char quote, String comment, Pattern pattern, String[] groups) {
    super(name, fields);
    this.table = table;
    this.delimiter = delimiter;
    this.quote = quote;
    this.comment = comment;
    this.pattern = pattern;
    this.groups = groups;
  }

  /**
   * @param type {@code delimited} or {@code regex}
   * @throws FormatOptionsException with every problem, by option key
   */
  static UserFormat create(String type, Map<String, String> options) {
    boolean regex = type.equals("regex");
    List<FormatOptionsException.Problem> problems = new ArrayList<>();
    Set<String> known = regex ? REGEX_OPTIONS : DELIMITED_OPTIONS;
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        problems.add(new FormatOptionsException.Problem(key, "unknown key for a " + type
            + " format (known: " + String.join(", ", known.stream().sorted().toList()) + ")"));
      }
    }
    List<String[]> specs = fieldSpecs(options.get("fields"), problems);
    char delimiter = ',';
    char quote = '"';
    String comment = null;
    Pattern pattern = null;
    List<String> groupNames = new ArrayList<>();
    if (regex) {
      String p = options.get("pattern");
      if (p == null || p.isEmpty()) {
        problems.add(new FormatOptionsException.Problem("pattern",
            "missing value: a regular expression with named groups (?<name>...)"));
      } else {
        try {
          pattern = Pattern.compile(p);
          Matcher g = GROUP.matcher(p);
          while (g.find()) {
            groupNames.add(g.group(1));
          }
          if (groupNames.isEmpty()) {
            problems.add(new FormatOptionsException.Problem("pattern",
                "no named group (?<name>...) in the pattern"));
          }
        } catch (PatternSyntaxException e) {
          problems.add(new FormatOptionsException.Problem("pattern",
              "not a valid regular expression: " + e.getDescription() + " near index "
                  + e.getIndex()));
        }
      }
      for (int i = 0; i < specs.size(); i++) {
        if (pattern != null && specs.get(i)[0] != null
            && !groupNames.contains(specs.get(i)[0])) {
          problems.add(new FormatOptionsException.Problem("fields[" + i + "].name",
              "no group (?<" + specs.get(i)[0] + ">...) in the pattern"));
        }
      }
    } else {
      if (specs.isEmpty() && options.get("fields") != null) {
        problems.add(new FormatOptionsException.Problem("fields", "no field declared"));
      } else if (options.get("fields") == null) {
        problems.add(new FormatOptionsException.Problem("fields",
            "missing value: the fields of a line, in order"));
      }
      String d = options.getOrDefault("delimiter", ",");
      if (d.equals("\\t") || d.equals("\t") || d.equalsIgnoreCase("tab")) {
        delimiter = '\t';
      } else if (d.equals(" ") || d.equalsIgnoreCase("space")) {
        delimiter = ' ';
      } else if (d.length() == 1) {
        delimiter = d.charAt(0);
      } else {
        problems.add(new FormatOptionsException.Problem("delimiter",
            "expected one character (or \\t, space), found '" + d + "'"));
      }
      String q = options.getOrDefault("quote", "\"");
      if (q.isEmpty()) {
        quote = 0;
      } else if (q.length() == 1 && q.charAt(0) != delimiter) {
        quote = q.charAt(0);
      } else {
        problems.add(new FormatOptionsException.Problem("quote",
            "expected one character other than the delimiter, or empty for none, found '" + q
                + "'"));
      }
      comment = options.get("comment");
      if (comment != null && comment.isEmpty()) {
        comment = null;
      }
    }
    if (!problems.isEmpty()) {
      throw new FormatOptionsException(type, problems);
    }
    FieldTable.Builder b = FieldTable.builder();
    List<String> layout = new ArrayList<>();
    for (String[] s : specs) {
      layout.add(s[0]);
    }
    if (regex) {
      for (String g : groupNames) {
        if (!layout.contains(g)) {
          specs.add(new String[] {g, "string", null, null});
          layout.add(g);
        }
      }
    }
    List<Field> fields = new ArrayList<>();
    for (String[] s : specs) {
      FieldType t = FieldType.valueOf(s[1].toUpperCase(Locale.ROOT));
      PrivacyKind kind = s[3] != null ? PrivacyKind.valueOf(s[3].toUpperCase(Locale.ROOT))
          : defaultKind(s[2], t);
      if (s[2] == null) {
        b.attribute(s[0], t, "user-defined field", timestampCheck(t)).as(kind);
      } else {
        FieldTable.Reader reader = reader(s[2]);
        if (reader != null) {
          b.column(s[0], t, reader);
        } else {
          b.column(s[0], t, setter(s[2]));
        }
        fields.add(Field.column(s[2], columnType(s[2]), "field " + s[0]).as(kind));
      }
    }
    FieldTable table = b.build();
    fields.addAll(table.attributes());
    List<String> columns = specs.stream().map(x -> x[2]).toList();
    if (columns.contains("alert_level")) {
      fields.add(Field.attribute("level_raw", FieldType.STRING, "the level as written")
          .as(PrivacyKind.PLAIN));
    }
    if (columns.contains("client_ip")) {
      fields.add(Field.attribute("client_port", FieldType.STRING, "port of the client")
          .as(PrivacyKind.PLAIN));
      fields.add(Field.attribute("client_host", FieldType.STRING, "client when not an address"));
    }
    if (columns.contains("endpoint")) {
      fields.add(Field.attribute("query", FieldType.STRING, "query string of the endpoint")
          .as(PrivacyKind.QUERY));
    }
    String[] groups = regex ? groupNames.toArray(new String[0]) : null;
    return new UserFormat(type, fields, table, delimiter, quote, comment, pattern, groups);
  }

  /** {@code name:type[:column[:kind]]} entries; each checked, problems under fields[i]. */
  private static List<String[]> fieldSpecs(String value,
      List<FormatOptionsException.Problem> problems) {
    List<String[]> specs = new ArrayList<>();
    if (value == null) {
      return specs;
    }
    Set<String> seen = new java.util.HashSet<>();
    String[] entries = value.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        continue;
      }
      String at = "fields[" + specs.size() + "]";
      String[] parts = entry.split(":", -1);
      String[] s = new String[4];
      s[0] = parts[0].trim();
      s[1] = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "string";
      s[2] = parts.length > 2 && !parts[2].isBlank() ? parts[2].trim() : null;
      s[3] = parts.length > 3 && !parts[3].isBlank() ? parts[3].trim() : null;
      if (parts.length > 4) {
        problems.add(new FormatOptionsException.Problem(at,
            "expected name:type[:column[:kind]], found '" + entry + "'"));
      }
      if (!NAME.matcher(s[0]).matches()) {
        problems.add(new FormatOptionsException.Problem(at + ".name",
            "expected a name of letters, digits, '_' and '.', found '" + s[0] + "'"));
        s[0] = null;
      } else if (!seen.add(s[0])) {
        problems.add(new FormatOptionsException.Problem(at + ".name",
            "duplicate field '" + s[0] + "'"));
      } else if (s[0].matches("extra_[0-9]+")) {
        problems.add(new FormatOptionsException.Problem(at + ".name",
            "extra_N names are kept for values past the declared fields"));
      }
      if (!Set.of("string", "int", "long", "double", "timestamp").contains(s[1])) {
        problems.add(new FormatOptionsException.Problem(at + ".type",
            "one of string, int, long, double, timestamp, found '" + s[1] + "'"));
        s[1] = "string";
      }
      if (s[2] != null && !COLUMNS.contains(s[2])) {
        problems.add(new FormatOptionsException.Problem(at + ".column",
            "one of " + String.join(", ", COLUMNS) + ", found '" + s[2] + "'"));
        s[2] = null;
      } else if (s[2] != null) {
        FieldType want = columnType(s[2]);
        FieldType have = FieldType.valueOf(s[1].toUpperCase(Locale.ROOT));
        boolean ok = want == have || want == FieldType.STRING
            || want == FieldType.LONG && have == FieldType.INT
            || want == FieldType.INT && have == FieldType.LONG
            || want == FieldType.DOUBLE && (have == FieldType.INT || have == FieldType.LONG);
        if (!ok) {
          problems.add(new FormatOptionsException.Problem(at + ".type",
              "column " + s[2] + " takes a " + want.name().toLowerCase(Locale.ROOT)
                  + ", found '" + s[1] + "'"));
        }
      }
      if (s[3] != null) {
        try {
          PrivacyKind.valueOf(s[3].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          problems.add(new FormatOptionsException.Problem(at + ".kind",
              "one of " + String.join(", ", java.util.Arrays.stream(PrivacyKind.values())
                  .map(k -> k.name().toLowerCase(Locale.ROOT)).toList()) + ", found '" + s[3]
                  + "'"));
          s[3] = null;
        }
      }
      specs.add(s);
    }
    return specs;
  }

  private static FieldType columnType(String column) {
    switch (column) {
      case "timestamp":
        return FieldType.TIMESTAMP;
      case "http_status":
        return FieldType.INT;
      case "response_bytes":
        return FieldType.LONG;
      case "latency_ms":
        return FieldType.DOUBLE;
      default:
        return FieldType.STRING;
    }
  }

  private static PrivacyKind defaultKind(String column, FieldType type) {
    if (column == null) {
      return PrivacyKind.defaultFor(type);
    }
    switch (column) {
      case "client_ip":
      case "public_ip":
      case "private_ip":
        return PrivacyKind.ADDRESS;
      case "endpoint":
      case "referrer":
        return PrivacyKind.URL;
      case "alert_level":
      case "http_method":
        return PrivacyKind.PLAIN;
      default:
        return PrivacyKind.defaultFor(type);
    }
  }

  private static FieldTable.Setter timestampCheck(FieldType t) {
    if (t != FieldType.TIMESTAMP) {
      return (ev, v, n, c) -> {};
    }
    return (ev, v, n, c) -> timestamp(v);
  }

  /**
   * The columns filled from their value where it stands in the line (no copy of it): a time, an
   * address, a number; null for the others.
   */
  private static FieldTable.Reader reader(String column) {
    switch (column) {
      case "timestamp":
        return (ev, s, from, to, c) -> ev.timestampMicros = timestamp(s, from, to);
      case "client_ip":
        return (ev, s, from, to, c) -> Scan.setClient(s, from, to, ev);
      case "response_bytes":
        // validated as a number before the call
        return (ev, s, from, to, c) -> ev.responseBytes = Scan.parseUnsigned(s, from, to);
      case "latency_ms":
        return (ev, s, from, to, c) -> ev.latencyMs = Scan.parseDecimal(s, from, to);
      default:
        return null;
    }
  }

  private static FieldTable.Setter setter(String column) {
    switch (column) {
      case "message":
        return (ev, v, n, c) -> ev.message = v;
      case "alert_level":
        return (ev, v, n, c) -> {
          ev.alertLevel = Levels.normalize(v);
          ev.attributes.put("level_raw", v);
        };
      case "service":
        return (ev, v, n, c) -> ev.service = v;
      case "hostname":
        return (ev, v, n, c) -> ev.hostname = v;
      case "nodeName":
        return (ev, v, n, c) -> ev.nodeName = v;
      case "version":
        return (ev, v, n, c) -> ev.version = v;
      case "remote_log_id":
        return (ev, v, n, c) -> ev.remoteLogId = v;
      case "public_ip":
        return (ev, v, n, c) -> ev.publicIp = v;
      case "private_ip":
        return (ev, v, n, c) -> ev.privateIp = v;
      case "http_method":
        return (ev, v, n, c) -> ev.httpMethod = Scan.method(v, 0, v.length());
      case "endpoint":
        return (ev, v, n, c) -> Scan.setUrl(v, ev);
      case "http_status":
        return (ev, v, n, c) -> Scan.httpStatus(ev, v, "http_status", c);
      case "referrer":
        return (ev, v, n, c) -> ev.referrer = v;
      case "user_agent":
        return (ev, v, n, c) -> ev.userAgent = v;
      default:
        throw new IllegalArgumentException(column);
    }
  }

  /** ISO-8601, an epoch number, or Apache's {@code dd/Mon/yyyy:HH:mm:ss +hhmm}. */
  static long timestamp(String v) throws MalformedLineException {
    return timestamp(v, 0, v.length());
  }

  /** {@link #timestamp(String)} of the text {@code s[from, to)}. */
  static long timestamp(String s, int from, int to) throws MalformedLineException {
    // ISO first, the usual case: no number has a '-' after four characters
    if (to - from > 4 && s.charAt(from + 4) == '-') {
      return Timestamps.parseIso(s, from, to);
    }
    if (Scan.parseUnsigned(s, from, to) >= 0 || !Double.isNaN(Scan.parseDecimal(s, from, to))) {
      return JsonFormat.timestamp("timestamp", s.substring(from, to),
          com.fasterxml.jackson.core.JsonToken.VALUE_STRING);
    }
    return Timestamps.parseClf(s, from, to);
  }

  @Override
  public boolean isHeader(String line) {
    return comment != null && line.startsWith(comment);
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    if (end == 0) {
      throw Scan.malformed("empty line");
    }
    LogEvent ev = new LogEvent(table.size());
    if (pattern != null) {
      Matcher m = pattern.matcher(line.substring(0, end));
      if (!m.matches()) {
        throw Scan.malformed("line does not match the pattern");
      }
      for (String g : groups) {
        String v = m.group(g);
        if (v != null && !Scan.isDash(v, 0, v.length())) {
          table.set(table.index(g), ev, v, m.start(g) + 1);
        }
      }
      return finish(ev);
    }
    int field = 0;
    int p = delimiter == ' ' ? Scan.skipSpaces(line, 0, end) : 0;
    while (true) {
      int next;
      if (quote != 0 && p < end && line.charAt(p) == quote) {
        int close = closingQuote(line, p + 1, end);
        if (close < 0) {
          throw Scan.malformed("unterminated quoted " + table.name(field) + " starting at column "
              + (p + 1));
        }
        String value = line.substring(p + 1, close).replace(String.valueOf(quote) + quote,
            String.valueOf(quote));
        next = close + 1;
        if (next < end && line.charAt(next) != delimiter) {
          throw Scan.malformed("expected '" + delimiter + "' after the quoted "
              + table.name(field) + " at column " + (next + 1) + ", found "
              + Scan.found(line, next, end));
        }
        if (Scan.isDash(value, 0, value.length())) {
          value = null;
        }
        table.set(field, ev, value, p + 1);
      } else {
        int d = line.indexOf(delimiter, p);
        next = d < 0 || d > end ? end : d;
        // read in place: a number is not copied to be parsed, "-" and "" are absent
        table.set(field, ev, line, p, next, p + 1);
      }
      field++;
      if (next >= end) {
        break;
      }
      p = delimiter == ' ' ? Scan.skipSpaces(line, next, end) : next + 1;
      if (p >= end) {
        field++;
        break;
      }
    }
    if (field < table.size()) {
      throw Scan.malformed("expected " + table.size() + " fields, found " + field
          + " (line ends after " + table.name(field - 1) + ")");
    }
    return finish(ev);
  }

  private static LogEvent finish(LogEvent ev) {
    if (ev.alertLevel == null && ev.httpStatus != null) {
      ev.alertLevel = Scan.levelOfStatus(ev.httpStatus);
    }
    return ev;
  }

  private int closingQuote(String s, int p, int end) {
    int i = p;
    while (true) {
      i = s.indexOf(quote, i);
      if (i < 0 || i >= end) {
        return -1;
      }
      if (i + 1 < end && s.charAt(i + 1) == quote) {
        i += 2;
        continue;
      }
      return i;
    }
  }

  /** The user-defined format types and the options each takes, for docs and config. */
  static Map<String, Set<String>> types() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("delimited", DELIMITED_OPTIONS);
    m.put("regex", REGEX_OPTIONS);
    return m;
  }
}
