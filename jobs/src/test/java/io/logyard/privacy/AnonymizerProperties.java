package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random input: nothing throws, and planted addresses never survive. */
class AnonymizerProperties {

  private static final byte[] KEY = "property-key".getBytes(StandardCharsets.UTF_8);
  private final Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));

  /** Strings over the characters the scanners care about, plus some others. */
  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.strings()
        .withChars("0123456789abcdefABCDEF:.%@=[]\"'\\/?&#;, -_+AKISBeyJghpxkrtowsn")
        .withCharRange('\u00e0', '\u00e9')
        .withChars('\u0000', '\t', '\n', '\uD83D', '\uDE00')
        .ofMaxLength(120);
  }

  @Property(tries = 3000)
  void scannersNeverThrow(@ForAll("nasty") String s) {
    a.scanText(s);
    a.scanUrl(s);
    a.scanIp(s);
    a.scanIpList(s);
    a.scrubQuery(s);
    Anonymizer.decode(s);
    Anonymizer.encode(s);
  }

  @Property(tries = 1000)
  void anyStringIsFine(@ForAll String s) {
    a.scanText(s);
    a.scanUrl(s);
    a.scanIp(s);
  }

  /** Log-like text: words, numbers, times, addresses, e-mails, secrets, URLs, punctuation. */
  @Provide
  Arbitrary<String> logText() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.of("GET", "user", "login", "failed", "v1.4.2", "2026.11.20", "10:00:03",
                "[20/Nov/2026:10:00:03 +0000]", "status=200", "Mozilla/5.0", "-", "::", "std::x",
                "deadbeef", "Bearer", "password=hunter2", "token: abc123", "\"api_key\": \"k\"",
                "Authorization: Basic dXNlcjpwYXNz", "AKIAIOSFODNN7EXAMPLE", "%3D", "%20"),
            ipv4().map(o -> o[0] + "." + o[1] + "." + o[2] + "." + o[3]),
            ipv6().map(b -> canonical(b)),
            ipv6().map(b -> "[" + canonical(b) + "]:443"),
            emails(),
            emails().map(e -> e.replace("@", "%40")),
            emails().map(e -> "https://u:pw@" + e.substring(e.indexOf('@') + 1) + "/p?token=x&a=1"));
    Arbitrary<String> sep = Arbitraries.of(" ", ", ", "; ", " (", ") ", "=", " ip=", "\t", ":", "/");
    return Combinators.combine(token.list().ofMinSize(1).ofMaxSize(12), sep.list().ofSize(12))
        .as((tokens, seps) -> {
          StringBuilder sb = new StringBuilder();
          for (int k = 0; k < tokens.size(); k++) {
            sb.append(tokens.get(k)).append(seps.get(k));
          }
          return sb.toString();
        });
  }

  @Property(tries = 2000)
  void scrubbingLogTextTwiceChangesNothingMore(@ForAll("logText") String s) {
    String once = a.scanText(s);
    assertEquals(once, a.scanText(once), () -> "input: " + s);
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of(" ", "", "(", ")", ",", ";", "=", ":", "\"", "'", "[", "]", "<", ">", "/",
        "\t", "ip=", "from ", "%20", "%3D", "...", "-", "_", "|", "{", "}");
  }

  @Provide
  Arbitrary<int[]> ipv4() {
    return Arbitraries.integers().between(0, 255).array(int[].class).ofSize(4)
        .filter(o -> o[3] != 0);
  }

  @Property(tries = 2000)
  void noPlantedIpv4Survives(
      @ForAll("separators") String before, @ForAll("ipv4") int[] o, @ForAll("separators") String after,
      @ForAll("nasty") String noise) {
    String ip = o[0] + "." + o[1] + "." + o[2] + "." + o[3];
    String text = noise + " " + before + ip + after + " " + noise;
    String out = a.scrubText(text);
    String masked = o[0] + "." + o[1] + "." + o[2] + ".0";
    assertFalse(out.contains(" " + before + ip + after + " "), () -> text + " -> " + out);
    assertFalse(out.contains(ip + after + " ") && !out.contains(masked), () -> text + " -> " + out);
  }

  @Provide
  Arbitrary<byte[]> ipv6() {
    return Arbitraries.bytes().array(byte[].class).ofSize(16)
        .filter(b -> b[15] != 0 || b[14] != 0)
        // keep clear of the ranges with their own rules (IPv4-mapped, 6to4)
        .filter(b -> !(b[0] == 0x20 && b[1] == 0x02))
        .filter(b -> !(b[0] == 0 && b[1] == 0));
  }

  @Provide
  Arbitrary<String> v6Spelling() {
    return Arbitraries.of("full", "canonical", "upper", "leadingZeros");
  }

  private static String spell(byte[] b, String how) throws Exception {
    String canonical = canonical(b);
    switch (how) {
      case "full":
        return InetAddress.getByAddress(b).getHostAddress();
      case "upper":
        return canonical.toUpperCase();
      case "leadingZeros": {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 16; k += 2) {
          if (k > 0) {
            sb.append(':');
          }
          sb.append(String.format("%02x%02x", b[k], b[k + 1]));
        }
        return sb.toString();
      }
      default:
        return canonical;
    }
  }

  /** RFC 5952 text, written independently of {@link Ip}. */
  private static String canonical(byte[] b) {
    int[] g = new int[8];
    for (int k = 0; k < 8; k++) {
      g[k] = ((b[2 * k] & 0xff) << 8) | (b[2 * k + 1] & 0xff);
    }
    int best = -1;
    int bestLen = 1;
    for (int k = 0; k < 8; k++) {
      int l = 0;
      while (k + l < 8 && g[k + l] == 0) {
        l++;
      }
      if (l > bestLen) {
        best = k;
        bestLen = l;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < 8; k++) {
      if (k == best) {
        sb.append("::");
        k += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[k]));
    }
    return sb.toString();
  }

  @Property(tries = 2000)
  void ipv6IsMaskedToItsPrefixAtAnyBit(
      @ForAll("ipv6") byte[] b, @ForAll("v6Spelling") String how, @ForAll @IntRange(min = 0, max = 128) int bits)
      throws Exception {
    Anonymizer an = new Anonymizer(new PrivacyPolicy(3, bits, Map.of(), KEY));
    byte[] expected = Arrays.copyOf(b, 16);
    for (int bit = bits; bit < 128; bit++) {
      expected[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    String in = spell(b, how);
    String out = an.maskIp(in);
    assertEquals(canonical(expected), out, () -> in);
    // the same inside text, brackets and with a port
    assertEquals("at [" + canonical(expected) + "]:443.", an.scrubText("at [" + in + "]:443."));
    assertEquals(canonical(expected), an.maskIp("[" + in + "]:8080"));
    // and the independent parser agrees with what we print
    assertEquals(Arrays.toString(expected), Arrays.toString(InetAddress.getByName(out).getAddress()));
  }

  @Property(tries = 1000)
  void ipv4KeepsItsLeadingOctets(@ForAll("ipv4") int[] o, @ForAll @IntRange(min = 0, max = 4) int octets) {
    Anonymizer an = new Anonymizer(new PrivacyPolicy(octets, 64, Map.of(), KEY));
    StringBuilder expected = new StringBuilder();
    for (int k = 0; k < 4; k++) {
      if (k > 0) {
        expected.append('.');
      }
      expected.append(k < octets ? o[k] : 0);
    }
    String ip = o[0] + "." + o[1] + "." + o[2] + "." + o[3];
    assertEquals(expected.toString(), an.maskIp(ip));
    assertEquals("(" + expected + "),", an.scrubText("(" + ip + "),"));
    assertEquals("::ffff:" + expected, an.maskIp("::ffff:" + ip));
  }

  @Provide
  Arbitrary<String> emails() {
    Arbitrary<String> local = Arbitraries.strings().withCharRange('a', 'z').withChars("._+-0123456789")
        .ofMinLength(1).ofMaxLength(12).filter(l -> Character.isLetterOrDigit(l.charAt(0)));
    Arbitrary<String> domain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> tld = Arbitraries.of("com", "org", "net", "io", "co.uk", "de");
    return Combinators.combine(local, domain, tld).as((l, d, t) -> l + "@" + d + "." + t);
  }

  @Property(tries = 1000)
  void noPlantedEmailSurvives(@ForAll("emails") String email, @ForAll("separators") String before) {
    for (String form : List.of(email, email.replace("@", "%40"))) {
      String out = a.scrubText("x " + before + form + " y");
      assertFalse(out.contains(email.substring(email.indexOf('@'))), () -> form + " -> " + out);
      assertFalse(out.contains(form), () -> form + " -> " + out);
    }
  }
}
