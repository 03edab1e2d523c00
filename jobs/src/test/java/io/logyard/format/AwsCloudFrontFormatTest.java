package io.logyard.format;

import static io.logyard.format.Fixtures.micros;
import static io.logyard.format.Fixtures.parse;
import static io.logyard.format.Fixtures.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fixture lines follow the examples of CloudFront's standard logging documentation. */
class AwsCloudFrontFormatTest {
  private final LogFormat f = LogFormats.create("aws-cloudfront", null);
  private final List<String> lines = Fixtures.lines("aws-cloudfront.log");

  @Test
  void headersAreSkippedAndFieldsParsedOneByOne() {
    assertTrue(f.isHeader(lines.get(0)));
    assertTrue(f.isHeader(lines.get(1)));
    LogEvent ev = parse(f, lines.get(2));
    assertEquals(micros("2019-12-04T21:02:31Z"), ev.timestampMicros);
    assertEquals("192.0.2.100", ev.clientIp);
    assertEquals("GET", ev.httpMethod);
    assertEquals("/index.html", ev.endpoint);
    assertEquals("GET /index.html", ev.message);
    assertEquals(200, ev.httpStatus);
    assertEquals(392L, ev.responseBytes);
    assertNull(ev.referrer);
    assertEquals("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
        + " Gecko) Chrome/78.0.3904.108 Safari/537.36", ev.userAgent);
    assertEquals("SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==", ev.remoteLogId);
    assertEquals(1.0, ev.latencyMs);
    assertEquals("LAX1", ev.attributes.get("x_edge_location"));
    assertEquals("Hit", ev.attributes.get("x_edge_result_type"));
    assertEquals("https", ev.attributes.get("cs_protocol"));
    assertEquals("HTTP/2.0", ev.attributes.get("cs_protocol_version"));
    assertEquals("11040", ev.attributes.get("c_port"));
    assertEquals("text/html", ev.attributes.get("sc_content_type"));
    assertFalse(ev.attributes.containsKey("sc_range_start"));
    assertFalse(ev.attributes.containsKey("query"));
  }

  @Test
  void errorsQueryCookieAndForwardedFor() {
    LogEvent ev = parse(f, lines.get(3));
    assertEquals("2001:db8::7", ev.clientIp);
    assertEquals(502, ev.httpStatus);
    assertEquals("ERROR", ev.alertLevel);
    assertEquals("http://www.example.com/", ev.referrer);
    assertEquals("a=1&token=x", ev.attributes.get("query"));
    assertEquals("session=abc", ev.attributes.get("cs_cookie"));
    assertEquals("198.51.100.1,203.0.113.9", ev.attributes.get("x_forwarded_for"));
    assertEquals("OriginDnsError", ev.attributes.get("x_edge_detailed_result_type"));
  }

  @Test
  void theFieldsHeaderDefinesTheColumnsOfAnObject() {
    List<String> old = Fixtures.lines("aws-cloudfront-v24.log");
    assertTrue(reason(f, old.get(2)).startsWith("expected 33 tab-separated fields, found 24"));
    ObjectSinkRecorder r = ObjectSinkRecorder.read(f, old);
    assertEquals(2, r.skipped);
    assertEquals(List.of(), r.reasons);
    LogEvent ev = r.events.get(0);
    assertEquals(micros("2014-05-23T01:13:11Z"), ev.timestampMicros);
    assertEquals("Mozilla/4.0 (compatible; MSIE 5.0b1; Mac_PowerPC)", ev.userAgent);
    assertEquals("zip=98101", ev.attributes.get("cs_cookie"));
    assertEquals("HTTP/1.1", ev.attributes.get("cs_protocol_version"));
    ObjectSinkRecorder all = ObjectSinkRecorder.read(f, lines);
    assertEquals(2, all.events.size());
  }

  @Test
  void rejectsWithReasons() {
    assertEquals("empty line", reason(f, ""));
    assertTrue(reason(f, lines.get(2).replace("21:02:31", "25:02:31"))
        .startsWith("bad timestamp '25:02:31': hour 25 out of range"));
    assertTrue(reason(f, lines.get(2).replace("\t392\t", "\tlots\t"))
        .startsWith("expected a number for sc_bytes at column 26"));
  }

  @Test
  void percentDecoding() {
    assertEquals("a b+c%zz é", Scan.percentDecode("a%20b+c%zz %C3%A9"));
    assertEquals("%FF", Scan.percentDecode("%FF"));
    assertEquals("Mozilla/5.0 (X11; Linux)", Scan.percentDecode("Mozilla/5.0%20(X11;%20Linux)"));
    assertEquals("A\u00e9B \u20ac", Scan.percentDecode("%41%C3%A9%42%20%e2%82%ac"));
    // a run of escapes that is not UTF-8 is kept as written, ASCII escapes of the run included
    assertEquals("%FF%20x y", Scan.percentDecode("%FF%20x%20y"));
    assertEquals("%E2%82%20end", Scan.percentDecode("%e2%82%20end"));
    assertEquals("100% %4 %", Scan.percentDecode("100%%20%4%20%"));
    assertEquals("A", Scan.percentDecode("%41"));
    assertEquals("", Scan.percentDecode(""));
  }

  @Test
  void percentDecodingAgreesWithByteWiseDecoding() {
    String[] pieces = {"%", "%2", "%20", "%41", "%c3", "%A9", "%E2", "%82", "%ac", "%FF", "%zz",
      "a", "+", "\u00e9", " "};
    SplittableRandom r = new SplittableRandom(13);
    for (int t = 0; t < 20_000; t++) {
      StringBuilder b = new StringBuilder();
      for (int k = r.nextInt(8); k > 0; k--) {
        b.append(pieces[r.nextInt(pieces.length)]);
      }
      String s = b.toString();
      assertEquals(byteWise(s), Scan.percentDecode(s), s);
    }
  }

  /** The decoding spelled out: every run of escapes through a UTF-8 decoder, or kept. */
  private static String byteWise(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= s.length(); i++) {
      if (i + 2 < s.length() && s.charAt(i) == '%' && Scan.hex(s.charAt(i + 1)) >= 0
          && Scan.hex(s.charAt(i + 2)) >= 0) {
        bytes.write(Scan.hex(s.charAt(i + 1)) * 16 + Scan.hex(s.charAt(i + 2)));
        i += 2;
        continue;
      }
      byte[] raw = bytes.toByteArray();
      bytes.reset();
      try {
        b.append(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)));
      } catch (CharacterCodingException e) {
        for (byte x : raw) {
          b.append(String.format("%%%02X", x & 0xff));
        }
      }
      if (i < s.length()) {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }
}
