package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.format.Field;
import io.logyard.format.FieldType;
import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import io.logyard.format.PrivacyKind;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApplyTest {

  private static final byte[] KEY = "test-key-0123456789".getBytes(StandardCharsets.UTF_8);
  private final Anonymizer defaults = new Anonymizer(PrivacyPolicy.defaults(KEY));

  /** The kinds the attributes of {@link #sample} have, as a format would declare them. */
  private static final LogFormat SAMPLE =
      new DeclaredFormat(
          "sample",
          List.of(
              attribute("requester", PrivacyKind.IDENTIFIER),
              attribute("x_forwarded_for", PrivacyKind.ADDRESS_LIST),
              attribute("query", PrivacyKind.QUERY),
              attribute("request_uri", PrivacyKind.URL),
              attribute("request", PrivacyKind.REQUEST_LINE),
              attribute("bucket", PrivacyKind.FREE_TEXT),
              attribute("remote_ip", PrivacyKind.ADDRESS)));

  private static Field attribute(String name, PrivacyKind kind) {
    return Field.attribute(name, FieldType.STRING, name).as(kind);
  }

  private static LogEvent sample() {
    LogEvent e = new LogEvent();
    e.timestampMicros = 1_700_000_000_000_000L;
    e.version = "1.4.2";
    e.message = "login by alice@example.com from 203.0.113.57 password=hunter2";
    e.remoteLogId = "req-42";
    e.hostname = "web-1.example.com";
    e.nodeName = "node-1";
    e.publicIp = "198.51.100.77";
    e.privateIp = "10.20.30.40";
    e.alertLevel = "INFO";
    e.service = "shop";
    e.clientIp = "2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6";
    e.httpMethod = "GET";
    e.endpoint = "/reset/bob@example.com";
    e.httpStatus = 200;
    e.responseBytes = 512L;
    e.referrer = "https://example.com/?token=abc&from=192.0.2.9";
    e.userAgent = "Mozilla/5.0 (via 192.0.2.44)";
    e.latencyMs = 1.5;
    e.attribute("requester", "arn:aws:iam::123456789012:user/alice");
    e.attribute("x_forwarded_for", "203.0.113.57, 10.0.0.1");
    e.attribute("query", "code=abc&x=1");
    e.attribute("request_uri", "/p?sig=xyz");
    e.attribute("request", "GET /p?X-Amz-Signature=abc HTTP/1.1");
    e.attribute("bucket", "logs");
    e.attribute("remote_ip", "203.0.113.57");
    return e;
  }

  private static Anonymizer with(Map<String, Treatment> fields) {
    return new Anonymizer(new PrivacyPolicy(3, 64, fields, KEY));
  }

  @Test
  void defaultsMaskScrubAndHash() {
    LogEvent e = sample();
    defaults.apply(SAMPLE, e);
    assertEquals("2a02:cf40:add:4002::", e.clientIp);
    assertEquals("198.51.100.0", e.publicIp);
    assertEquals("10.20.30.0", e.privateIp);
    assertEquals("login by " + defaults.pseudonymize("alice@example.com")
        + " from 203.0.113.0 password=[REDACTED]", e.message);
    assertEquals("/reset/" + defaults.pseudonymize("bob@example.com"), e.endpoint);
    assertEquals("https://example.com/?token=[REDACTED]&from=192.0.2.0", e.referrer);
    assertEquals("Mozilla/5.0 (via 192.0.2.0)", e.userAgent);
    assertEquals("web-1.example.com", e.hostname);
    assertEquals("req-42", e.remoteLogId);
    assertEquals(defaults.pseudonymize("arn:aws:iam::123456789012:user/alice"), e.attributes.get("requester"));
    assertEquals("203.0.113.0, 10.0.0.0", e.attributes.get("x_forwarded_for"));
    assertEquals("code=[REDACTED]&x=1", e.attributes.get("query"));
    assertEquals("/p?sig=[REDACTED]", e.attributes.get("request_uri"));
    assertEquals("GET /p?X-Amz-Signature=[REDACTED] HTTP/1.1", e.attributes.get("request"));
    assertEquals("logs", e.attributes.get("bucket"));
    assertEquals("203.0.113.0", e.attributes.get("remote_ip"));
    // untouched: not personal
    assertEquals("1.4.2", e.version);
    assertEquals("node-1", e.nodeName);
    assertEquals("INFO", e.alertLevel);
    assertEquals("shop", e.service);
    assertEquals("GET", e.httpMethod);
    assertEquals(200, e.httpStatus);
    assertEquals(512L, e.responseBytes);
    assertEquals(1.5, e.latencyMs);
    assertEquals(1_700_000_000_000_000L, e.timestampMicros);
    assertEquals(List.of("requester", "x_forwarded_for", "query", "request_uri", "request", "bucket",
        "remote_ip"), List.copyOf(e.attributes.keySet()));
  }

  @Test
  void keepLeavesEverything() {
    Map<String, Treatment> all = new HashMap<>();
    for (String f : PrivacyPolicy.knownFields()) {
      all.put(f, Treatment.KEEP);
    }
    all.put("attributes.requester", Treatment.KEEP);
    all.put("attributes.x_forwarded_for", Treatment.KEEP);
    LogEvent e = sample();
    with(all).apply(e);
    LogEvent s = sample();
    assertEquals(s.clientIp, e.clientIp);
    assertEquals(s.publicIp, e.publicIp);
    assertEquals(s.privateIp, e.privateIp);
    assertEquals(s.message, e.message);
    assertEquals(s.endpoint, e.endpoint);
    assertEquals(s.referrer, e.referrer);
    assertEquals(s.userAgent, e.userAgent);
    assertEquals(s.attributes, e.attributes);
  }

  @ParameterizedTest
  @EnumSource(Treatment.class)
  void eachColumnFollowsItsTreatment(Treatment t) {
    Map<String, Treatment> all = new HashMap<>();
    for (String f : PrivacyPolicy.knownFields()) {
      all.put(f, t);
    }
    LogEvent e = sample();
    Anonymizer an = with(all);
    an.apply(e);
    LogEvent s = sample();
    String[][] pairs = {
      {s.clientIp, e.clientIp, "address"}, {s.publicIp, e.publicIp, "address"},
      {s.privateIp, e.privateIp, "address"}, {s.message, e.message, "text"},
      {s.endpoint, e.endpoint, "url"}, {s.referrer, e.referrer, "url"},
      {s.userAgent, e.userAgent, "text"}, {s.hostname, e.hostname, "text"},
      {s.remoteLogId, e.remoteLogId, "text"}, {s.attributes.get("bucket"), e.attributes.get("bucket"), "text"},
    };
    for (String[] p : pairs) {
      String expected;
      switch (t) {
        case KEEP: expected = p[0]; break;
        case DROP: expected = null; break;
        case HASH: expected = an.pseudonymize(p[0]); break;
        default:
          expected = p[2].equals("address") ? an.maskIp(p[0])
              : p[2].equals("url") ? an.scrubUrl(p[0]) : an.scrubText(p[0]);
      }
      assertEquals(expected, p[1], t + " " + p[0]);
    }
    if (t == Treatment.DROP) {
      assertFalse(e.attributes.containsKey("bucket"));
      // the defaults for single attributes still apply
      assertTrue(e.attributes.containsKey("requester"));
    }
  }

  @Test
  void singleAttributeTreatments() {
    LogEvent e = sample();
    with(Map.of("attributes.requester", Treatment.DROP, "attributes.bucket", Treatment.HASH,
        "attributes.remote_ip", Treatment.KEEP, "attributes", Treatment.DROP)).apply(e);
    assertFalse(e.attributes.containsKey("requester"));
    assertEquals(with(Map.of()).pseudonymize("logs"), e.attributes.get("bucket"));
    assertEquals("203.0.113.57", e.attributes.get("remote_ip"));
    assertEquals("203.0.113.0, 10.0.0.0", e.attributes.get("x_forwarded_for")); // its own default
    assertFalse(e.attributes.containsKey("query"));
    assertEquals(List.of("x_forwarded_for", "bucket", "remote_ip"), List.copyOf(e.attributes.keySet()));
  }

  @Test
  void attributeNamesMatchIgnoringCaseAndDashes() {
    LogEvent e = new LogEvent();
    e.attribute("X-Forwarded-For", "203.0.113.57, 198.51.100.1");
    e.attribute("Requester", "arn:aws:iam::1:user/x");
    defaults.apply(e);
    assertEquals("203.0.113.0, 198.51.100.0", e.attributes.get("X-Forwarded-For"));
    assertEquals(defaults.pseudonymize("arn:aws:iam::1:user/x"), e.attributes.get("Requester"));
  }

  @Test
  void hashedAddressesHaveOnePseudonymPerAddress() {
    Anonymizer an = with(Map.of("client_ip", Treatment.HASH, "public_ip", Treatment.HASH,
        "private_ip", Treatment.HASH));
    LogEvent e = new LogEvent();
    e.clientIp = "203.0.113.57:8080";
    e.publicIp = "[2001:DB8::1]:443";
    e.privateIp = "host.internal";
    an.apply(e);
    assertEquals(an.pseudonymize("203.0.113.57"), e.clientIp);
    assertEquals(an.pseudonymize("2001:db8::1"), e.publicIp);
    assertEquals(an.pseudonymize("host.internal"), e.privateIp);
  }

  @Test
  void hashKeepsPlaceholders() {
    Anonymizer an = with(Map.of("client_ip", Treatment.HASH, "message", Treatment.HASH));
    LogEvent e = new LogEvent();
    e.clientIp = "-";
    e.message = "";
    an.apply(e);
    assertEquals("-", e.clientIp);
    assertEquals("", e.message);
  }

  @Test
  void emptyAndNullEventsAreFine() {
    LogEvent e = new LogEvent();
    defaults.apply(e);
    assertNull(e.clientIp);
    assertNull(e.message);
    assertTrue(e.attributes.isEmpty());
    defaults.apply(null);
    e.attributes.put("weird", null);
    defaults.apply(e);
    assertNull(e.attributes.get("weird"));
  }

  @Test
  void freeTextColumnsWithoutTreatmentAreAlwaysScrubbed() {
    LogEvent e = new LogEvent();
    e.httpMethod = "\\x16\\x03 from 203.0.113.57";
    e.service = "svc token=abc";
    e.version = "user bob@example.com";
    defaults.apply(e);
    assertEquals("\\x16\\x03 from 203.0.113.0", e.httpMethod);
    assertEquals("svc token=[REDACTED]", e.service);
    assertEquals("user " + defaults.pseudonymize("bob@example.com"), e.version);
  }

  @Test
  void formatsWhoseFieldListIsMadePerObjectShareOneApplier() {
    List<Field> one = List.of(attribute("query", PrivacyKind.QUERY));
    List<Field> equal = new java.util.ArrayList<>(one);
    assertTrue(defaults.applier(one) == defaults.applier(equal));
    for (int i = 0; i < 1000; i++) {
      defaults.applier(List.of(attribute("f" + i, PrivacyKind.PLAIN)));
    }
    LogEvent e = new LogEvent();
    e.attribute("query", "code=abc");
    defaults.apply(new DeclaredFormat("fresh", new java.util.ArrayList<>(one)), e);
    assertEquals("code=[REDACTED]", e.attributes.get("query"));
  }

  @Test
  void aRepeatedValueIsMaskedAsTheFirstTimeFromTheMemoAndTheMemoStaysBounded() {
    LogEvent first = sample();
    defaults.apply(SAMPLE, first);
    LogEvent again = sample();
    defaults.apply(SAMPLE, again);
    assertEquals(first.message, again.message);
    assertEquals(first.userAgent, again.userAgent);
    assertEquals(first.referrer, again.referrer);
    assertEquals(first.endpoint, again.endpoint);
    assertEquals(first.attributes, again.attributes);

    EventPrivacy p = defaults.applier(SAMPLE.fields());
    MaskMemo text = p.memo(PrivacyKind.FREE_TEXT);
    assertEquals(first.message, text.get(sample().message));
    assertNull(p.memo(PrivacyKind.ADDRESS), "addresses are masked without a memo");

    // values that never repeat: each is scrubbed, and the memo starts over instead of growing
    MaskMemo urls = p.memo(PrivacyKind.URL);
    for (int i = 0; i < MaskMemo.MAX_ENTRIES * 2 + 7; i++) {
      assertEquals("/p/" + i + "?token=[REDACTED]",
          p.treat("/p/" + i + "?token=s" + i, PrivacyKind.URL, Treatment.MASK));
      assertTrue(urls.size() <= MaskMemo.MAX_ENTRIES);
    }
    String longValue = "x".repeat(MaskMemo.MAX_LENGTH) + " password=hunter2";
    assertEquals("x".repeat(MaskMemo.MAX_LENGTH) + " password=[REDACTED]",
        p.treat(longValue, PrivacyKind.FREE_TEXT, Treatment.MASK));
    assertNull(text.get(longValue), "a long value is not kept");
  }
}
