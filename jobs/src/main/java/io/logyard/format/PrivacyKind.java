package io.logyard.format;

/**
 * What a field can hold, as far as privacy is concerned: each format declares it for every field
 * of its list ({@link Field#as}), and the privacy step chooses its treatment by it, never by the
 * field's name. A value that does not look like its kind is still scrubbed as free text.
 */
public enum PrivacyKind {
  /** Numbers, timestamps, enumerations the parser validated: kept when only digits, else text. */
  PLAIN,
  /** Free text: addresses in it masked, e-mail addresses pseudonymized, secrets redacted. */
  FREE_TEXT,
  /** One IP address, possibly with a port or zone ({@code [2001:db8::1]:443}): masked. */
  ADDRESS,
  /** A list of addresses ({@code X-Forwarded-For}): every address masked. */
  ADDRESS_LIST,
  /** A URL or a path with its query: secret parameters redacted, the rest scrubbed as text. */
  URL,
  /** An HTTP request line ({@code GET /p?code=x HTTP/1.1}): scrubbed like a URL. */
  REQUEST_LINE,
  /** A query string without its {@code ?}: secret parameters redacted. */
  QUERY,
  /** Names a person or an account (e-mail, user id, ARN, access key id): pseudonymized whole. */
  IDENTIFIER,
  /** A secret (password, token, credentials): always redacted, whatever the treatment. */
  SECRET;

  /** The kind of a field that declares none: free text for strings, plain for the rest. */
  public static PrivacyKind defaultFor(FieldType type) {
    return type == FieldType.STRING ? FREE_TEXT : PLAIN;
  }
}
