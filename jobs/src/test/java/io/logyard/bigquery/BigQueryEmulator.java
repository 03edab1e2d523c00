package io.logyard.bigquery;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The BigQuery emulator {@code bqemulator} (PyPI; REST plus the Storage Read/Write gRPC APIs,
 * backed by DuckDB), started on 127.0.0.1 for one test class and stopped after it. It runs from
 * the virtual environment {@code make bigquery-emulator} builds in {@code .tools/bqemulator}, through
 * {@code bqemulator_offline.py}, which only skips loading DuckDB's spatial extension (GEOGRAPHY;
 * it is downloaded at start-up, and this machine reaches no extension repository).
 */
final class BigQueryEmulator implements AutoCloseable {
  final int restPort;
  final int grpcPort;
  final String project;
  private final Process process;
  private final Path log;

  private BigQueryEmulator(Process process, int restPort, int grpcPort, String project, Path log) {
    this.process = process;
    this.restPort = restPort;
    this.grpcPort = grpcPort;
    this.project = project;
    this.log = log;
  }

  String restEndpoint() {
    return "http://127.0.0.1:" + restPort;
  }

  /** The emulator's virtual environment: {@code logyard.bqemulator} (set by the build), else {@code .tools/bqemulator}. */
  static Path home() {
    String p = System.getProperty("logyard.bqemulator");
    return p != null ? Path.of(p) : Path.of("..", ".tools", "bqemulator").toAbsolutePath().normalize();
  }

  /**
   * Starts the emulator.
   *
   * @param gcsRoot local directory that {@code gs://bucket/path} URIs of load jobs resolve under
   *     ({@code <gcsRoot>/bucket/path}), or null
   */
  static BigQueryEmulator start(String project, Path work, Path gcsRoot) throws IOException, InterruptedException {
    Path venv = home();
    Path python = venv.resolve("bin/python");
    Path launcher = venv.resolve("bqemulator_offline.py");
    if (!Files.isExecutable(python) || !Files.exists(launcher)) {
      throw new IllegalStateException("the BigQuery emulator is not installed under " + venv + ": run 'make bigquery-emulator' (make test does)");
    }
    int rest = freePort(), grpc = freePort();
    Path log = work.resolve("bqemulator.log");
    List<String> cmd = new ArrayList<>(List.of(python.toString(), launcher.toString(), "start",
        "--rest-host", "127.0.0.1", "--rest-port", String.valueOf(rest),
        "--grpc-host", "127.0.0.1", "--grpc-port", String.valueOf(grpc),
        "--project", project, "--ephemeral", "--log-level", "warning", "--log-format", "console"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", work.toString());
    if (gcsRoot != null) env.put("BQEMU_GCS_LOCAL_ROOT", gcsRoot.toString());
    Process p = pb.start();
    BigQueryEmulator emu = new BigQueryEmulator(p, rest, grpc, project, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(listening(rest) && listening(grpc))) {
      if (!p.isAlive()) throw new IllegalStateException("bqemulator exited at start-up:\n" + Files.readString(log));
      if (System.nanoTime() > deadline) {
        emu.close();
        throw new IllegalStateException("bqemulator did not listen within 120 s:\n" + Files.readString(log));
      }
      Thread.sleep(250);
    }
    return emu;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
