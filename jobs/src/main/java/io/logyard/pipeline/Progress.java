package io.logyard.pipeline;

import io.logyard.config.Masking;
import io.logyard.privacy.LogText;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Progress lines of a long-running command, stamped with the local time of day (HH:mm:ss, seconds
 * always shown), on the stream the command was given; addresses, e-mail addresses and secrets
 * scrubbed ({@link LogText}, {@link Masking}).
 */
public final class Progress {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintWriter out;
  private final boolean quiet;
  private final Clock clock;

  public Progress(PrintWriter out, boolean quiet) {
    this(out, quiet, Clock.systemDefaultZone());
  }

  /** As {@link #Progress(PrintWriter, boolean)}, stamping lines with {@code clock}'s time of day. */
  public Progress(PrintWriter out, boolean quiet, Clock clock) {
    this.out = out;
    this.quiet = quiet;
    this.clock = clock;
  }

  public void say(String format, Object... args) {
    if (!quiet) {
      out.println("[" + stamp(LocalTime.now(clock)) + "] " + Masking.mask(LogText.scrub(String.format(format, args))));
      out.flush();
    }
  }

  public static String stamp(LocalTime t) {
    return TIME.format(t);
  }
}
