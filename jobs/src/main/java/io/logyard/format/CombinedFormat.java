package io.logyard.format;

import java.util.List;

/**
 * {@code combined}: the Apache/Nginx combined access log,
 * {@code [vhost] client ident user [time] "request" status bytes "referrer" "user agent"}, then
 * any trailing fields. See {@link AccessLogScanner} for vhosts, clients, escapes, garbage request
 * lines and trailing fields. Lines without referrer and user agent (common) are accepted too.
 */
public final class CombinedFormat implements LogFormat {
  private static final List<Field> FIELDS = AccessLogScanner.fields(true);

  @Override
  public String name() {
    return "combined";
  }

  @Override
  public List<Field> fields() {
    return FIELDS;
  }

  @Override
  public LogEvent parse(String line) throws MalformedLineException {
    try {
      return AccessLogScanner.scan(line, true);
    } catch (RuntimeException e) {
      throw Scan.internal(e);
    }
  }
}
