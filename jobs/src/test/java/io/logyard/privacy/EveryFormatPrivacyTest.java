package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logyard.format.Field;
import io.logyard.format.FieldType;
import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.format.MalformedLineException;
import io.logyard.format.PrivacyKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shared privacy rule, for every format and every field: addresses, e-mail addresses and
 * secrets planted anywhere in a line (each token of each fixture line of each format, and of the
 * public conformance samples) survive neither in the parsed event after the default policy, nor
 * in the quarantine reason and redacted raw line when the line is rejected. Then every field of
 * every format's field list is planted directly, by its declared kind.
 */
class EveryFormatPrivacyTest {

  private static final byte[] KEY = "every-format-key-7".getBytes(StandardCharsets.UTF_8);
  private final Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));

  /** A planted value and the fragment of it that must not be written. */
  private record Plant(String value, String mustNotSurvive) {}

  private static final List<Plant> PLANTS =
      List.of(
          new Plant("203.0.113.57", "203.0.113.57"),
          new Plant("[2001:db8:85a3::8a2e:370:7334]:443", "8a2e:370:7334"),
          new Plant("2001:db8:85a3::8a2e:370:7334", "8a2e:370:7334"),
          new Plant("plant.user@example.com", "plant.user@example.com"),
          new Plant("Plant.User%40example.com", "plant.user%40example.com"),
          new Plant("password=PlantPass77", "PlantPass77"),
          new Plant("api_key:PlantApiKey66", "PlantApiKey66"),
          new Plant("AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
          new Plant("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudCJ9.c2lnUGxhbnQ", "eyJzdWIiOiJwbGFudCJ9"));

  /** Planted in query position only: an OAuth code is a secret in a URL, not in prose. */
  private static final Plant OAUTH_CODE = new Plant("code=OAuthCodePLANT4", "OAuthCodePLANT4");

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:/@+=%-]+");

  /** The conformance samples beside the repository, and their formats. */
  private static final Map<String, String> CONFORMANCE =
      Map.of(
          "apache-access-edge-cases.log", "combined",
          "s3-server-access.log", "s3-access");

  @Test
  void nothingPlantedInAnyTokenOfAnyLineSurvives() throws IOException {
    int checked = 0;
    for (String name : LogFormats.names()) {
      List<String> lines = fixture(name + ".log");
      for (String line : lines) {
        checked += plantEveryToken(name, line);
      }
    }
    Path conformance =
        Path.of(System.getProperty("user.dir")).resolve("../../shared/conformance").normalize();
    if (Files.isDirectory(conformance)) {
      for (Map.Entry<String, String> c : CONFORMANCE.entrySet()) {
        Path p = conformance.resolve(c.getKey());
        if (Files.isRegularFile(p)) {
          for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            checked += plantEveryToken(c.getValue(), line);
          }
        }
      }
    }
    assertTrue(checked > 1000, "planted lines checked: " + checked);
  }

  /** Replaces each token of {@code line} by each plant in turn; returns the lines checked. */
  private int plantEveryToken(String formatName, String line) {
    LogFormat f = LogFormats.create(formatName, Map.of());
    if (f.isHeader(line) || line.isBlank()) {
      return 0;
    }
    int n = 0;
    Matcher m = TOKEN.matcher(line);
    while (m.find()) {
      for (Plant p : PLANTS) {
        check(f, line.substring(0, m.start()) + p.value() + line.substring(m.end()), p);
        n++;
      }
      char before = m.start() > 0 ? line.charAt(m.start() - 1) : ' ';
      if (before == '?') { // a query's first parameter; '&' may be an HTML entity's
        check(f, line.substring(0, m.start()) + OAUTH_CODE.value() + line.substring(m.end()),
            OAUTH_CODE);
        n++;
      }
    }
    return n;
  }

  private void check(LogFormat f, String planted, Plant p) {
    if (f.isHeader(planted)) {
      return;
    }
    String written;
    try {
      LogEvent e = f.parse(planted);
      a.apply(f, e);
      written = everything(e);
    } catch (MalformedLineException ex) {
      written = a.scrubReason(ex.reason()) + "\n" + a.redactLine(planted);
    }
    assertSafe(written, p, f.name() + " line: " + planted);
  }

  @Test
  void everyDeclaredFieldOfEveryFormatIsTreatedByItsKind() {
    for (String name : LogFormats.names()) {
      LogFormat f = LogFormats.create(name, Map.of());
      for (Field field : f.fields()) {
        if (!field.isAttribute() && field.type() != FieldType.STRING) {
          continue; // typed columns hold numbers and times, never text
        }
        List<Plant> plants = new ArrayList<>(PLANTS);
        plants.add(OAUTH_CODE);
        if (field.kind() == PrivacyKind.SECRET) {
          plants.add(new Plant("BareSecretPLANT9", "BareSecretPLANT9"));
        }
        if (field.kind() == PrivacyKind.IDENTIFIER) {
          plants.add(new Plant("arn:aws:iam::123456789012:user/plantuser", "plantuser"));
        }
        for (Plant p : plants) {
          if (p == OAUTH_CODE
              && field.kind() != PrivacyKind.URL
              && field.kind() != PrivacyKind.REQUEST_LINE
              && field.kind() != PrivacyKind.QUERY) {
            continue;
          }
          String value =
              p == OAUTH_CODE && field.kind() != PrivacyKind.QUERY
                  ? (field.kind() == PrivacyKind.REQUEST_LINE ? "GET /cb?" : "/cb?")
                      + p.value()
                      + "&state=1"
                      + (field.kind() == PrivacyKind.REQUEST_LINE ? " HTTP/1.1" : "")
                  : p.value();
          LogEvent e = new LogEvent();
          set(e, field, value);
          a.apply(f, e);
          assertSafe(everything(e), p, name + "." + field.name() + " = " + value);
        }
      }
    }
  }

  @Test
  void reasonsOfEveryParserAreScrubbed() throws MalformedLineException {
    String[][] cases = {
      {"combined", "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET / HTTP/1.1\" 200 "
          + "password=ReasonSizePassPLANT \"-\" \"x\"", "ReasonSizePassPLANT"},
      {"combined", "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET / HTTP/1.1\" 200 "
          + "AKIAIOSFODNN7EXAMPLE \"-\" \"x\"", "AKIAIOSFODNN7EXAMPLE"},
      {"combined", "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET / HTTP/1.1\" 200 "
          + "198.51.100.234 \"-\" \"x\"", "198.51.100.234"},
      {"combined", "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET / HTTP/1.1\" 200 "
          + "2001:db8::dead:beef \"-\" \"x\"", "dead:beef"},
      {"combined", "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET / HTTP/1.1\" 200 "
          + "reason.plant@example.com \"-\" \"x\"", "reason.plant@example.com"},
      {"json", "{\"level\":\"INFO\",\"token\":Hunter2BareTokenPLANT}", "Hunter2BareTokenPLANT"},
      {"json", "{\"level\":\"INFO\",\"@timestamp\":\"reason.plant@example.com\"}",
          "reason.plant@example.com"},
    };
    for (String[] c : cases) {
      LogFormat f = LogFormats.create(c[0], Map.of());
      String reason;
      try {
        f.parse(c[1]);
        fail("expected a rejected line: " + c[1]);
        return;
      } catch (MalformedLineException e) {
        reason = e.reason();
      }
      // the test is only as good as its input: the parser really quotes the planted value
      assertTrue(reason.contains(c[2]), () -> "reason does not quote the plant: " + reason);
      String scrubbed = a.scrubReason(reason);
      assertFalse(scrubbed.contains(c[2]), () -> c[2] + " survived in the reason: " + scrubbed);
      assertFalse(a.redactLine(c[1]).contains(c[2]), c[1]);
    }
  }

  @Test
  void readerReasonsAreScrubbedToo() {
    String reason = "cannot open object: FileNotFoundException: File /data/alice@example.com/"
        + "203.0.113.57/x.log?sig=AbCdEf123 does not exist; token=Tok3nPLANT99";
    String scrubbed = a.scrubReason(reason);
    assertFalse(scrubbed.contains("alice@example.com"), scrubbed);
    assertFalse(scrubbed.contains("203.0.113.57"), scrubbed);
    assertFalse(scrubbed.contains("Tok3nPLANT99"), scrubbed);
    assertTrue(scrubbed.startsWith("cannot open object: FileNotFoundException: File /data/"));
  }

  @Test
  void reasonsKeepWhatIsNotInput() {
    for (String r :
        List.of(
            "expected '[' opening the timestamp at column 15",
            "expected the response size at column 69, found '-x'",
            "field 'additionalDetails': expected an object",
            "expected 17 comma-separated fields, found 3 (line ends after cs_uri)",
            "bad timestamp '10/Oct/2026:25:55:36 +0000': hour 25 out of range",
            "bad timestamp '32/oct/2026:13:55:36 +0000': day 32 out of range",
            "bad date '2026-Sep-31'",
            "bad date 'Feb.30.2026'")) {
      assertEquals(r, a.scrubReason(r));
    }
  }

  @Test
  void aQuotedTokenNearADateIsStillRedacted() {
    for (String plant : List.of("Oct2026Secret", "10/Oct/2026x9", "Jan12345", "10/Oct/2026/abc", "10Oct2026")) {
      String scrubbed = a.scrubReason("unknown value '" + plant + "'");
      assertFalse(scrubbed.contains(plant), () -> plant + " survived: " + scrubbed);
    }
  }

  private void assertSafe(String written, Plant p, String where) {
    String needle = p.mustNotSurvive();
    boolean survived =
        needle.equals("203.0.113.57")
            ? containsAddress(written, needle)
            : written.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    assertFalse(survived, () -> needle + " survived (" + where + "):\n" + written);
  }

  /** An address surrounded by no further digits (203.0.113.5 is not in 203.0.113.57). */
  private static boolean containsAddress(String text, String ip) {
    int from = 0;
    while (true) {
      int i = text.indexOf(ip, from);
      if (i < 0) {
        return false;
      }
      int end = i + ip.length();
      boolean digitBefore = i > 0 && Character.isDigit(text.charAt(i - 1));
      boolean digitAfter = end < text.length() && Character.isDigit(text.charAt(end));
      if (!digitBefore && !digitAfter) {
        return true;
      }
      from = i + 1;
    }
  }

  /** Every text an event would write: its columns, attribute names and values. */
  static String everything(LogEvent e) {
    StringBuilder sb = new StringBuilder();
    for (String s : new String[] {e.version, e.message, e.remoteLogId, e.hostname, e.nodeName,
        e.publicIp, e.privateIp, e.alertLevel, e.service, e.clientIp, e.httpMethod, e.endpoint,
        e.referrer, e.userAgent}) {
      sb.append(s).append('\n');
    }
    for (Map.Entry<String, String> attr : e.attributes.entrySet()) {
      sb.append(attr.getKey()).append('=').append(attr.getValue()).append('\n');
    }
    return sb.toString();
  }

  private static void set(LogEvent e, Field f, String v) {
    if (f.isAttribute()) {
      e.attributes.put(f.name(), v);
      return;
    }
    switch (f.column()) {
      case "version" -> e.version = v;
      case "message" -> e.message = v;
      case "remote_log_id" -> e.remoteLogId = v;
      case "hostname" -> e.hostname = v;
      case "nodeName" -> e.nodeName = v;
      case "public_ip" -> e.publicIp = v;
      case "private_ip" -> e.privateIp = v;
      case "alert_level" -> e.alertLevel = v;
      case "service" -> e.service = v;
      case "client_ip" -> e.clientIp = v;
      case "http_method" -> e.httpMethod = v;
      case "endpoint" -> e.endpoint = v;
      case "referrer" -> e.referrer = v;
      case "user_agent" -> e.userAgent = v;
      default -> throw new AssertionError("a text column the test does not know: " + f.column());
    }
  }

  private static List<String> fixture(String name) throws IOException {
    try (InputStream in = EveryFormatPrivacyTest.class.getResourceAsStream("/formats/" + name)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
