package io.logyard.privacy;

import java.util.Locale;

/**
 * What the privacy policy does to one field of a log event.
 *
 * <ul>
 *   <li>{@link #KEEP}: leave the value as it is.
 *   <li>{@link #MASK}: keep the value's shape but remove what identifies a person: addresses are
 *       truncated, secrets redacted, e-mail addresses pseudonymized (see {@link Anonymizer}).
 *   <li>{@link #HASH}: replace the whole value by its keyed pseudonym ({@link
 *       Anonymizer#pseudonymize(String)}).
 *   <li>{@link #DROP}: remove the value (null; an attribute is removed from the map).
 * </ul>
 */
public enum Treatment {
  KEEP,
  MASK,
  HASH,
  DROP;

  /**
   * Parses a configuration value: {@code keep}, {@code mask}, {@code hash} or {@code drop}
   * (surrounding blanks and letter case are ignored).
   *
   * @throws IllegalArgumentException naming the bad value and the accepted ones
   */
  public static Treatment parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("missing treatment; expected one of keep, mask, hash, drop");
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "keep":
        return KEEP;
      case "mask":
        return MASK;
      case "hash":
        return HASH;
      case "drop":
        return DROP;
      default:
        throw new IllegalArgumentException(
            "unknown treatment '" + value + "'; expected one of keep, mask, hash, drop");
    }
  }

  /** The configuration spelling: {@code keep}, {@code mask}, {@code hash} or {@code drop}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
