package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.format.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The privacy guarantee of the default policy: after {@link Anonymizer#apply}, no full client IP
 * address, no e-mail address and no secret of the event survives anywhere in it, whichever field
 * (column or attribute) it was hidden in and however it was written there.
 */
class PrivacyGuaranteeTest {

  private static final byte[] KEY = "guarantee-key-42".getBytes(StandardCharsets.UTF_8);

  /** Every sensitive value planted in the events, in the textual forms it must not survive in. */
  private static final List<String> ADDRESSES =
      List.of(
          "203.0.113.57", "198.51.100.23", "192.0.2.44", "203.0.113.99", "198.51.100.201",
          "10.20.30.40", "172.16.5.77", "192.168.1.234", "203.0.113.88", "198.51.100.9",
          "203.0.113.121", "198.51.100.66");

  /** IPv6 client addresses: their interface ids (last 64 bits) must be gone. */
  private static final List<String> IPV6_INTERFACE_IDS =
      List.of(
          "91f2:a9b2:e09a:6fc6", "8a2e:370:7334", "dead:beef", "1234:5678:9abc:def0", "abcd:ef12");

  private static final List<String> EMAILS =
      List.of("alice@example.com", "bob.smith@example.org", "carol+news@example.net",
          "dave@example.com", "erin@mail.example.co.uk", "frank@example.io");

  private static final List<String> SECRETS =
      List.of(
          "Hunter2secret", "SECRETTOKEN123", "SESSIONABC999", "AKIAIOSFODNN7EXAMPLE",
          "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "0123456789abcdef0123456789abcdef",
          "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpM", "AbCdEf%2B123%3D",
          "dXNlcjpwYXNzd29yZA==", "s3cr3tPassw0rd", "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
          "oauthCODE777", "arn:aws:iam::123456789012:user/alice", "urlPassw0rd",
          "ASIAY34FZKBOKMUTVV7A", "xyzAPIKEY987");

  private static final java.util.regex.Pattern EMAIL_LIKE =
      java.util.regex.Pattern.compile("[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9-]+\\.[A-Za-z]{2,}");

  private static List<LogEvent> events() {
    List<LogEvent> events = new ArrayList<>();
    // Apache combined with a proxy chain, a tracking referrer and a bot user agent
    events.add(event(e -> {
      e.clientIp = "203.0.113.57";
      e.httpMethod = "GET";
      e.endpoint = "/account/alice@example.com/settings";
      e.referrer = "https://shop.example.com/cart?session_id=SESSIONABC999&from=198.51.100.23&u=bob.smith%40example.org";
      e.userAgent = "Mozilla/5.0 (compatible; Bot/2.1; +http://192.0.2.44/bot.html; admin: carol+news@example.net)";
      e.attribute("x_forwarded_for", "203.0.113.57, 198.51.100.23, 10.20.30.40");
      e.attribute("query", "q=shoes&token=SECRETTOKEN123&ip=203.0.113.99");
    }));
    // JSON application log with the message carrying everything
    events.add(event(e -> {
      e.message = "login failed for dave@example.com from 2001:db8:85a3::8a2e:370:7334 "
          + "(203.0.113.99), password=Hunter2secret; {\"api_key\": \"xyzAPIKEY987\"}";
      e.publicIp = "198.51.100.201";
      e.privateIp = "10.20.30.40";
      e.clientIp = "[2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6]:51234";
      e.attribute("headers", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpM");
      e.attribute("user", "erin@mail.example.co.uk");
    }));
    // S3 server access log: requester ARN, presigned URL, remote IP as IPv6
    events.add(event(e -> {
      e.clientIp = "2001:db8:1:2:1234:5678:9abc:def0";
      e.attribute("requester", "arn:aws:iam::123456789012:user/alice");
      e.attribute("request", "GET /bucket/key?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261120%2Fus-east-1%2Fs3%2Faws4_request"
          + "&X-Amz-Signature=0123456789abcdef0123456789abcdef HTTP/1.1");
      e.attribute("request_uri", "/bucket/key?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=AbCdEf%2B123%3D");
      e.attribute("remote_ip", "::ffff:172.16.5.77");
    }));
    // Azure storage analytics: SAS signature, requester address with port
    events.add(event(e -> {
      e.attribute("requester_ip_address", "192.168.1.234:52000");
      e.attribute("request_url", "https://acct.blob.core.windows.net/c/b.txt?sv=2020-08-04&sig=AbCdEf%2B123%3D");
      e.attribute("user_agent_header", "azsdk-java (frank@example.io) from [2001:db8::dead:beef]:443");
    }));
    // Apache error log and syslog-style messages
    events.add(event(e -> {
      e.message = "[client 203.0.113.121:51234] AH01630: client denied, referer: http://evil.example/?user=frank%40example.io"
          + " Authorization: Basic dXNlcjpwYXNzd29yZA==";
      e.hostname = "web-7";
      e.referrer = "http://admin:urlPassw0rd@198.51.100.66:8080/admin?code=oauthCODE777";
    }));
    // Addresses in odd spellings, secrets without keys
    events.add(event(e -> {
      e.message = "rdns 121.113.0.203.in-addr.arpa; enc ip%3D203.0.113.88; v6 fe80::abcd:ef12%eth0; "
          + "keys AKIAIOSFODNN7EXAMPLE, ASIAY34FZKBOKMUTVV7A; "
          + "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY gh ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
      e.userAgent = "curl/8.4.0 via 198.51.100.9...";
      e.remoteLogId = "req-1";
      e.attribute("note", "mail DAVE@EXAMPLE.COM password: \"s3cr3tPassw0rd\"");
    }));
    return events;
  }

  private static LogEvent event(Consumer<LogEvent> fill) {
    LogEvent e = new LogEvent();
    fill.accept(e);
    return e;
  }

  /** Every text of the event, columns and attribute names and values. */
  private static String everything(LogEvent e) {
    StringBuilder sb = new StringBuilder();
    for (String s : new String[] {e.version, e.message, e.remoteLogId, e.hostname, e.nodeName,
        e.publicIp, e.privateIp, e.alertLevel, e.service, e.clientIp, e.httpMethod, e.endpoint,
        e.referrer, e.userAgent}) {
      sb.append(s).append('\n');
    }
    for (Map.Entry<String, String> a : e.attributes.entrySet()) {
      sb.append(a.getKey()).append('=').append(a.getValue()).append('\n');
    }
    return sb.toString();
  }

  private static List<String> forms(String email) {
    return List.of(email, email.toLowerCase(Locale.ROOT), email.replace("@", "%40"),
        email.substring(0, email.indexOf('@')) + "@");
  }

  @Test
  void noFullClientIpEmailOrSecretSurvivesTheDefaults() {
    Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));
    List<LogEvent> events = events();
    String before = String.join("", events.stream().map(PrivacyGuaranteeTest::everything).toList());
    // the test is only as good as its inputs: every planted value is really there
    for (String s : ADDRESSES) {
      assertTrue(before.contains(s) || before.contains(reversed(s)), s);
    }
    for (String s : EMAILS) {
      assertTrue(before.toLowerCase(Locale.ROOT).contains(s) || before.contains(s.replace("@", "%40")), s);
    }
    for (String s : SECRETS) {
      assertTrue(before.contains(s), s);
    }
    for (String s : IPV6_INTERFACE_IDS) {
      assertTrue(before.contains(s), s);
    }

    for (LogEvent e : events) {
      a.apply(e);
      String after = everything(e);
      String lower = after.toLowerCase(Locale.ROOT);
      for (String ip : ADDRESSES) {
        assertFalse(containsAddress(after, ip), () -> ip + " survived in:\n" + after);
        assertFalse(containsAddress(after, reversed(ip)), () -> reversed(ip) + " survived in:\n" + after);
      }
      for (String id : IPV6_INTERFACE_IDS) {
        assertFalse(lower.contains(id), () -> id + " survived in:\n" + after);
      }
      for (String email : EMAILS) {
        for (String form : forms(email)) {
          assertFalse(lower.contains(form.toLowerCase(Locale.ROOT)), () -> form + " survived in:\n" + after);
        }
      }
      for (String secret : SECRETS) {
        assertFalse(after.contains(secret), () -> secret + " survived in:\n" + after);
      }
      assertFalse(EMAIL_LIKE.matcher(after).find(), () -> "something e-mail-like survived in:\n" + after);
    }
  }

  @Test
  void theDefaultsAreIdempotent() {
    Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));
    for (LogEvent e : events()) {
      a.apply(e);
      String once = everything(e);
      // hashing twice would change the pseudonyms, so re-apply the scrubbing part only
      LogEvent again = new LogEvent();
      again.message = e.message;
      again.userAgent = e.userAgent;
      again.referrer = e.referrer;
      again.endpoint = e.endpoint;
      again.clientIp = e.clientIp;
      a.apply(again);
      assertTrue(once.contains(String.valueOf(again.message)));
      assertTrue(once.contains(String.valueOf(again.userAgent)));
      assertTrue(once.contains(String.valueOf(again.referrer)));
      assertTrue(once.contains(String.valueOf(again.endpoint)));
      assertTrue(once.contains(String.valueOf(again.clientIp)));
    }
  }

  /** An address surrounded by no further digits (so 203.0.113.5 is not found in 203.0.113.57). */
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

  private static String reversed(String ip) {
    String[] o = ip.split("\\.");
    return o[3] + "." + o[2] + "." + o[1] + "." + o[0];
  }
}
