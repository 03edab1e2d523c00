package io.logyard.format;

import java.util.Map;

/** The format reference of the README, made from the formats' own field lists. */
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
    return b.toString();
  }
}
