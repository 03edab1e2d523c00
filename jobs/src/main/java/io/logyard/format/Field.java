package io.logyard.format;

/**
 * One field of a log format.
 *
 * @param name the field's name; for an attribute, its key in {@link LogEvent#attributes}
 * @param type its type once parsed
 * @param column the {@code log_results} column it fills (e.g. {@code client_ip}), or null when
 *     it is kept in {@code attributes} under {@code name}
 * @param description one line for the format reference in jobs/README.md
 * @param kind what it can hold, for the privacy step ({@link PrivacyKind}); never null
 */
public record Field(
    String name, FieldType type, String column, String description, PrivacyKind kind) {

  public Field {
    if (kind == null) {
      kind = PrivacyKind.defaultFor(type);
    }
  }

  /** A field of the default kind for its type ({@link PrivacyKind#defaultFor}). */
  public Field(String name, FieldType type, String column, String description) {
    this(name, type, column, description, null);
  }

  /** A column of the default kind for its type; declare another with {@link #as}. */
  public static Field column(String column, FieldType type, String description) {
    return new Field(column, type, column, description);
  }

  /** An attribute of the default kind for its type; declare another with {@link #as}. */
  public static Field attribute(String name, FieldType type, String description) {
    return new Field(name, type, null, description);
  }

  /** This field declared as holding {@code privacyKind}. */
  public Field as(PrivacyKind privacyKind) {
    return new Field(name, type, column, description, privacyKind);
  }

  public boolean isAttribute() {
    return column == null;
  }
}
