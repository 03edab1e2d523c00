package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Random and mutated lines fed to every format: parse returns an event or throws
 * MalformedLineException with a one-line reason (never another exception, never the
 * internal-error guard), and it gives the same answer twice.
 */
class ParserPropertiesTest {
  private static final List<LogFormat> FORMATS = formats();
  private static final List<String> SEEDS = seedLines();

  /** Characters that mean something to at least one scanner, plus a few that mean nothing. */
  private static final String ALPHABET =
      " \t[]\"'\\/:;,.-_=?&%#@{}()<>+*0123456789aAxXzZTHGETPOSHTTP\u00e9\u20ac\r\n\u0000";

  @Property(tries = 1500)
  void arbitraryStrings(@ForAll @StringLength(max = 400) String line) {
    checkAll(line);
  }

  @Property(tries = 3000)
  void logAlphabetStrings(@ForAll("logish") String line) {
    checkAll(line);
  }

  @Property(tries = 5000)
  void mutatedRealLines(@ForAll("seedLine") String line, @ForAll long seed) {
    checkAll(mutate(line, new Random(seed)));
  }

  @Provide
  Arbitrary<String> logish() {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(300);
  }

  @Provide
  Arbitrary<String> seedLine() {
    return Arbitraries.of(SEEDS);
  }

  private static void checkAll(String line) {
    for (LogFormat f : FORMATS) {
      String first = outcome(f, line);
      String second = outcome(f, line);
      assertEquals(first, second, f.name() + " is not deterministic on: " + line);
    }
  }

  /** A full description of what parse made of the line, or the reason it gave. */
  private static String outcome(LogFormat f, String line) {
    LogEvent ev;
    try {
      ev = f.parse(line);
    } catch (MalformedLineException e) {
      assertNotNull(e.reason(), f.name());
      assertFalse(e.reason().isBlank(), f.name() + ": blank reason for " + line);
      assertFalse(e.reason().startsWith("internal parser error"),
          f.name() + ": " + e.reason() + " on: " + line);
      assertFalse(e.reason().indexOf('\n') >= 0 || e.reason().indexOf('\r') >= 0,
          f.name() + ": reason spans lines: " + e.reason());
      return "rejected: " + e.reason();
    } catch (RuntimeException e) {
      throw new AssertionError(f.name() + " threw " + e + " on: " + line, e);
    }
    assertNotNull(ev, f.name() + " returned null for: " + line);
    return String.join("|",
        String.valueOf(ev.timestampMicros), ev.version, ev.message, ev.remoteLogId, ev.hostname,
        ev.nodeName, ev.publicIp, ev.privateIp, ev.alertLevel, ev.service, ev.clientIp,
        ev.httpMethod, ev.endpoint, String.valueOf(ev.httpStatus),
        String.valueOf(ev.responseBytes), ev.referrer, ev.userAgent,
        String.valueOf(ev.latencyMs), ev.attributes.toString());
  }

  /** One to four random edits: delete, insert, replace, truncate, duplicate a span. */
  static String mutate(String line, Random r) {
    StringBuilder b = new StringBuilder(line);
    int edits = 1 + r.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int n = b.length();
      int at = n == 0 ? 0 : r.nextInt(n + 1);
      switch (r.nextInt(6)) {
        case 0:
          if (n > 0) {
            int len = 1 + r.nextInt(Math.min(20, n));
            b.delete(Math.min(at, n - 1), Math.min(n, at + len));
          }
          break;
        case 1:
          b.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          break;
        case 2:
          if (n > 0) {
            b.setCharAt(Math.min(at, n - 1), ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          }
          break;
        case 3:
          b.setLength(at);
          break;
        case 4:
          if (n > 0) {
            int from = r.nextInt(n);
            int to = Math.min(n, from + 1 + r.nextInt(30));
            b.insert(at, b.substring(from, to));
          }
          break;
        default:
          if (n > 1) {
            int j = r.nextInt(n);
            char c = b.charAt(j);
            int k = Math.min(at, n - 1);
            b.setCharAt(j, b.charAt(k));
            b.setCharAt(k, c);
          }
          break;
      }
    }
    return b.toString();
  }

  private static List<LogFormat> formats() {
    List<LogFormat> out = new ArrayList<>();
    for (String name : LogFormats.names()) {
      out.add(LogFormats.create(name, Map.of()));
    }
    out.add(LogFormats.create("apache-error", Map.of("timezone", "America/New_York")));
    out.add(LogFormats.create("delimited", Map.of("fields",
        "ts:timestamp:timestamp,ip:string:client_ip,status:int:http_status,msg")));
    out.add(LogFormats.create("regex", Map.of("pattern", "(?<a>\\S+) (?<b>.*)",
        "fields", "a:timestamp:timestamp,b:string:message")));
    return out;
  }

  private static List<String> seedLines() {
    List<String> all = new ArrayList<>();
    for (String name : LogFormats.names()) {
      all.addAll(Fixtures.lines(name + ".log"));
    }
    return all;
  }
}
