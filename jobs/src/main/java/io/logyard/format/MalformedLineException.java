package io.logyard.format;

/**
 * A line that its format cannot parse. The message is the precise reason that goes to the
 * quarantine table, e.g. {@code "expected '[' opening the timestamp at column 15"}. No stack
 * trace is captured: malformed lines are data, not bugs, and must stay cheap.
 */
public final class MalformedLineException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedLineException(String reason) {
    super(reason, null, false, false);
  }

  public String reason() {
    return getMessage();
  }
}
