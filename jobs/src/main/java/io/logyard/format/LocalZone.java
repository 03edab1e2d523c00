package io.logyard.format;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * The time zone a server writes local times in (the {@code timezone} option of the formats whose
 * timestamps carry no offset), turning local epoch microseconds into UTC ones.
 */
final class LocalZone {
  static final LocalZone UTC = new LocalZone(null, 0);

  private final ZoneRules rules;
  private final int fixedOffset;

  private LocalZone(ZoneRules rules, int fixedOffset) {
    this.rules = rules;
    this.fixedOffset = fixedOffset;
  }

  /**
   * @param format the format's name, for the message
   * @param tz a zone id ({@code Europe/Paris}, {@code +02:00}), or null/blank for UTC
   * @throws IllegalArgumentException naming the option and the unknown zone
   */
  static LocalZone of(String format, String tz) {
    if (tz == null || tz.isBlank()) {
      return UTC;
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(tz.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("format " + format + ": option 'timezone': unknown zone '"
          + tz + "' (" + e.getMessage() + ")");
    }
    ZoneRules r = zone.getRules();
    return r.isFixedOffset()
        ? new LocalZone(null, r.getOffset(java.time.Instant.EPOCH).getTotalSeconds())
        : new LocalZone(r, 0);
  }

  /** Local wall-clock microseconds (as if UTC) to UTC microseconds. */
  long toUtc(long localMicros) {
    if (rules == null) {
      return localMicros - fixedOffset * Timestamps.MICROS_PER_SECOND;
    }
    long localSeconds = Math.floorDiv(localMicros, Timestamps.MICROS_PER_SECOND);
    int nanos = (int) Math.floorMod(localMicros, Timestamps.MICROS_PER_SECOND) * 1000;
    ZoneOffset offset =
        rules.getOffset(LocalDateTime.ofEpochSecond(localSeconds, nanos, ZoneOffset.UTC));
    return localMicros - offset.getTotalSeconds() * Timestamps.MICROS_PER_SECOND;
  }
}
