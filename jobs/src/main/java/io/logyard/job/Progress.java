package io.logyard.job;

import io.logyard.config.Masking;
import io.logyard.privacy.LogText;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * Progress lines of a long-running command, timestamped, on the stream the command was given;
 * addresses, e-mail addresses and secrets scrubbed ({@link LogText}, {@link Masking}).
 */
public final class Progress {
  private final PrintWriter out;
  private final boolean quiet;

  public Progress(PrintWriter out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  public void say(String format, Object... args) {
    if (!quiet) {
      out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + Masking.mask(LogText.scrub(String.format(format, args))));
      out.flush();
    }
  }
}
