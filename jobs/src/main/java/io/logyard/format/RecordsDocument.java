package io.logyard.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The {@link ObjectParser} of JSON formats whose objects may be documents holding many records
 * ({@code {"Records": [...]}} of CloudTrail, {@code {"records": [...]}} of older Azure Monitor
 * archives) as well as one record per line. The first non-blank line decides: when it opens such
 * a document (or is a lone {@code {}), the object is read as a sequence of JSON documents at
 * {@link #end}, each record of each document parsed by the format's {@code parse} as if it were
 * a line; otherwise every line is one record. Records are numbered from 1 in object order.
 *
 * <p>A document mode object is held in memory until its end (CloudTrail objects are a few MB).
 */
final class RecordsDocument implements ObjectParser {
  private static final int MAX_RAW = 2000;

  private final LogFormat format;
  private final String arrayField;
  private StringBuilder document;
  private boolean decided;
  private long record;

  /**
   * @param arrayField the document's field holding the records, matched ignoring case
   */
  RecordsDocument(LogFormat format, String arrayField) {
    this.format = format;
    this.arrayField = arrayField;
  }

  @Override
  public void line(String line, Sink sink) {
    if (!decided) {
      int p = firstNonBlank(line);
      if (p >= line.length()) {
        sink.skipped();
        return;
      }
      decided = true;
      if (opensDocument(line, p)) {
        document = new StringBuilder(line.length() * 2);
      }
    }
    if (document != null) {
      document.append(line).append('\n');
      return;
    }
    if (firstNonBlank(line) >= line.length()) {
      sink.skipped();
      return;
    }
    record(line, sink);
  }

  @Override
  public void end(Sink sink) {
    if (document == null) {
      return;
    }
    String text = document.toString();
    document = null;
    try (JsonParser p = JsonScan.FACTORY.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != JsonToken.START_OBJECT) {
          record++;
          sink.quarantined("expected a JSON object, found " + t, clip(p.getText()), record);
          p.skipChildren();
          continue;
        }
        document(p, sink);
      }
    } catch (JsonProcessingException e) {
      record++;
      String why = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
      int nl = why.indexOf('\n');
      sink.quarantined("invalid JSON document after record " + (record - 1) + ": "
          + Scan.clip(nl < 0 ? why : why.substring(0, nl), 0, Math.min(why.length(),
              nl < 0 ? why.length() : nl), 200), clip(text), record);
    } catch (IOException e) {
      record++;
      sink.quarantined("unreadable JSON document: " + e.getMessage(), clip(text), record);
    } catch (RuntimeException e) {
      record++;
      sink.quarantined(Scan.internal(e).reason(), clip(text), record);
    }
  }

  /** One root object: its records when it holds the records array, else itself as a record. */
  private void document(JsonParser p, Sink sink) throws IOException {
    StringWriter self = new StringWriter();
    boolean sawRecords = false;
    try (JsonGenerator g = JsonScan.FACTORY.createGenerator(self)) {
      g.writeStartObject();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equalsIgnoreCase(arrayField) && v == JsonToken.START_ARRAY) {
          sawRecords = true;
          while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            StringWriter w = new StringWriter(512);
            try (JsonGenerator rg = JsonScan.FACTORY.createGenerator(w)) {
              rg.copyCurrentStructure(p);
            }
            record(w.toString(), sink);
          }
        } else {
          g.writeFieldName(name);
          g.copyCurrentStructure(p);
        }
      }
      g.writeEndObject();
    }
    if (!sawRecords) {
      record(self.toString(), sink);
    }
  }

  private void record(String text, Sink sink) {
    record++;
    try {
      sink.parsed(format.parse(text), record);
    } catch (MalformedLineException e) {
      sink.quarantined(e.reason(), text, record);
    }
  }

  /** True for {@code {} alone or an object whose first field is the records array. */
  private boolean opensDocument(String line, int p) {
    if (line.charAt(p) != '{') {
      return false;
    }
    int q = firstNonBlank(line, p + 1);
    if (q >= line.length()) {
      return true;
    }
    return line.charAt(q) == '"'
        && line.regionMatches(true, q + 1, arrayField, 0, arrayField.length())
        && line.startsWith("\"", q + 1 + arrayField.length());
  }

  private static int firstNonBlank(String s) {
    return firstNonBlank(s, 0);
  }

  private static int firstNonBlank(String s, int p) {
    while (p < s.length() && (s.charAt(p) <= ' ' || s.charAt(p) == '\uFEFF')) {
      p++;
    }
    return p;
  }

  private static String clip(String s) {
    return Excerpt.head(s, MAX_RAW);
  }
}
