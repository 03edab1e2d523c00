package io.logyard.job;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines of a long-running command, timestamped, on the stream the command was given. */
public final class Progress {
  private final PrintWriter out;
  private final boolean quiet;

  public Progress(PrintWriter out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  public void say(String format, Object... args) {
    if (!quiet) {
      out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, args));
      out.flush();
    }
  }
}
