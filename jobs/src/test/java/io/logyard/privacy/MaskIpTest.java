package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskIpTest {

  private static final byte[] KEY = "test-key-0123456789".getBytes(StandardCharsets.UTF_8);
  private final Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));

  private static Anonymizer keeping(int octets, int bits) {
    return new Anonymizer(new PrivacyPolicy(octets, bits, Map.of(), KEY));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "203.0.113.57|203.0.113.0",
        "10.0.0.1|10.0.0.0",
        "0.0.0.0|0.0.0.0",
        "255.255.255.255|255.255.255.0",
        "203.0.113.57:8080|203.0.113.0",
        "' 203.0.113.57 '|203.0.113.0",
        "2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6|2a02:cf40:add:4002::",
        "2A02:CF40:0ADD:4002:91F2:A9B2:E09A:6FC6|2a02:cf40:add:4002::",
        "::1|::",
        "::|::",
        "2001:db8::1|2001:db8::",
        "2001:db8:0:0:1::7|2001:db8::",
        "2001:db8:1:2:3:4:5:6|2001:db8:1:2::",
        "fe80::1%eth0|fe80::",
        "fe80::1%25en0|fe80::",
        "[2001:db8::1]:443|2001:db8::",
        "[2001:db8::1]|2001:db8::",
        "[fe80::1%eth0]:22|fe80::",
        "::ffff:203.0.113.57|::ffff:203.0.113.0",
        "::FFFF:cb00:7139|::ffff:203.0.113.0",
        "64:ff9b::203.0.113.57|64:ff9b::",
        "1:2:3:4:5:6:7:8|1:2:3:4::",
        "2001:db8::1:51234|2001:db8::",
        "2002:cb00:7139:1::5|2002:cb00:7100:1::",
      })
  void masksOneAddress(String in, String expected) {
    assertEquals(expected, a.maskIp(in));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"example.com", "-", "unknown", "''", "localhost", "ip-10-0-0-1.ec2.internal",
        "1.2.3", "256.1.2.3", "1.2.3.4.5", "2001:db8::1::2::3", "10:00:03"})
  void leavesWhatIsNotAnAddress(String in) {
    assertEquals(in, a.maskIp(in));
  }

  @Test
  void hostnameIsReturnedAsIs() {
    String host = "www.example.com";
    assertSame(host, a.maskIp(host));
  }

  @Test
  void nullStaysNull() {
    assertNull(a.maskIp(null));
    assertNull(a.maskIpList(null));
  }

  @Test
  void notASingleAddressIsScrubbedLikeText() {
    assertEquals("203.0.113.0 via 10.1.2.0", a.maskIp("203.0.113.57 via 10.1.2.3"));
    assertEquals("for=203.0.113.0;proto=https", a.maskIp("for=203.0.113.57;proto=https"));
    assertEquals("[::", a.maskIp("[::1"));
  }

  @ParameterizedTest
  @CsvSource({"0,0.0.0.0", "1,198.0.0.0", "2,198.51.0.0", "3,198.51.100.0", "4,198.51.100.77"})
  void ipv4KeepOctets(int octets, String expected) {
    assertEquals(expected, keeping(octets, 64).maskIp("198.51.100.77"));
    assertEquals("::ffff:" + expected, keeping(octets, 64).maskIp("::ffff:198.51.100.77"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0|::",
        "1|::",
        "3|2000::",
        "16|2a02::",
        "20|2a02:c000::",
        "48|2a02:cf40:add::",
        "56|2a02:cf40:add:4000::",
        "63|2a02:cf40:add:4002::",
        "64|2a02:cf40:add:4002::",
        "65|2a02:cf40:add:4002:8000::",
        "70|2a02:cf40:add:4002:9000::",
        "80|2a02:cf40:add:4002:91f2::",
        "127|2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6",
        "128|2a02:cf40:add:4002:91f2:a9b2:e09a:6fc7",
      })
  void ipv6KeepBitsAtAnyBit(int bits, String expected) {
    assertEquals(expected, keeping(3, bits).maskIp("2a02:cf40:add:4002:91f2:a9b2:e09a:6fc7"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
        "2001:0db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:0:0:2:1|2001:db8::2:1",
        "0:0:0:0:0:0:0:1|::1",
        "1:0:0:0:0:0:0:0|1::",
        "2001:db8::ffff:0:0|2001:db8::ffff:0:0",
      })
  void fullKeepGivesRfc5952CanonicalText(String in, String expected) {
    assertEquals(expected, keeping(4, 128).maskIp(in));
  }

  @Test
  void forwardedForListsKeepTheirSeparators() {
    assertEquals("10.0.0.0, 10.0.0.0", a.maskIpList("10.0.0.2, 10.0.0.1"));
    assertEquals("203.0.113.0,198.51.100.0", a.maskIpList("203.0.113.9,198.51.100.200"));
    assertEquals(
        "unknown, 2001:db8::, 203.0.113.0", a.maskIpList("unknown, [2001:db8::7]:1234, 203.0.113.5:80"));
    assertEquals("  203.0.113.0 ,  ", a.maskIpList("  203.0.113.5 ,  "));
    assertEquals("", a.maskIpList(""));
    assertEquals("-", a.maskIpList("-"));
    String untouched = "10.0.0.0, unknown";
    assertSame(untouched, a.maskIpList(untouched));
  }
}
