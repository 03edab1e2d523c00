package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrubUrlTest {

  private static final byte[] KEY = "test-key-0123456789".getBytes(StandardCharsets.UTF_8);
  private final Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/login?token=abc123&next=/home|/login?token=[REDACTED]&next=/home",
        "/cb?code=4/0AX4XfWh&state=xyz|/cb?code=[REDACTED]&state=xyz",
        "/p?pin=1234|/p?pin=[REDACTED]",
        "/s3/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404|/s3/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[REDACTED]&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=[REDACTED]",
        "https://acct.blob.core.windows.net/c/b?sv=2020-08-04&se=2026-11-21&sp=r&sig=AbC%2Bd%3D|https://acct.blob.core.windows.net/c/b?sv=2020-08-04&se=2026-11-21&sp=r&sig=[REDACTED]",
        "/o?GoogleAccessId=x&Expires=1&Signature=abc%2F|/o?GoogleAccessId=x&Expires=1&Signature=[REDACTED]",
        "/a?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=x|/a?AWSAccessKeyId=[REDACTED]&Signature=[REDACTED]",
        "/a?api%5Fkey=abc|/a?api%5Fkey=[REDACTED]",
        "/a?q=1.2.3.4&ip=2001%3Adb8%3A%3A1|/a?q=1.2.3.0&ip=2001:db8::",
        "/a?ip=203.0.113.57:8080|/a?ip=203.0.113.0:8080",
        "/a?token=|/a?token=",
        "/a?token|/a?token",
        "/a?&&x=1&|/a?&&x=1&",
        "http://10.1.2.3:8080/x?y=1|http://10.1.2.0:8080/x?y=1",
        "http://[2001:db8::1]:8080/?a=b|http://[2001:db8::]:8080/?a=b",
        "https://u:pw@example.com/?a=b|https://[REDACTED]@example.com/?a=b",
        "/p#access_token=abc&token_type=bearer|/p#access_token=[REDACTED]&token_type=bearer",
        "/p?a=1#access_token=abc|/p?a=1#access_token=[REDACTED]",
        "/p;jsessionid=ABC123?x=1|/p;jsessionid=[REDACTED]?x=1",
        "GET /a?password=x&b=1 HTTP/1.1|GET /a?password=[REDACTED]&b=1 HTTP/1.1",
        "GET /from/203.0.113.57/x HTTP/1.1|GET /from/203.0.113.0/x HTTP/1.1",
      })
  void scrubsUrls(String in, String expected) {
    assertEquals(expected, a.scrubUrl(in));
  }

  @Test
  void emailsInQueryValuesArePseudonymized() {
    String h = a.pseudonymize("alice@example.com");
    assertEquals("/login?email=" + h + "&x=1", a.scrubUrl("/login?email=alice%40example.com&x=1"));
    assertEquals("/login?email=" + h, a.scrubUrl("/login?email=alice@example.com"));
    assertEquals("/users/" + h + "/profile", a.scrubUrl("/users/alice@example.com/profile"));
  }

  @Test
  void decodedValuesAreReencodedOnlyWhereNeeded() {
    assertEquals("/s?q=from%201.2.3.0%20now", a.scrubUrl("/s?q=from+1.2.3.4%20now"));
    assertEquals("/s?q=a%26b%20203.0.113.0", a.scrubUrl("/s?q=a%26b%20203.0.113.57"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "-", "/index.html", "/a?b=c&d=e", "/search?q=shoes+red&page=2", "?", "/a?b=%ZZ"})
  void cleanUrlsAreReturnedAsIs(String url) {
    assertSame(url, a.scrubUrl(url));
  }

  @Test
  void bareQueryStrings() {
    assertEquals("code=[REDACTED]&x=1.2.3.0", a.scrubQuery("code=abc&x=1.2.3.4"));
    assertEquals("?code=[REDACTED]", a.scrubQuery("?code=abc"));
  }
}
