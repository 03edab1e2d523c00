package io.logyard.it;

import io.logyard.Cli;


/** A logyard command run in the test JVM (bin/logyard's way: Hadoop 3.4.2, local Spark). */
final class InProcess {
  private InProcess() {}

  /** Runs the command; returns what it printed, failing the test unless it exits 0. */
  static String cli(String... args) {
    return Cli.run(0, args);
  }
}
