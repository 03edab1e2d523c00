package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrubTextTest {

  private static final byte[] KEY = "test-key-0123456789".getBytes(StandardCharsets.UTF_8);
  private final Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));

  private String h(String email) {
    return a.pseudonymize(email);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "connection from 203.0.113.57|connection from 203.0.113.0",
        "(203.0.113.57),|(203.0.113.0),",
        "ip=1.2.3.4;|ip=1.2.3.0;",
        "ip:1.2.3.4|ip:1.2.3.0",
        "\"client\":\"203.0.113.57\"|\"client\":\"203.0.113.0\"",
        "<203.0.113.57>|<203.0.113.0>",
        "[203.0.113.57]|[203.0.113.0]",
        "peer 203.0.113.57:51234 closed|peer 203.0.113.0:51234 closed",
        "sentence ends at 203.0.113.57.|sentence ends at 203.0.113.0.",
        "connecting...203.0.113.57|connecting...203.0.113.0",
        "ip%3D203.0.113.57|ip%3D203.0.113.0",
        "a,203.0.113.57,b|a,203.0.113.0,b",
        "net 10.0.0.0/8 and 192.168.1.77/32|net 10.0.0.0/8 and 192.168.1.0/32",
        "57.113.0.203.in-addr.arpa|0.113.0.203.in-addr.arpa",
        "203.0.113.57\t198.51.100.7|203.0.113.0\t198.51.100.0",
        "client 2001:db8::1 said|client 2001:db8:: said",
        "client 2001:db8::1.|client 2001:db8::.",
        "[2001:db8::1]:443|[2001:db8::]:443",
        "(2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6)|(2a02:cf40:add:4002::)",
        "ip=2001:DB8:0:0:8:800:200C:417A;|ip=2001:db8::;",
        "from ::1 port|from :: port",
        "mapped ::ffff:203.0.113.57 here|mapped ::ffff:203.0.113.0 here",
        "link fe80::abcd%eth0 up|link fe80::%eth0 up",
        "2001:db8::1:|2001:db8:::",
        "addr=2001:db8::5, next|addr=2001:db8::, next",
        "peer 2001:db8::7:51234 closed|peer 2001:db8:::51234 closed",
        "id deadbeef:2001:db8::1 x|id deadbeef:2001:db8:: x",
        "6to4 2002:cb00:7139::1|6to4 2002:cb00:7100::",
        "ip4compat ::203.0.113.57|ip4compat ::",
        "ip :203.0.113.57|ip :203.0.113.0",
        "db:10.0.0.1|db:10.0.0.0",
        "cafe:203.0.113.57:80|cafe:203.0.113.0:80",
        "at :2001:db8::1|at :2001:db8::",
        "cut 2001:67c:c0dd:4338:f360:147e:b37|cut 2001:67c:c0dd:4338::",
        "2a02:cf40:add:4002:91f2 end|2a02:cf40:add:4002:: end",
        "2c17:e2f0:fb0f:b743:ff43:1f56:2310:fd0c:7.149.48.15:30|2c17:e2f0:fb0f:b743:::7.149.48.0:30",
      })
  void masksAddressesInText(String in, String expected) {
    assertEquals(expected, a.scrubText(in));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version 1.4.2 released",
        "built 2026.11.20 on node",
        "at 10:00:03 the job ran",
        "[20/Nov/2026:10:00:03 +0000]",
        "2026-11-20T10:00:03.123456Z",
        "10:00:03.123",
        "1.2.3.4.5 is an OID",
        "v1.2.3.4 and x.1.2.3.4",
        "256.1.2.3 and 1.2.3.256 and 1.2.3.1000",
        "Chrome/120.0.6099.109 Safari/537.36",
        "mac 00:1a:2b:3c:4d:5e",
        "stamp 2026:11:20:10:00:03 and 2026:11:20:10:00",
        "MAC 001A:2B3C:4D5E",
        "fingerprint 16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48",
        "std::vector and Foo::bar",
        "deadbeef cafe:babe",
        "ratio 3:2 and score 10:7",
        "no digits here at all",
        "arn:aws:iam::123456789012:user/alice",
        "sshd[123]: Accepted publickey for git",
        "",
      })
  void leavesNonAddressesAlone(String in) {
    assertSame(in, a.scrubText(in));
  }

  @Test
  void nullStaysNull() {
    assertNull(a.scrubText(null));
    assertNull(a.redactLine(null));
    assertNull(a.scrubUrl(null));
  }

  @Test
  void pseudonymizesEmails() {
    assertEquals("mail " + h("alice@example.com") + " ok", a.scrubText("mail alice@example.com ok"));
    assertEquals("<" + h("bob.smith+tag@mail.example.org") + ">", a.scrubText("<Bob.Smith+tag@mail.example.org>"));
    assertEquals("to=" + h("carol@example.net") + ".", a.scrubText("to=carol@example.net."));
    assertEquals("mailto:" + h("dave@example.com"), a.scrubText("mailto:dave@example.com"));
    assertEquals("email=" + h("erin@example.com") + "&x=1", a.scrubText("email=erin%40example.com&x=1"));
    assertEquals("email%3D" + h("erin@example.com"), a.scrubText("email%3Derin%40example.com"));
    assertEquals("root@localhost and a@b", a.scrubText("root@localhost and a@b"));
    assertEquals("user@1.2.3.0", a.scrubText("user@1.2.3.4"));
    assertEquals("2001:db8:1:2:::" + h("x@example.org"), a.scrubText("2001:db8:1:2:3:4:5:6:x@example.org"));
    assertEquals("1.2.3.0@example.org", a.scrubText("1.2.3.4@example.org"));
  }

  @Test
  void emailPseudonymsIgnoreCaseAndEncoding() {
    assertEquals(a.scrubText("Alice@Example.COM"), a.scrubText("alice%40example.com"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "password=hunter2 next|password=[REDACTED] next",
        "passwd=hunter2|passwd=[REDACTED]",
        "pwd: hunter2|pwd: [REDACTED]",
        "token=abc123&x=1|token=[REDACTED]&x=1",
        "access_token=abc123|access_token=[REDACTED]",
        "refresh_token = abc123|refresh_token = [REDACTED]",
        "secret=s3cr3t;|secret=[REDACTED];",
        "api_key=AbCdEf|api_key=[REDACTED]",
        "apikey=AbCdEf|apikey=[REDACTED]",
        "key=AbCdEf|key=[REDACTED]",
        "x-api-key: AbCdEf|x-api-key: [REDACTED]",
        "subscription-key=abc|subscription-key=[REDACTED]",
        "signature=0123abcd|signature=[REDACTED]",
        "sig=AbC%2Bd%3D|sig=[REDACTED]",
        "X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024|X-Amz-Signature=[REDACTED]",
        "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request|X-Amz-Credential=[REDACTED]",
        "X-Amz-Security-Token=FwoGZXIvYXdzEJr|X-Amz-Security-Token=[REDACTED]",
        "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE|AWSAccessKeyId=[REDACTED]",
        "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|aws_secret_access_key=[REDACTED]",
        "db.password=x|db.password=[REDACTED]",
        "client_secret=abc|client_secret=[REDACTED]",
        "sessionid=abc123; theme=dark|sessionid=[REDACTED]; theme=dark",
        "Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl|Authorization: Bearer [REDACTED]",
        "authorization: bearer abc.def|authorization: bearer [REDACTED]",
        "Authorization: Basic dXNlcjpwYXNz|Authorization: Basic [REDACTED]",
        "Authorization: token ghp_x|Authorization: token [REDACTED]",
        "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range, Signature=fe5f80f7|Authorization: AWS4-HMAC-SHA256 [REDACTED], SignedHeaders=host;range, Signature=[REDACTED]",
        "Proxy-Authorization: Basic abc|Proxy-Authorization: Basic [REDACTED]",
        "{\"password\":\"p@ss w0rd\",\"user\":\"x\"}|{\"password\":\"[REDACTED]\",\"user\":\"x\"}",
        "{\\\"password\\\":\\\"p@ss w0rd\\\",\\\"u\\\":1}|{\\\"password\\\":\\\"[REDACTED]\\\",\\\"u\\\":1}",
        "token=[REDACTED]|token=[REDACTED]",
        "using key AKIAIOSFODNN7EXAMPLE now|using key [REDACTED] now",
        "(ASIAIOSFODNN7EXAMPLE)|([REDACTED])",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpM here|jwt [REDACTED] here",
        "sent Bearer abcDEF123xyz to api|sent Bearer [REDACTED] to api",
        "https://bob:s3cret@example.com/x|https://[REDACTED]@example.com/x",
        "token ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 leaked|token [REDACTED] leaked",
        "next=api_key%3Dsecretval99%26page%3D2|next=api_key%3D[REDACTED]%26page%3D2",
        "redirect%3Fpassword%3dhunter2 done|redirect%3Fpassword%3d[REDACTED] done",
        "-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA1234abcd+/== -----END RSA PRIVATE KEY-----|-----BEGIN RSA PRIVATE KEY----- [REDACTED] -----END RSA PRIVATE KEY-----",
        "key: -----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\nAKCAQEA1234\\n-----END PRIVATE KEY-----\\n|key: -----BEGIN PRIVATE KEY-----\\n[REDACTED]\\n-----END PRIVATE KEY-----\\n",
        "cut -----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmU|cut -----BEGIN OPENSSH PRIVATE KEY----- [REDACTED]",
      })
  void redactsSecrets(String in, String expected) {
    assertEquals(expected, a.scrubText(in));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Failed password for root from host",
        "max_tokens=100 prompt_tokens=20",
        "token_type=Bearer",
        "monkey=1 turkey=2",
        "Basic authentication failed",
        "Bearer token expired",
        "keyboard: us",
        "http://example.com/path",
        "AKIA is a prefix",
        "-----BEGIN CERTIFICATE----- MIIBszCCAVmgAwIBAgI -----END CERTIFICATE-----",
        "progress ----- 50% done",
      })
  void leavesNonSecretsAlone(String in) {
    assertSame(in, a.scrubText(in));
  }

  @Test
  void quarantinedKeyBodyLinesAreRedactedWhole() {
    assertEquals("[REDACTED]",
        a.redactLine("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"));
    assertEquals("[REDACTED]", a.redactLine("  AKCAQEA1234abcdEFGH5678ijklMNOP9012qrst/+==  "));
    String words = "ERROR something failed in module checkout-service again";
    assertEquals(words, a.redactLine(words));
    String hex = "0123456789abcdef0123456789";
    assertEquals(hex, a.redactLine(hex)); // shorter than a key line
  }

  @Test
  void singleQuotedValues() {
    assertEquals("{\"token\": '[REDACTED]', \"n\": 1}", a.scrubText("{\"token\": 'abc', \"n\": 1}"));
  }

  @Test
  void userNameInUrlIsPseudonymized() {
    assertEquals("ftp://" + a.pseudonymize("alice") + "@files.example.com/x",
        a.scrubText("ftp://alice@files.example.com/x"));
  }

  @Test
  void everythingTogether() {
    String line =
        "2026-11-20T10:00:03Z user=alice@example.com ip=203.0.113.57 fwd=2001:db8:85a3::8a2e:370:7334 "
            + "version 1.4.2 password=hunter2 Authorization: Bearer abc.def.ghi";
    String out = a.scrubText(line);
    assertEquals(
        "2026-11-20T10:00:03Z user=" + h("alice@example.com") + " ip=203.0.113.0 fwd=2001:db8:85a3:: "
            + "version 1.4.2 password=[REDACTED] Authorization: Bearer [REDACTED]",
        out);
    assertEquals(out, a.redactLine(line));
  }

  @Test
  void scrubbingIsIdempotent() {
    String[] lines = {
      "from 203.0.113.57 and 2001:db8::1 mail bob@example.com token=abc",
      "Authorization: Bearer abcdefgh12345 and ::ffff:1.2.3.4",
      "https://u:p@10.1.2.3/?sig=x",
      "-----BEGIN EC PRIVATE KEY----- MHcCAQEEI0123 -----END EC PRIVATE KEY----- x%3Dy token%3Dabc9",
    };
    for (String l : lines) {
      String once = a.scrubText(l);
      assertEquals(once, a.scrubText(once), l);
    }
  }

  @Test
  void precheckSkipsPlainWords() {
    assertFalse(Anonymizer.mayNeedScrub("GET"));
    assertFalse(Anonymizer.mayNeedScrub("Mozilla compatible bot"));
    assertTrue(Anonymizer.mayNeedScrub("a 1"));
    assertTrue(Anonymizer.mayNeedScrub("a@b"));
    assertTrue(Anonymizer.mayNeedScrub("k=v"));
    assertTrue(Anonymizer.mayNeedScrub("key AKIAABCDEFGHIJKLMNOP"));
  }
}
