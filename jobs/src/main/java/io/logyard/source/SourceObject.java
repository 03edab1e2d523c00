package io.logyard.source;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;

/**
 * One object found by discovery.
 *
 * @param sourceName the configured source it belongs to
 * @param uri its full URI
 * @param size bytes, as listed
 * @param modificationTime milliseconds since the epoch, as listed
 * @param etag the store's checksum where it gives one, else null
 * @param vars the path template's variables for this object's key
 */
public record SourceObject(
    String sourceName, String uri, long size, long modificationTime, String etag, Map<String, String> vars)
    implements Serializable {

  /**
   * The day the key names through the path template's {@code {yyyy}}, {@code {mm}} and
   * {@code {dd}}, or null when the template names no whole day. A function of the key alone:
   * every version of an object has the same key day, whatever its modification time.
   */
  public LocalDate keyDay() {
    if (vars == null) return null;
    String y = vars.get("yyyy");
    String m = vars.get("mm");
    String d = vars.get("dd");
    if (y == null || m == null || d == null) return null;
    try {
      return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
