package io.logyard.format;

/**
 * One field of a log format.
 *
 * @param name the field's name; for an attribute, its key in {@link LogEvent#attributes}
 * @param type its type once parsed
 * @param column the {@code log_results} column it fills (e.g. {@code client_ip}), or null when
 *     it is kept in {@code attributes} under {@code name}
 * @param description one line for the README's format reference
 */
public record Field(String name, FieldType type, String column, String description) {

  public static Field column(String column, FieldType type, String description) {
    return new Field(column, type, column, description);
  }

  public static Field attribute(String name, FieldType type, String description) {
    return new Field(name, type, null, description);
  }

  public boolean isAttribute() {
    return column == null;
  }
}
