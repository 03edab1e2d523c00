package io.logyard.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.Masking;
import io.logyard.config.SecretNames;
import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.format.MalformedLineException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, items 1 and 3: a value is a secret when its field's name says so, in every format,
 * any case, any separator style, any nesting; and a secret redacted in one field is redacted in
 * every other field that carries it.
 */
class SecretFieldNamesTest {

  private static final byte[] KEY = "secret-names-key-1".getBytes(StandardCharsets.UTF_8);
  private final Anonymizer a = new Anonymizer(PrivacyPolicy.defaults(KEY));

  private static final List<String> SECRET_NAMES =
      List.of(
          "password", "Password", "PASSWORD", "passwd", "pwd", "user_password", "db.password",
          "token", "access_token", "refreshToken", "x-auth-token", "X-Amz-Security-Token",
          "secret", "client_secret", "clientSecret", "api_key", "apikey", "apiKey", "API-KEY",
          "x-api-key", "access_key", "accessKey", "AWS_SECRET_ACCESS_KEY", "private_key",
          "privateKey", "authorization", "Authorization", "headers.authorization", "cookie",
          "Cookie", "Set-Cookie", "headers.cookie", "session", "sessionId", "session_id",
          "JSESSIONID", "user_session", "signature", "X-Amz-Signature", "credential",
          "credentials", "encryptionKey", "subscription-key", "sas_token", "auth");

  private static final List<String> PLAIN_NAMES =
      List.of(
          "message", "user", "bucket", "max_tokens", "token_count", "tokens", "keyboard",
          "monkey", "password_hint", "signature_version", "auth_type", "session_count",
          "token_file", "author", "status");

  @Test
  void theIssuesJsonLineKeepsNoFieldSecret() throws MalformedLineException {
    LogFormat json = LogFormats.create("json", Map.of());
    LogEvent e =
        json.parse(
            "{\"@timestamp\":\"2026-11-20T10:01:06Z\",\"level\":\"INFO\",\"message\":\"user"
                + " settings saved\",\"password\":\"JsonFieldPass99\",\"token\":\"JsonFieldToken88\"}");
    a.apply(json, e);
    assertEquals("[REDACTED]", e.attributes.get("password"));
    assertEquals("[REDACTED]", e.attributes.get("token"));
    assertEquals("user settings saved", e.message);
  }

  @Test
  void nestedObjectsAndArraysKeepNoFieldSecret() throws MalformedLineException {
    LogFormat json = LogFormats.create("json", Map.of());
    LogEvent e =
        json.parse(
            "{\"message\":\"m\",\"user\":{\"apiKey\":\"NestedKey77\",\"profile\":{\"sessionToken\":"
                + "\"NestedTok88\"}},\"list\":[{\"password\":\"ArrPass99\"},{\"Cookie\":\"ck=Ck55x\"}],"
                + "\"headers\":{\"Authorization\":\"Basic dXNlcjpwYXNz\",\"X-Api-Key\":\"HdrKey44\"},"
                + "\"db\":{\"passwd\":12345678}}");
    a.apply(json, e);
    String all = EveryFormatPrivacyTest.everything(e);
    for (String s :
        List.of("NestedKey77", "NestedTok88", "ArrPass99", "Ck55x", "dXNlcjpwYXNz", "HdrKey44",
            "12345678")) {
      assertFalse(all.contains(s), () -> s + " survived in:\n" + all);
    }
    assertEquals("[REDACTED]", e.attributes.get("user.apiKey"));
    assertEquals("[REDACTED]", e.attributes.get("db.passwd"));
  }

  @Test
  void secretNamedAttributesAreRedactedInEveryFormat() {
    for (String format : LogFormats.names()) {
      LogFormat f = LogFormats.create(format, Map.of());
      LogEvent e = new LogEvent();
      for (int i = 0; i < SECRET_NAMES.size(); i++) {
        e.attributes.put(SECRET_NAMES.get(i), "BareValue" + i + "Plant");
      }
      for (String n : PLAIN_NAMES) {
        e.attributes.put(n, "42");
      }
      a.apply(f, e);
      for (int i = 0; i < SECRET_NAMES.size(); i++) {
        assertEquals("[REDACTED]", e.attributes.get(SECRET_NAMES.get(i)),
            format + " " + SECRET_NAMES.get(i));
      }
      for (String n : PLAIN_NAMES) {
        assertEquals("42", e.attributes.get(n), format + " " + n);
      }
    }
  }

  @Test
  void aSecretNameIsRedactedEvenWhenTheAttributesAreKept() {
    Anonymizer keep =
        new Anonymizer(new PrivacyPolicy(3, 64, Map.of("attributes", Treatment.KEEP), KEY));
    LogEvent e = new LogEvent();
    e.attributes.put("password", "KeptPass1");
    e.attributes.put("bucket", "logs");
    keep.apply(LogFormats.create("json", Map.of()), e);
    assertEquals("[REDACTED]", e.attributes.get("password"));
    assertEquals("logs", e.attributes.get("bucket"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"combined", "s3-access", "gcs-usage"})
  void anOauthCodeIsRedactedInEveryFieldThatCarriesIt(String format)
      throws MalformedLineException {
    String line =
        switch (format) {
          case "combined" -> "203.0.113.7 - - [03/Mar/2024:10:15:42 +0000] \"GET /cb?code="
              + "OAuthCode12345&state=xyz HTTP/1.1\" 302 0 \"-\" \"curl/8.5.0\"";
          case "s3-access" -> "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
              + " shop [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - 3E57427F3EXAMPLE"
              + " REST.GET.OBJECT cat.jpg \"GET /shop/cat.jpg?code=OAuthCode12345 HTTP/1.1\""
              + " 200 - 113 113 7 6 \"-\" \"curl/8\" -";
          default -> "\"1709627412123456\",\"198.51.100.20\",\"1\",\"\",\"GET\","
              + "\"/cb?code=OAuthCode12345&alt=media\",\"200\",\"0\",\"20480\",\"15234\","
              + "\"storage.googleapis.com\",\"\",\"curl\",\"ADPycdtExample01\",\"GET_Object\","
              + "\"shop-assets\",\"logo.png\"";
        };
    LogFormat f = LogFormats.create(format, Map.of());
    LogEvent e = f.parse(line);
    assertTrue(EveryFormatPrivacyTest.everything(e).contains("OAuthCode12345"));
    a.apply(f, e);
    String all = EveryFormatPrivacyTest.everything(e);
    assertFalse(all.contains("OAuthCode12345"), () -> "the code survived in:\n" + all);
    assertTrue(e.message.contains("code=[REDACTED]"), e.message);
  }

  @Test
  void privacyAndMaskingShareOneVocabulary() {
    for (String n : SECRET_NAMES) {
      assertTrue(SecretNames.isSecretName(n), n);
      assertTrue(Masking.isSecretName(n), n);
      assertTrue(Secrets.isSecretName(n, false), n);
    }
    for (String n : PLAIN_NAMES) {
      assertFalse(SecretNames.isSecretName(n), n);
      assertFalse(Masking.isSecretName(n), n);
    }
    assertTrue(Masking.mask("apiKey=Abc123456 x").contains("apiKey=****"));
    assertTrue(Masking.mask("{\"sessionToken\": \"Abc123456\"}").contains("****"));
  }
}
