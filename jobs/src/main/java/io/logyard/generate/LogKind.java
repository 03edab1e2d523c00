package io.logyard.generate;

/** The two kinds of log every node writes. */
public enum LogKind {
  /** Apache combined access log. */
  ACCESS("access"),
  /** JSON application log, one object per line. */
  APP("app");

  private final String id;

  LogKind(String id) {
    this.id = id;
  }

  /** The path segment, {@code access} or {@code app}. */
  public String id() {
    return id;
  }
}
