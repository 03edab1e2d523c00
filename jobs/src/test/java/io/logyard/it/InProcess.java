package io.logyard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logyard.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A logyard command run in the test JVM (bin/logyard's way: Hadoop 3.4.2, local Spark). */
final class InProcess {
  private InProcess() {}

  /** Runs the command; returns what it printed, failing the test unless it exits 0. */
  static String cli(String... args) {
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
    System.out.println(out);
    assertEquals(0, code, () -> String.join(" ", args) + " printed:\n" + out);
    return out;
  }
}
