package io.logyard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logyard.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A logyard command run in the test JVM, its standard output and error captured (and echoed to the test's). */
public final class Cli {
  private Cli() {}

  /** What a command returned and printed. */
  public record Result(int code, String out, String err) {}

  /** Runs the command and returns its exit code and what it printed to each stream. */
  public static Result capture(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    oldOut.print(r.out());
    oldErr.print(r.err());
    return r;
  }

  /** Runs the command; returns what it printed, failing the test unless it exits {@code expectedExit}. */
  public static String run(int expectedExit, String... args) {
    Result r = capture(args);
    assertEquals(expectedExit, r.code(), () -> String.join(" ", args) + " printed:\n" + r.out());
    return r.out();
  }
}
