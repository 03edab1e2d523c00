package io.logyard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logyard.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A logyard command run in the test JVM, its standard output captured (and echoed to the test's). */
public final class Cli {
  private Cli() {}

  /** What a command returned and printed. */
  public record Result(int code, String out) {}

  /** Runs the command and returns its exit code and output. */
  public static Result capture(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute(args);
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    old.print(out);
    return new Result(code, out);
  }

  /** Runs the command; returns what it printed, failing the test unless it exits {@code expectedExit}. */
  public static String run(int expectedExit, String... args) {
    Result r = capture(args);
    assertEquals(expectedExit, r.code(), () -> String.join(" ", args) + " printed:\n" + r.out());
    return r.out();
  }
}
