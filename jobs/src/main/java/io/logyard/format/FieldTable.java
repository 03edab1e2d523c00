package io.logyard.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The positional field table of a delimited format: the documented fields in log order, each
 * with its type and what its value fills. A scanner splits a line into values and hands value
 * {@code i} to {@link #set}; the table validates numbers (one message for every format), fills
 * columns, keeps attributes, and keeps values past the last documented field as {@code extra_1},
 * {@code extra_2}, ... Immutable and thread-safe.
 */
final class FieldTable {
  /**
   * Fills columns from one value. {@code number} is the value parsed as a non-negative integer
   * for fields of type INT and LONG (validated before the call), else -1.
   */
  @FunctionalInterface
  interface Setter {
    void set(LogEvent ev, String value, long number, int column) throws MalformedLineException;
  }

  /**
   * Fills columns from a value read where it stands in the line, {@code s[from, to)}, for a
   * column that parses its value (a time, a status, {@code ip:port}) rather than keeping it: no
   * copy of the text is made for it.
   */
  @FunctionalInterface
  interface Reader {
    void read(LogEvent ev, String s, int from, int to, int column) throws MalformedLineException;
  }

  private static final Setter NONE = (ev, v, n, c) -> {};

  private final String[] names;
  private final FieldType[] types;
  private final Setter[] setters;
  /** The reader of a column declared with one, else null. */
  private final Reader[] readers;
  /** Whether the value is kept as an attribute under its name. */
  private final boolean[] kept;
  private final String[] descriptions;
  private final PrivacyKind[] kinds;
  /** The usual values of a field declared with them ({@link Builder#values}), else null. */
  private final String[][] known;
  private final Map<String, Integer> index;
  /** The kept fields' names in order (a line's keys in put order), null if one repeats. */
  private final Attributes.Expected keptNames;

  private FieldTable(Builder b) {
    int n = b.names.size();
    names = b.names.toArray(new String[n]);
    types = b.types.toArray(new FieldType[n]);
    setters = b.setters.toArray(new Setter[n]);
    readers = b.readers.toArray(new Reader[n]);
    descriptions = b.descriptions.toArray(new String[n]);
    kinds = b.kinds.toArray(new PrivacyKind[n]);
    known = b.known.toArray(new String[n][]);
    kept = new boolean[n];
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < n; i++) {
      kept[i] = b.kept.get(i);
      if (idx.put(names[i], i) != null) {
        throw new IllegalArgumentException("duplicate field '" + names[i] + "'");
      }
    }
    index = Map.copyOf(idx);
    keptNames = keptNames(names, kept);
  }

  private FieldTable(String[] names, FieldType[] types, Setter[] setters, Reader[] readers,
      boolean[] kept, String[] descriptions, PrivacyKind[] kinds, String[][] known) {
    this.known = known;
    this.names = names;
    this.types = types;
    this.setters = setters;
    this.readers = readers;
    this.kept = kept;
    this.descriptions = descriptions;
    this.kinds = kinds;
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      idx.putIfAbsent(names[i], i);
    }
    index = Map.copyOf(idx);
    keptNames = keptNames(names, kept);
  }

  /** The kept names, or null when a name is kept twice (a header naming a field twice). */
  private static Attributes.Expected keptNames(String[] names, boolean[] kept) {
    Set<String> k = new LinkedHashSet<>();
    for (int i = 0; i < names.length; i++) {
      if (kept[i] && !k.add(names[i])) {
        return null;
      }
    }
    return new Attributes.Expected(k.toArray(new String[0]));
  }

  /**
   * The table of a line layout named field by field (a {@code #Fields} or header line): this
   * table's fields where named, and a kept text attribute for a name this table does not know.
   */
  FieldTable select(List<String> layout) {
    int n = layout.size();
    String[] nm = new String[n];
    FieldType[] ty = new FieldType[n];
    Setter[] st = new Setter[n];
    Reader[] rd = new Reader[n];
    boolean[] kp = new boolean[n];
    String[] ds = new String[n];
    PrivacyKind[] kd = new PrivacyKind[n];
    String[][] kn = new String[n][];
    for (int j = 0; j < n; j++) {
      String name = layout.get(j);
      Integer i = index.get(name);
      nm[j] = name;
      if (i == null) {
        ty[j] = FieldType.STRING;
        st[j] = NONE;
        kp[j] = true;
        ds[j] = "undocumented field";
        kd[j] = PrivacyKind.FREE_TEXT;
      } else {
        ty[j] = types[i];
        st[j] = setters[i];
        rd[j] = readers[i];
        kp[j] = kept[i];
        ds[j] = descriptions[i];
        kd[j] = kinds[i];
        kn[j] = known[i];
      }
    }
    return new FieldTable(nm, ty, st, rd, kp, ds, kd, kn);
  }

  /** True when {@code name} is one of the documented fields. */
  boolean has(String name) {
    return index.containsKey(name);
  }

  /** The documented field names, in order. */
  List<String> names() {
    return List.of(names);
  }

  static Builder builder() {
    return new Builder();
  }

  /** The number of documented fields. */
  int size() {
    return names.length;
  }

  /**
   * An event for one line of this table: its attribute map is sized for the kept fields and
   * shares their names as its keys while the line puts them in order (every value present, no
   * extras), instead of a key array per line.
   */
  LogEvent newEvent() {
    return keptNames != null ? new LogEvent(new Attributes(keptNames)) : new LogEvent(size());
  }

  String name(int i) {
    return i < names.length ? names[i] : "extra field " + (i - names.length + 1);
  }

  FieldType type(int i) {
    return types[i];
  }

  /** The position of a documented field. */
  int index(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no field '" + name + "'");
    }
    return i;
  }

  /**
   * Value {@code i} of a line: null or empty for an absent value (nothing is set). Values past the
   * documented fields become {@code extra_N} attributes.
   *
   * @param column the 1-based column where the value starts, for error messages
   */
  void set(int i, LogEvent ev, String value, int column) throws MalformedLineException {
    if (value != null && !value.isEmpty()) {
      set(i, ev, value, value, 0, value.length(), column);
    }
  }

  /**
   * Value {@code i} of a line as the text {@code line[from, to)}, which is absent (nothing is
   * set) when empty or {@code -}; otherwise as {@link #set(int, LogEvent, String, int)}.
   */
  void set(int i, LogEvent ev, String line, int from, int to, int column)
      throws MalformedLineException {
    if (to > from && !Scan.isDash(line, from, to)) {
      set(i, ev, null, line, from, to, column);
    }
  }

  /** Sets value {@code i}, the text {@code line[from, to)}: {@code value} when already made. */
  private void set(int i, LogEvent ev, String value, String line, int from, int to, int column)
      throws MalformedLineException {
    // the rare paths (extras, errors) are calls: a small method is inlined into the scanners
    if (i >= names.length) {
      extra(ev, i - names.length + 1, value != null ? value : line.substring(from, to));
      return;
    }
    FieldType type = types[i];
    long number = -1;
    if (type == FieldType.LONG || type == FieldType.INT) {
      number = Scan.parseUnsigned(line, from, to);
      if (number < 0 || type == FieldType.INT && number > Integer.MAX_VALUE) {
        throw notA("number", i, line, from, to, column);
      }
    } else if (type == FieldType.DOUBLE && Double.isNaN(Scan.parseDecimal(line, from, to))) {
      throw notA("decimal number", i, line, from, to, column);
    }
    Reader reader = readers[i];
    if (reader != null) {
      reader.read(ev, line, from, to, column);
    }
    Setter setter = setters[i];
    if (setter == NONE && !kept[i]) {
      return;
    }
    if (value == null) {
      String[] usual = known[i];
      value = usual != null ? usual(usual, line, from, to) : null;
      if (value == null) {
        value = number >= 0 ? Scan.numberText(line, from, to, number) : line.substring(from, to);
      }
    }
    if (setter != NONE) {
      setter.set(ev, value, number, column);
    }
    if (kept[i]) {
      ev.attributes.put(names[i], value);
    }
  }

  /** The one of {@code usual} that {@code line[from, to)} spells, else null: no copy of it. */
  private static String usual(String[] usual, String line, int from, int to) {
    int n = to - from;
    for (String u : usual) {
      if (u.length() == n && line.regionMatches(from, u, 0, n)) {
        return u;
      }
    }
    return null;
  }

  /** Trailing value {@code n} (1-based) past the documented fields: {@code extra_N}. */
  static void extra(LogEvent ev, int n, String value) {
    if (value != null && !value.isEmpty()) {
      ev.attributes.put(AccessLogScanner.extraKey(n), value);
    }
  }

  /** Value {@code i}, {@code line[from, to)}, is not the number its type says. */
  private MalformedLineException notA(String what, int i, String line, int from, int to,
      int column) {
    return Scan.malformed("expected a " + what + " for " + names[i] + " at column " + column
        + ", found '" + Scan.clip(line, from, to) + "'");
  }

  /** The kept fields as attributes of a field list, with their descriptions. */
  List<Field> attributes() {
    List<Field> f = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (kept[i]) {
        f.add(Field.attribute(names[i], types[i], descriptions[i]).as(kinds[i]));
      }
    }
    return f;
  }

  static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<FieldType> types = new ArrayList<>();
    private final List<Setter> setters = new ArrayList<>();
    private final List<Reader> readers = new ArrayList<>();
    private final List<Boolean> kept = new ArrayList<>();
    private final List<String> descriptions = new ArrayList<>();
    private final List<PrivacyKind> kinds = new ArrayList<>();
    private final List<String[]> known = new ArrayList<>();

    private Builder add(String name, FieldType type, Setter s, boolean keep, String doc) {
      return add(name, type, s, null, keep, doc);
    }

    private Builder add(String name, FieldType type, Setter s, Reader r, boolean keep,
        String doc) {
      names.add(name);
      types.add(type);
      setters.add(s);
      readers.add(r);
      kept.add(keep);
      descriptions.add(doc);
      kinds.add(PrivacyKind.defaultFor(type));
      known.add(null);
      return this;
    }

    /**
     * Declares the usual values of the text field added last (an enumeration such as ACCEPT or
     * REJECT): a line holding one shares the constant instead of a copy. Other values still read.
     */
    Builder values(String... usual) {
      known.set(known.size() - 1, usual.clone());
      return this;
    }

    /** Declares the privacy kind of the field added last (else the default for its type). */
    Builder as(PrivacyKind kind) {
      kinds.set(kinds.size() - 1, kind);
      return this;
    }

    /** A field kept as an attribute under its name. */
    Builder attribute(String name, FieldType type, String doc) {
      return add(name, type, NONE, true, doc);
    }

    /** A field kept as an attribute that also fills columns. */
    Builder attribute(String name, FieldType type, String doc, Setter s) {
      return add(name, type, s, true, doc);
    }

    /** A field that only fills columns (declared by the format as columns). */
    Builder column(String name, FieldType type, Setter s) {
      return add(name, type, s, false, null);
    }

    /** A field that only fills columns, read in place ({@link Reader}). */
    Builder column(String name, FieldType type, Reader r) {
      return add(name, type, NONE, r, false, null);
    }

    FieldTable build() {
      return new FieldTable(this);
    }
  }
}
