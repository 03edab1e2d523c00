package io.logyard.format;

import java.util.List;

/**
 * {@code common}: the Apache/Nginx common log format (CLF),
 * {@code [vhost] client ident user [time] "request" status bytes}; trailing fields (including a
 * referrer and user agent, if the line has them) are kept as {@code extra_N}. See
 * {@link AccessLogScanner}.
 */
public final class CommonFormat implements LogFormat {
  private static final List<Field> FIELDS = AccessLogScanner.fields(false);

  @Override
  public String name() {
    return "common";
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public LogEvent parse(String line) throws MalformedLineException {
    try {
      return AccessLogScanner.scan(line, false);
    } catch (RuntimeException e) {
      throw Scan.internal(e);
    }
  }
}
