package io.logyard.format;

/**
 * {@code common}: the Apache/Nginx common log format (CLF),
 * {@code [vhost] client ident user [time] "request" status bytes}; trailing fields (including a
 * referrer and user agent, if the line has them) are kept as {@code extra_N}. See
 * {@link AccessLogScanner}.
 */
public final class CommonFormat extends BaseFormat {
  public CommonFormat() {
    super("common", AccessLogScanner.fields(false));
  }

  @Override
  LogEvent scan(String line) throws MalformedLineException {
    return AccessLogScanner.scan(line, false);
  }
}
