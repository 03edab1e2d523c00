package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss xx", Locale.ROOT);
  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ROOT);

  @Test
  void agreesWithJavaTimeOnRandomInstants() throws MalformedLineException {
    Random r = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long sec = r.nextLong() % 8_000_000_000L + 2_000_000_000L;
      int offsetMin = (r.nextInt(28 * 4) - 14 * 4) * 15;
      ZoneOffset off = ZoneOffset.ofTotalSeconds(offsetMin * 60);
      LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, off);
      String clf = t.atOffset(off).format(CLF);
      assertEquals(sec * 1_000_000L, Timestamps.parseClf(clf, 0, clf.length()), clf);
      String iso = t.atOffset(off).toString();
      assertEquals(sec * 1_000_000L, Timestamps.parseIso(iso, 0, iso.length()), iso);
      String ctime = t.format(CTIME);
      assertEquals(sec * 1_000_000L, Timestamps.parseCtime(ctime, 0, ctime.length(),
          off.getTotalSeconds()), ctime);
    }
  }

  @Test
  void fractions() throws MalformedLineException {
    String s = "2024-03-03T10:15:42.1234567Z";
    assertEquals(Fixtures.micros("2024-03-03T10:15:42.123456Z"),
        Timestamps.parseIso(s, 0, s.length()));
    String c = "Fri Sep 09 10:42:29.902022 2011";
    assertEquals(Fixtures.micros("2011-09-09T10:42:29.902022Z"),
        Timestamps.parseCtime(c, 0, c.length(), 0));
    String d = "2024-03-03";
    assertEquals(Fixtures.micros("2024-03-03T00:00:00Z"), Timestamps.parseIso(d, 0, d.length()));
  }

  @Test
  void epochNumbersByMagnitude() {
    assertEquals(1_709_460_942_000_000L, Timestamps.epochNumberToMicros(1_709_460_942L));
    assertEquals(1_709_460_942_123_000L, Timestamps.epochNumberToMicros(1_709_460_942_123L));
    assertEquals(1_709_460_942_123_456L, Timestamps.epochNumberToMicros(1_709_460_942_123_456L));
    assertEquals(1_709_460_942_123_456L,
        Timestamps.epochNumberToMicros(1_709_460_942_123_456_789L));
  }
}
