package io.logyard.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Walks one JSON object with Jackson's streaming parser and hands every scalar to a
 * {@link Sink} under its dotted path ({@code {"a":{"b":1}}} gives {@code a.b}). Arrays are handed
 * over whole as JSON text; nulls are skipped.
 */
final class JsonScan {
  /** Shared and thread-safe once built; one parser per line. */
  static final JsonFactory FACTORY = JsonFactory.builder().build();

  interface Sink {
    /**
     * One value: {@code token} is the JSON token ({@code VALUE_STRING}, {@code VALUE_NUMBER_INT},
     * {@code VALUE_NUMBER_FLOAT}, {@code VALUE_TRUE}/{@code VALUE_FALSE}, or
     * {@code START_ARRAY} for an array given as JSON text).
     */
    void value(String key, JsonToken token, String text) throws MalformedLineException;
  }

  private JsonScan() {}

  static void scan(String line, Sink sink) throws MalformedLineException {
    int end = Scan.trimEnd(line);
    int p = 0;
    while (p < end && (line.charAt(p) <= ' ' || line.charAt(p) == '\uFEFF')) {
      p++;
    }
    if (p >= end) {
      throw Scan.malformed("empty line");
    }
    if (line.charAt(p) != '{') {
      throw Scan.malformed(
          "line is not a JSON object: expected '{' at column " + (p + 1) + ", found "
              + Scan.found(line, p, end));
    }
    // Jackson would reject a byte-order mark or leading blanks the check above skipped.
    int offset = p;
    try (JsonParser parser = FACTORY.createParser(p == 0 ? line : line.substring(p))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw Scan.malformed("line is not a JSON object");
      }
      object(parser, null, sink);
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw Scan.malformed(
            "unexpected " + describe(after) + " after the JSON object at column "
                + (parser.currentLocation().getColumnNr() + offset));
      }
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
      String why = firstLine(e.getOriginalMessage());
      // Jackson reports the column after the character it could not accept, and after the end
      // of a token it could not recognize: exact in the first case, approximate in the other.
      String where = "";
      if (column > 1 && why.startsWith("Unexpected character")) {
        where = " at column " + (column - 1 + offset);
      } else if (column > 0) {
        where = " near column " + (column + offset);
      }
      throw Scan.malformed(
          "invalid JSON" + where + ": "
              + Scan.clip(why, 0, why.length(), 200));
    } catch (IOException e) {
      String why = firstLine(e.getMessage());
      throw Scan.malformed("invalid JSON: " + Scan.clip(why, 0, why.length(), 200));
    }
  }

  private static void object(JsonParser parser, String prefix, Sink sink)
      throws IOException, MalformedLineException {
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String key = prefix == null ? name : prefix + '.' + name;
      JsonToken v = parser.nextToken();
      switch (v) {
        case START_OBJECT:
          object(parser, key, sink);
          break;
        case START_ARRAY:
          sink.value(key, JsonToken.START_ARRAY, arrayText(parser));
          break;
        case VALUE_NULL:
          break;
        case VALUE_STRING:
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
        case VALUE_TRUE:
        case VALUE_FALSE:
          sink.value(key, v, parser.getText());
          break;
        default:
          throw Scan.malformed("unexpected JSON token " + v + " for '" + key + "'");
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw Scan.malformed("unexpected " + describe(t) + " inside a JSON object");
    }
  }

  private static String arrayText(JsonParser parser) throws IOException {
    StringWriter w = new StringWriter(64);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.copyCurrentStructure(parser);
    }
    return w.toString();
  }

  private static String describe(JsonToken t) {
    return t == null ? "end of input" : "JSON token " + t;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable input";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
