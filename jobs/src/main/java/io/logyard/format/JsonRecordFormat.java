package io.logyard.format;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;

/**
 * A format of JSON records with a fixed mapping (cloud providers' log records): every scalar of
 * the record arrives under its dotted path ({@link JsonScan}); the format moves what it knows to
 * columns and keeps the rest as attributes, under the JSON path as written. Records are one per
 * line, or many per document read through {@link #forObject} ({@link RecordsDocument}).
 */
abstract class JsonRecordFormat extends BaseFormat {
  private final String recordsField;

  /**
   * @param recordsField the field of a document holding many records, or null when the format
   *     has one record per line only
   */
  JsonRecordFormat(String name, List<Field> fields, String recordsField) {
    super(name, fields);
    this.recordsField = recordsField;
  }

  @Override
  final LogEvent scan(String line) throws MalformedLineException {
    LogEvent ev = new LogEvent(24);
    JsonScan.scan(line, (key, token, text) -> {
      if (!map(ev, key, token, text)) {
        ev.attributes.put(key, text);
      }
    });
    finish(ev);
    return ev;
  }

  @Override
  public ObjectParser forObject() {
    return recordsField == null ? super.forObject() : new RecordsDocument(this, recordsField);
  }

  /**
   * One value of the record.
   *
   * @return true when it filled a column and is not kept as an attribute
   */
  abstract boolean map(LogEvent ev, String key, JsonToken token, String text)
      throws MalformedLineException;

  /** After the last value: fallbacks and derived columns. */
  abstract void finish(LogEvent ev) throws MalformedLineException;

  /** An HTTP status from a JSON number or string. */
  static void status(LogEvent ev, String key, String text) throws MalformedLineException {
    long s = Scan.parseUnsigned(text, 0, text.length());
    if (s < 0 || s > 999) {
      throw Scan.malformed("field '" + key + "': expected an HTTP status, found '"
          + Scan.clip(text, 0, text.length()) + "'");
    }
    ev.httpStatus = Scan.status((int) s);
  }

  /** A non-negative integer from a JSON number or string. */
  static long number(String key, String text) throws MalformedLineException {
    long v = Scan.parseUnsigned(text, 0, text.length());
    if (v < 0) {
      throw Scan.malformed("field '" + key + "': expected a number, found '"
          + Scan.clip(text, 0, text.length()) + "'");
    }
    return v;
  }

  /** A decimal number from a JSON number or string, with an optional unit suffix. */
  static double decimal(String key, String text, String suffix) throws MalformedLineException {
    int end = suffix != null && text.endsWith(suffix) ? text.length() - suffix.length()
        : text.length();
    double d = Scan.parseDecimal(text, 0, end);
    if (Double.isNaN(d)) {
      throw Scan.malformed("field '" + key + "': expected a number, found '"
          + Scan.clip(text, 0, text.length()) + "'");
    }
    return d;
  }

  static boolean isString(JsonToken t) {
    return t == JsonToken.VALUE_STRING;
  }
}
