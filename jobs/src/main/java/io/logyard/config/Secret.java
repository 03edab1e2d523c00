package io.logyard.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * A secret value read from an environment variable or a file that the configuration references.
 * It never prints itself: {@link #toString()} names where it came from, not what it is. Creating
 * one registers the value with {@link Masking}, so that no log line or error shows it either.
 */
public final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String value;
  private final String origin;

  public Secret(String value, String origin) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = origin;
    Masking.register(value);
  }

  public String value() {
    return value;
  }

  /** Where the value came from, e.g. {@code env AWS_SECRET_ACCESS_KEY} or {@code file /etc/x}. */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "secret(" + origin + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value) && Objects.equals(s.origin, origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, origin);
  }
}
