package io.logyard.format;

import java.util.Map;

/**
 * One parsed log line, before enrichment: the format-independent columns of {@code log_results}
 * plus a map of format-specific attributes. Parsers fill what their format carries and leave the
 * rest null. Plain mutable fields: a parser makes one per parsed line and nothing else.
 */
public final class LogEvent {
  /** Event time, microseconds since the epoch (UTC); null when the line carries none. */
  public Long timestampMicros;
  public String version;
  public String message;
  /** The event's own id where the format has one (JSON event id, S3 request id, ...). */
  public String remoteLogId;
  public String hostname;
  public String nodeName;
  public String publicIp;
  public String privateIp;
  /** Normalized severity: DEBUG, INFO, NOTICE, WARN, ERROR, CRITICAL, ALERT, EMERGENCY. */
  public String alertLevel;
  public String service;
  public String clientIp;
  public String httpMethod;
  /** Request path without the query string. */
  public String endpoint;
  public Integer httpStatus;
  public Long responseBytes;
  public String referrer;
  public String userAgent;
  public Double latencyMs;
  /**
   * Format-specific fields, by the names of the format's field list. Insertion-ordered, as a
   * {@code LinkedHashMap} (a compact one: {@link Attributes}).
   */
  public final Map<String, String> attributes;

  public LogEvent() {
    this(8);
  }

  /**
   * An event whose attribute map is sized for about {@code expectedAttributes} entries, so that
   * formats with many attributes (S3, Azure) do not pay for growing it on every line.
   */
  public LogEvent(int expectedAttributes) {
    this(new Attributes(expectedAttributes));
  }

  LogEvent(Attributes attributes) {
    this.attributes = attributes;
  }

  public LogEvent attribute(String name, String value) {
    if (value != null) {
      attributes.put(name, value);
    }
    return this;
  }
}
