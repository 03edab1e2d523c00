package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivacyPolicyTest {

  private static final byte[] KEY = "test-key-0123456789".getBytes(StandardCharsets.UTF_8);

  @Test
  void defaultsFollowSeed001() {
    PrivacyPolicy p = PrivacyPolicy.defaults(KEY);
    assertEquals(3, p.ipv4KeepOctets());
    assertEquals(64, p.ipv6KeepBits());
    for (String f : new String[] {"client_ip", "public_ip", "private_ip", "message", "referrer",
        "user_agent", "endpoint", "attributes", "attributes.x_forwarded_for"}) {
      assertEquals(Treatment.MASK, p.fields().get(f), f);
    }
    assertEquals(Treatment.HASH, p.fields().get("attributes.requester"));
    assertEquals(Treatment.MASK, p.fields().get("hostname"));
    assertEquals(Treatment.MASK, p.fields().get("remote_log_id"));
  }

  @Test
  void knownFieldsAreTheConfigurableColumns() {
    assertEquals(
        java.util.List.of("client_ip", "public_ip", "private_ip", "message", "endpoint",
            "referrer", "user_agent", "hostname", "remote_log_id", "attributes"),
        java.util.List.copyOf(PrivacyPolicy.knownFields()));
    assertTrue(PrivacyPolicy.isConfigurable("attributes.query"));
    assertFalse(PrivacyPolicy.isConfigurable("attributes."));
    assertFalse(PrivacyPolicy.isConfigurable("clientip"));
    assertFalse(PrivacyPolicy.isConfigurable(null));
  }

  @Test
  void missingFieldsTakeTheirDefaultNotKeep() {
    PrivacyPolicy p = new PrivacyPolicy(3, 64, Map.of("message", Treatment.DROP), KEY);
    assertEquals(Treatment.DROP, p.fields().get("message"));
    assertEquals(Treatment.MASK, p.fields().get("client_ip"));
    assertEquals(Treatment.HASH, p.fields().get("attributes.requester"));
    assertEquals(Treatment.MASK, p.treatment("attributes.anything"));
    PrivacyPolicy nullFields = new PrivacyPolicy(3, 64, null, KEY);
    assertEquals(PrivacyPolicy.defaults(KEY), nullFields);
  }

  @Test
  void singleAttributesCanBeConfigured() {
    PrivacyPolicy p =
        new PrivacyPolicy(
            2, 48,
            Map.of("attributes.requester", Treatment.KEEP, "attributes.user", Treatment.HASH,
                "attributes", Treatment.DROP),
            KEY);
    assertEquals(Treatment.KEEP, p.treatment("attributes.requester"));
    assertEquals(Treatment.HASH, p.treatment("attributes.user"));
    assertEquals(Treatment.DROP, p.treatment("attributes.other"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void everyIpv4KeepOctetsInRangeIsAccepted(int octets) {
    assertEquals(octets, new PrivacyPolicy(octets, 64, Map.of(), KEY).ipv4KeepOctets());
  }

  @Test
  void everyIpv6KeepBitsInRangeIsAccepted() {
    for (int bits = 0; bits <= 128; bits++) {
      assertEquals(bits, new PrivacyPolicy(3, bits, Map.of(), KEY).ipv6KeepBits());
    }
  }

  @Test
  void outOfRangeValuesAreRefusedWithTheirName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PrivacyPolicy(5, 64, Map.of(), KEY));
    assertTrue(e.getMessage().contains("ipv4KeepOctets: must be between 0 and 4, was 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new PrivacyPolicy(-1, 64, Map.of(), KEY));
    assertTrue(e.getMessage().contains("was -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new PrivacyPolicy(3, 129, Map.of(), KEY));
    assertTrue(e.getMessage().contains("ipv6KeepBits: must be between 0 and 128, was 129"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new PrivacyPolicy(3, -8, Map.of(), KEY));
    assertTrue(e.getMessage().contains("was -8"), e.getMessage());
  }

  @Test
  void allProblemsAreReportedAtOnce() {
    Map<String, Treatment> fields = new HashMap<>();
    fields.put("client_addr", Treatment.MASK);
    fields.put("message", null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PrivacyPolicy(9, 200, fields, null));
    String m = e.getMessage();
    assertTrue(m.contains("ipv4KeepOctets"), m);
    assertTrue(m.contains("ipv6KeepBits"), m);
    assertTrue(m.contains("fields.client_addr: unknown field"), m);
    assertTrue(m.contains("attributes.<name>"), m);
    assertTrue(m.contains("fields.message: treatment missing"), m);
    assertTrue(m.contains("hmacKey: missing"), m);
  }

  @Test
  void emptyKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PrivacyPolicy.defaults(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> PrivacyPolicy.defaults(null));
  }

  @Test
  void keyIsCopiedAndNeverPrinted() {
    byte[] key = "super-secret-key".getBytes(StandardCharsets.UTF_8);
    PrivacyPolicy p = PrivacyPolicy.defaults(key);
    key[0] = 'X';
    assertEquals('s', p.hmacKey()[0]);
    p.hmacKey()[0] = 'Y';
    assertEquals('s', p.hmacKey()[0]);
    assertFalse(p.toString().contains("super-secret-key"), p.toString());
    assertFalse(p.toString().contains("[B@"), p.toString());
    assertTrue(p.toString().contains("16 bytes"), p.toString());
  }

  @Test
  void equalityComparesKeyContents() {
    assertEquals(PrivacyPolicy.defaults(KEY.clone()), PrivacyPolicy.defaults(KEY.clone()));
    assertEquals(PrivacyPolicy.defaults(KEY.clone()).hashCode(), PrivacyPolicy.defaults(KEY.clone()).hashCode());
    assertNotEquals(PrivacyPolicy.defaults(KEY), PrivacyPolicy.defaults("other".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals(KEY, PrivacyPolicy.defaults(KEY).hmacKey());
  }

  @Test
  void fieldsAreImmutable() {
    PrivacyPolicy p = PrivacyPolicy.defaults(KEY);
    assertThrows(UnsupportedOperationException.class, () -> p.fields().put("message", Treatment.KEEP));
  }

  @Test
  void treatmentsParseFromConfigStrings() {
    assertEquals(Treatment.KEEP, Treatment.parse("keep"));
    assertEquals(Treatment.MASK, Treatment.parse("mask"));
    assertEquals(Treatment.HASH, Treatment.parse("hash"));
    assertEquals(Treatment.DROP, Treatment.parse("drop"));
    assertEquals(Treatment.MASK, Treatment.parse(" MASK "));
    assertEquals("mask", Treatment.MASK.configName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Treatment.parse("redact"));
    assertTrue(e.getMessage().contains("'redact'") && e.getMessage().contains("keep, mask, hash, drop"));
    assertThrows(IllegalArgumentException.class, () -> Treatment.parse(null));
  }
}
