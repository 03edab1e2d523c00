package io.logyard.cli;

import io.logyard.config.ConfigException;
import io.logyard.config.Masking;
import io.logyard.privacy.LogText;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/** Entry point of {@code bin/logyard} and of {@code spark-submit logyard-jobs.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = execute(args);
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    System.exit(code);
  }

  /** Runs one command and returns its exit code; leaves any SparkSession running (tests share one). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new LogyardCommand());
    // every error goes out scrubbed and masked: a message may quote input, a setting or a URL
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      if (ex instanceof ConfigException) {
        err.println(safe(ex.getMessage()));
        return 2;
      }
      if (ex instanceof IllegalArgumentException) {
        err.println(safe("logyard " + cmd.getCommandName() + ": " + ex.getMessage()));
        return 2;
      }
      err.println(safe("logyard " + cmd.getCommandName() + " failed: " + describe(ex)));
      if (System.getenv("LOGYARD_DEBUG") != null) {
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        err.print(safe(trace.toString()));
      } else {
        err.println("(set LOGYARD_DEBUG=1 for the stack trace)");
      }
      err.flush();
      return 1;
    });
    return cl.execute(args);
  }

  /** Secrets masked, addresses and e-mail addresses scrubbed as in the data. */
  static String safe(String message) {
    return Masking.mask(LogText.scrub(message));
  }

  private static String describe(Throwable ex) {
    StringBuilder b = new StringBuilder(String.valueOf(ex.getMessage()));
    Throwable c = ex.getCause();
    while (c != null && c != ex) {
      if (c.getMessage() != null && !b.toString().contains(c.getMessage())) b.append(": ").append(c.getMessage());
      ex = c;
      c = c.getCause();
    }
    return b.toString();
  }
}
