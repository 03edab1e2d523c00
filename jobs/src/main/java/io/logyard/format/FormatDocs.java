package io.logyard.format;

import java.util.Map;

/** The format reference of jobs/README.md, made from the formats' own field lists. */
public final class FormatDocs {
  private FormatDocs() {}

  /** One Markdown table per format: field, type, where it goes, its privacy kind, meaning. */
  public static String markdown() {
    StringBuilder b = new StringBuilder();
    for (String name : LogFormats.names()) {
      LogFormat f = LogFormats.create(name, Map.of());
      b.append("#### `").append(name).append("`\n\n");
      b.append("| field | type | column | privacy | meaning |\n|---|---|---|---|---|\n");
      for (Field field : f.fields()) {
        b.append("| ").append(field.name()).append(" | ").append(field.type().name().toLowerCase())
            .append(" | ").append(field.isAttribute() ? "attributes" : field.column())
            .append(" | ").append(field.kind().name().toLowerCase().replace('_', ' '))
            .append(" | ").append(field.description().replace("|", "\\|")).append(" |\n");
      }
      b.append('\n');
    }
    b.append("#### Formats you define: `delimited`, `regex`\n\n");
    b.append("`format: {type: delimited, delimiter, quote, comment, fields}` or `format: {type: regex,"
        + " pattern, fields}`; `fields` lists `{name, type, column, kind}` (or `name:type:column:kind`)"
        + " in line order for `delimited`, by named group `(?<name>...)` for `regex` (the one format"
        + " that runs a regular expression per line, compiled once; groups not listed are kept as"
        + " text attributes). `delimiter`: one character, `\\t` or `space` (default `,`); `quote`:"
        + " default `\"`, doubled inside, empty for none; lines starting with `comment` are skipped."
        + " Types: string, int, long, double, timestamp (ISO-8601, epoch, or `dd/Mon/yyyy:HH:mm:ss"
        + " +hhmm`). Columns: ").append(String.join(", ", UserFormat.COLUMNS))
        .append("; a field without a column is an attribute, values past the fields are `extra_N`."
            + " Kinds: ")
        .append(String.join(", ", java.util.Arrays.stream(PrivacyKind.values())
            .map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).toList()))
        .append(" (default from the column, else the type). Every problem of a definition fails"
            + " at start-up with its key path, e.g. `sources[0].format.fields[2].type`.\n\n");
    return b.toString();
  }
}
