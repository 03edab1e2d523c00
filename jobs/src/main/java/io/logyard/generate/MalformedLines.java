package io.logyard.generate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Lines that no parser should accept, of the kinds real log files hold: lines truncated by a
 * crash or a full disk, binary junk and NUL padding, JSON cut in the middle, impossible dates,
 * empty lines and lines of another format (an Apache error-log line in an access log, a stack
 * trace in a JSON log). None contains a line terminator.
 */
final class MalformedLines {

  private static final DateTimeFormatter ERROR_LOG_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final List<String> STACK_TRACE = List.of(
      "\tat io.logyard.demo.PaymentService.charge(PaymentService.java:142)",
      "Caused by: java.net.SocketTimeoutException: Read timed out",
      "Exception in thread \"worker-3\" java.lang.IllegalStateException: pool closed",
      "Traceback (most recent call last):",
      "  File \"/app/monitor.py\", line 88, in collect",
      "\t... 27 more");

  private enum AccessKind { TRUNCATED, BAD_DATE, BINARY, EMPTY, FOREIGN }

  private enum AppKind { CUT_JSON, BAD_TIMESTAMP, BINARY, EMPTY, STACK_TRACE }

  private static final Weighted<AccessKind> ACCESS_KINDS = Weighted.<AccessKind>builder()
      .add(30, AccessKind.TRUNCATED).add(25, AccessKind.BAD_DATE).add(15, AccessKind.BINARY)
      .add(15, AccessKind.EMPTY).add(15, AccessKind.FOREIGN).build();

  private static final Weighted<AppKind> APP_KINDS = Weighted.<AppKind>builder()
      .add(35, AppKind.CUT_JSON).add(20, AppKind.BAD_TIMESTAMP).add(15, AppKind.BINARY)
      .add(15, AppKind.EMPTY).add(15, AppKind.STACK_TRACE).build();

  private MalformedLines() {}

  /** A malformed access-log line, made from a well-formed one at {@code time}. */
  static byte[] access(SplittableRandom r, String valid, Instant time) {
    return switch (ACCESS_KINDS.pick(r)) {
      case TRUNCATED -> utf8(cut(r, valid, 8));
      case BAD_DATE -> {
        String good = AccessLogLines.TIME.format(time);
        int at = valid.indexOf('[' + good + ']');
        yield utf8(valid.substring(0, at + 1) + badAccessDate(r, good)
            + valid.substring(at + 1 + good.length()));
      }
      case BINARY -> junk(r);
      case EMPTY -> new byte[0];
      case FOREIGN -> utf8("[" + ERROR_LOG_TIME.format(time.plusNanos(1000L * r.nextInt(1_000_000)))
          + "] [core:error] [pid "
          + Randoms.between(r, 1000, 30000) + ":tid 140" + Randoms.between(r, 1000, 9999)
          + "] [client " + Randoms.publicIpv4(r) + ":" + Randoms.between(r, 1024, 65535)
          + "] AH00037: Symbolic link not allowed or link target not accessible: "
          + "/var/www/html/static");
    };
  }

  /**
   * A malformed ALB access-log line, made from a well-formed one: cut before its TLS fields (a
   * shorter line is no ALB line), an impossible time, binary junk, empty, or an Apache error-log
   * line.
   */
  static byte[] alb(SplittableRandom r, String valid, Instant time) {
    return switch (ACCESS_KINDS.pick(r)) {
      case TRUNCATED -> {
        // the fields up to user_agent; ssl_cipher and ssl_protocol are the last required ones
        int requestEnd = valid.indexOf("\" \"", valid.indexOf('"') + 1);
        int agentEnd = valid.indexOf("\" ", requestEnd + 3);
        yield utf8(valid.substring(0, Randoms.between(r, 8, agentEnd)));
      }
      case BAD_DATE -> {
        String good = AlbLogLines.TIME.format(time);
        String bad = switch (r.nextInt(4)) {
          case 0 -> good.substring(0, 8) + "32" + good.substring(10);
          case 1 -> good.substring(0, 11) + "25" + good.substring(13);
          case 2 -> good.substring(0, 5) + "13" + good.substring(7);
          default -> good.replace('T', '_');
        };
        int at = valid.indexOf(good);
        yield utf8(valid.substring(0, at) + bad + valid.substring(at + good.length()));
      }
      case BINARY -> junk(r);
      case EMPTY -> new byte[0];
      case FOREIGN -> utf8("[" + ERROR_LOG_TIME.format(time) + "] [proxy:error] [pid "
          + Randoms.between(r, 1000, 30000) + "] AH00940: HTTP: disabled connection for (backend)");
    };
  }

  /** A malformed application-log line, made from a well-formed JSON line. */
  static byte[] app(SplittableRandom r, String valid) {
    return switch (APP_KINDS.pick(r)) {
      case CUT_JSON -> utf8(cut(r, valid, 1));
      case BAD_TIMESTAMP -> {
        // the line starts with {"@timestamp":"2026-11-20T10:00:03.123Z"
        int from = "{\"@timestamp\":\"".length();
        int to = valid.indexOf('"', from);
        String good = valid.substring(from, to);
        String bad = switch (r.nextInt(4)) {
          case 0 -> good.substring(0, 8) + "32" + good.substring(10);
          case 1 -> good.substring(0, 5) + "13" + good.substring(7);
          case 2 -> good.substring(0, 11) + "24:61" + good.substring(16);
          default -> "not-a-timestamp";
        };
        yield utf8(valid.substring(0, from) + bad + valid.substring(to));
      }
      case BINARY -> junk(r);
      case EMPTY -> new byte[0];
      case STACK_TRACE -> utf8(Randoms.oneOf(r, STACK_TRACE));
    };
  }

  /**
   * A malformed record of a provider's JSON-lines log (Cloud Logging, Azure Monitor), made from a
   * well-formed one holding {@code "<timeField>":"<time>"}: JSON cut in the middle (long enough
   * not to look like the start of a document), an impossible time, or a stack trace. Never blank:
   * blank lines are not records.
   */
  static byte[] jsonRecord(SplittableRandom r, String valid, String timeField) {
    return switch (r.nextInt(4)) {
      case 0, 1 -> utf8(cut(r, valid, 16));
      case 2 -> {
        String marker = "\"" + timeField + "\":\"";
        int from = valid.indexOf(marker) + marker.length();
        int to = valid.indexOf('"', from);
        String good = valid.substring(from, to);
        String bad = switch (r.nextInt(4)) {
          case 0 -> good.substring(0, 8) + "32" + good.substring(10);
          case 1 -> good.substring(0, 5) + "13" + good.substring(7);
          case 2 -> good.substring(0, 11) + "24:61" + good.substring(16);
          default -> "not-a-timestamp";
        };
        yield utf8(valid.substring(0, from) + bad + valid.substring(to));
      }
      default -> utf8(Randoms.oneOf(r, STACK_TRACE).strip());
    };
  }

  /** Day 32 or 0, hour 25, an unknown month, or no zone. */
  private static String badAccessDate(SplittableRandom r, String good) {
    // good is dd/MMM/yyyy:HH:mm:ss +0000
    return switch (r.nextInt(5)) {
      case 0 -> "32" + good.substring(2);
      case 1 -> good.substring(0, 12) + "25" + good.substring(14);
      case 2 -> good.substring(0, 3) + "Nox" + good.substring(6);
      case 3 -> good.substring(0, good.indexOf(' '));
      default -> "00" + good.substring(2);
    };
  }

  /** A prefix of {@code line} that keeps at least {@code min} characters and drops at least 2. */
  private static String cut(SplittableRandom r, String line, int min) {
    return line.substring(0, Randoms.between(r, min, line.length() - 2));
  }

  /** Random bytes or NUL padding; never CR or LF, so the junk stays one line. */
  private static byte[] junk(SplittableRandom r) {
    byte[] out = new byte[Randoms.between(r, 16, 160)];
    if (r.nextInt(4) == 0) {
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      int b;
      do {
        b = r.nextInt(256);
      } while (b == '\n' || b == '\r');
      out[i] = (byte) b;
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
