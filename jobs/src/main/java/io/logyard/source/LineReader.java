package io.logyard.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines on {@code \n} (a trailing {@code \r} is dropped), keeping
 * each line's byte offset in the stream. Bytes that are not UTF-8 become U+FFFD. A line longer
 * than {@code maxLineBytes} is cut there and flagged, and the rest of it is skipped.
 */
public final class LineReader implements Closeable {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long bufStart;
  private byte[] line = new byte[1024];
  private boolean eof;

  private long offset;
  private boolean truncated;

  public LineReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, 0);
  }

  /**
   * Reads {@code in}, whose first byte is at offset {@code start} of the object: offsets count
   * from the object's first byte.
   */
  public LineReader(InputStream in, int maxLineBytes, long start) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.bufStart = start;
  }

  /** Byte offset of the line last returned. */
  public long offset() {
    return offset;
  }

  /** Byte offset of the next line: where the bytes not returned yet start. */
  public long position() {
    return bufStart + pos;
  }

  /** True when the line last returned was longer than the limit and was cut. */
  public boolean truncated() {
    return truncated;
  }

  /** The next line, or null at the end of the stream. */
  public String next() throws IOException {
    if (eof && pos >= limit) return null;
    offset = bufStart + pos;
    truncated = false;
    int len = 0;
    boolean any = false;
    while (true) {
      if (pos >= limit) {
        if (!fill()) {
          if (!any) return null;
          break;
        }
      }
      any = true;
      int start = pos;
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? limit : nl;
      int n = end - start;
      if (!truncated) {
        int room = maxLineBytes - len;
        int take = Math.min(n, room);
        if (take < n) truncated = true;
        ensure(len + take);
        System.arraycopy(buf, start, line, len, take);
        len += take;
      }
      if (nl >= 0) {
        pos = nl + 1;
        break;
      }
      pos = limit;
    }
    if (len > 0 && line[len - 1] == '\r' && !truncated) len--;
    return new String(line, 0, len, StandardCharsets.UTF_8);
  }

  private void ensure(int capacity) {
    if (capacity > line.length) {
      byte[] bigger = new byte[Math.max(capacity, Math.min(line.length * 2, maxLineBytes))];
      System.arraycopy(line, 0, bigger, 0, line.length);
      line = bigger;
    }
  }

  private boolean fill() throws IOException {
    if (eof) return false;
    bufStart += limit;
    pos = 0;
    limit = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
