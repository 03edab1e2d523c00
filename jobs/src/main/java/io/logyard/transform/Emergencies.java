package io.logyard.transform;

import java.util.List;

/**
 * Routes critical and security events to emergency_logs, in the run that reads them: an event
 * whose alert_level is one of the configured levels, or whose message contains one of the
 * security markers. The reason says which rule matched, the level first: {@code alert_level
 * CRITICAL} or {@code message contains [SECURITY]}.
 */
public final class Emergencies {
  private Emergencies() {}

  /**
   * The rule of {@link #route} for one event, as the reader applies it while parsing: the reason
   * an event of this level and message is an emergency, or null.
   */
  public static io.logyard.source.LotReader.EmergencyRouter router(List<String> levels, List<String> markers) {
    List<String> l = List.copyOf(levels);
    List<String> m = List.copyOf(markers);
    return (level, message) -> {
      if (level != null && l.contains(level)) return "alert_level " + level;
      if (message != null) {
        for (String marker : m) {
          if (message.contains(marker)) return "message contains " + marker;
        }
      }
      return null;
    };
  }
}
