package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static LineReader reader(String s, int max) {
    return new LineReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), max);
  }

  @Test
  void linesWithByteOffsetsAcrossCrlfEmptyLinesAndMultibyteText() throws IOException {
    LineReader r = reader("a\r\n\nhé llo\nlast", 100);
    assertEquals("a", r.next());
    assertEquals(0, r.offset());
    assertEquals("", r.next());
    assertEquals(3, r.offset());
    assertEquals("hé llo", r.next());
    assertEquals(4, r.offset());
    assertEquals("last", r.next());
    assertEquals(12, r.offset());
    assertNull(r.next());
  }

  @Test
  void trailingNewlineMakesNoExtraLine() throws IOException {
    LineReader r = reader("x\ny\n", 100);
    assertEquals("x", r.next());
    assertEquals("y", r.next());
    assertNull(r.next());
  }

  @Test
  void overlongLineIsCutFlaggedAndTheNextLineIsIntact() throws IOException {
    LineReader r = reader("0123456789\nok\n", 4);
    assertEquals("0123", r.next());
    assertTrue(r.truncated());
    assertEquals("ok", r.next());
    assertFalse(r.truncated());
    assertEquals(11, r.offset());
  }

  @Test
  void offsetsHoldAcrossBufferRefillsFromAStreamGivingOneByteAtATime() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) text.append("line-").append(i).append('\n');
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    InputStream trickle = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
    LineReader r = new LineReader(trickle, 1000);
    long expectedOffset = 0;
    for (int i = 0; i < 20_000; i++) {
      String line = r.next();
      assertEquals("line-" + i, line);
      assertEquals(expectedOffset, r.offset());
      expectedOffset += line.length() + 1;
    }
    assertNull(r.next());
  }

  @Test
  void aStreamStartingInsideAnObjectCountsOffsetsFromTheObjectsStart() throws IOException {
    LineReader r = new LineReader(new ByteArrayInputStream("ab\ncd".getBytes(StandardCharsets.UTF_8)), 100, 1000);
    assertEquals(1000, r.position());
    assertEquals("ab", r.next());
    assertEquals(1000, r.offset());
    assertEquals(1003, r.position());
    assertEquals("cd", r.next());
    assertEquals(1003, r.offset());
    assertNull(r.next());
    assertEquals(1005, r.position());
  }
}
