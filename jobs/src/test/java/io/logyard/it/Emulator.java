package io.logyard.it;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A storage emulator the test suite runs as a process on 127.0.0.1, and stops. */
final class Emulator implements AutoCloseable {
  private final Process process;
  private final String name;
  final int port;
  final Path log;

  private Emulator(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The emulators {@code make tools} installs, under {@code .tools} at the repository root. */
  static Path tool(String relative) {
    Path tools = Path.of(System.getProperty("logyard.tools", "../.tools"));
    Path p = tools.resolve(relative);
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p.toAbsolutePath() + " is missing: run `make tools` first (it installs the storage emulators)");
    }
    return p;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts {@code command} (which listens on {@code port}) and waits until the port answers. */
  static Emulator start(String name, List<String> command, int port, Path workDir) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path log = workDir.resolve(name + ".log");
    Process p = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Emulator e = new Emulator(name, p, port, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return e;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    e.close();
    throw new IllegalStateException(name + " did not listen on 127.0.0.1:" + port + " within 60 s:\n" + Files.readString(log));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " on 127.0.0.1:" + port + " (log " + log + ")";
  }

  static File devNull() {
    return new File("/dev/null");
  }
}
