package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each format's field list is the truth: its parser emits nothing it does not declare. */
class FieldListTest {
  /** The documented catch-all for trailing fields a format does not know yet. */
  private static final Pattern EXTRA = Pattern.compile("extra_[1-9][0-9]*");

  /** Formats whose attributes are open-ended (every JSON field not mapped to a column). */
  private static final Set<String> OPEN_ENDED = Set.of("json", "logfmt", "gcp-logging", "azure-monitor", "aws-cloudtrail");

  /** Each format's fixture: {@code formats/<name>.log}. */
  private static String fixture(String format) {
    return format + ".log";
  }

  @Test
  void everyFormatHasAFixture() {
    for (String name : LogFormats.names()) {
      assertTrue(!Fixtures.lines(fixture(name)).isEmpty(), name);
    }
  }

  @Test
  void everyEmittedAttributeIsDeclared() throws MalformedLineException {
    for (String name : LogFormats.names()) {
      LogFormat f = LogFormats.create(name, Map.of());
      Set<String> declared = new HashSet<>();
      for (Field field : f.fields()) {
        if (field.isAttribute()) {
          declared.add(field.name());
        }
      }
      int parsed = 0;
      for (String line : Fixtures.lines(fixture(name))) {
        if (f.isHeader(line)) {
          continue;
        }
        LogEvent ev = f.parse(line);
        parsed++;
        if (OPEN_ENDED.contains(name)) {
          continue;
        }
        for (String key : ev.attributes.keySet()) {
          assertTrue(declared.contains(key) || EXTRA.matcher(key).matches(),
              name + " emits undeclared attribute '" + key + "' for: " + line);
        }
      }
      assertTrue(parsed > 0, name);
    }
  }

  @Test
  void fieldNamesAreUniqueAndColumnsExistInLogResults() throws IOException {
    Set<String> columns = logResultsColumns();
    for (String name : LogFormats.names()) {
      List<Field> fields = LogFormats.create(name, Map.of()).fields();
      Set<String> seen = new HashSet<>();
      for (Field field : fields) {
        assertTrue(seen.add(field.name()), name + ": duplicate field " + field.name());
        assertNotNull(field.type(), name + "." + field.name());
        assertTrue(field.description() != null && !field.description().isBlank(),
            name + "." + field.name() + " has no description");
        if (!field.isAttribute()) {
          assertTrue(columns.contains(field.column()),
              name + ": column " + field.column() + " is not in log_results");
        }
      }
    }
  }

  private static Set<String> logResultsColumns() throws IOException {
    Set<String> names = new HashSet<>();
    try (InputStream in = FieldListTest.class.getResourceAsStream("/schemas/log_results.json")) {
      assertNotNull(in, "schemas/log_results.json on the classpath");
      try (JsonParser p = JsonScan.FACTORY.createParser(in)) {
        int depth = 0;
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            depth++;
          } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
            depth--;
          } else if (t == JsonToken.FIELD_NAME && depth == 2 && "name".equals(p.currentName())) {
            p.nextToken();
            names.add(p.getText());
          }
        }
      }
    }
    return names;
  }

  /** Every field declares a privacy kind; addresses, queries and request lines say so. */
  @Test
  void everyFieldDeclaresItsPrivacyKind() {
    for (String name : LogFormats.names()) {
      for (Field field : LogFormats.create(name, Map.of()).fields()) {
        String where = name + "." + field.name();
        assertNotNull(field.kind(), where);
        if (field.type() != FieldType.STRING) {
          assertEquals(PrivacyKind.PLAIN, field.kind(), where);
        }
        if (field.name().equals("client_ip") || field.name().equals("x_forwarded_for")) {
          assertTrue(
              field.kind() == PrivacyKind.ADDRESS || field.kind() == PrivacyKind.ADDRESS_LIST,
              where);
        }
        if (field.name().equals("query")) {
          assertEquals(PrivacyKind.QUERY, field.kind(), where);
        }
        if (field.name().equals("endpoint") || field.name().equals("referrer")) {
          assertEquals(PrivacyKind.URL, field.kind(), where);
        }
      }
    }
  }

  @Test
  void theFactoriesGiveASafeDefaultKind() {
    assertEquals(PrivacyKind.FREE_TEXT, Field.attribute("x", FieldType.STRING, "d").kind());
    assertEquals(PrivacyKind.PLAIN, Field.column("n", FieldType.LONG, "d").kind());
    assertEquals(
        PrivacyKind.ADDRESS,
        Field.column("client_ip", FieldType.STRING, "d").as(PrivacyKind.ADDRESS).kind());
  }

  /**
   * A field whose name says secret ({@code key}, {@code credentials}, {@code authorization_...})
   * is redacted whole unless its format declares what it holds: every such field of a built-in
   * format declares its kind (an S3 object {@code key} is a URL path, not a secret).
   */
  @Test
  void everyFieldNamedLikeASecretDeclaresWhatItHolds() {
    for (String name : LogFormats.names()) {
      for (Field field : LogFormats.create(name, Map.of()).fields()) {
        if (io.logyard.config.SecretNames.isSecretName(field.name())) {
          assertTrue(field.kind() != PrivacyKind.FREE_TEXT,
              name + "." + field.name() + ": its name says secret; declare its kind (.as(...))");
        }
      }
    }
  }
}
