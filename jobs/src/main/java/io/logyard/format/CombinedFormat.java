package io.logyard.format;

/**
 * {@code combined}: the Apache/Nginx combined access log,
 * {@code [vhost] client ident user [time] "request" status bytes "referrer" "user agent"}, then
 * any trailing fields. See {@link AccessLogScanner} for vhosts, clients, escapes, garbage request
 * lines and trailing fields. Lines without referrer and user agent (common) are accepted too.
 */
public final class CombinedFormat extends BaseFormat {
  public CombinedFormat() {
    super("combined", AccessLogScanner.fields(true));
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    return AccessLogScanner.scan(line, true);
  }
}
