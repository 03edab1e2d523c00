package io.logyard.bigquery;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * The GCS emulator {@code gcp-storage-emulator} (PyPI) on 127.0.0.1, started through
 * {@code gcs_emulator_compat.py} (two fidelity fixes the GCS Hadoop connector needs: JSON 404
 * bodies and directory markers), storing objects as plain
 * files under {@code <dir>/gcs/<bucket>/<object>}: the BigQuery emulator's load jobs read
 * {@code gs://} URIs from that directory, which is how the connector's indirect write path
 * (Parquet files to a bucket, then a load job) runs end to end here.
 */
final class GcsEmulator implements AutoCloseable {
  final int port;
  final Path root;
  private final Process process;

  private GcsEmulator(Process process, int port, Path root) {
    this.process = process;
    this.port = port;
    this.root = root;
  }

  static GcsEmulator start(Path dir, String bucket) throws IOException, InterruptedException {
    Path python = BigQueryEmulator.home().resolve("bin/python");
    Path launcher = BigQueryEmulator.home().resolve("gcs_emulator_compat.py");
    if (!Files.isExecutable(BigQueryEmulator.home().resolve("bin/gcp-storage-emulator")) || !Files.exists(launcher)) {
      throw new IllegalStateException("the GCS emulator is not installed under " + BigQueryEmulator.home()
          + ": run 'make bigquery-emulator' (make test does)");
    }
    int port = BigQueryEmulator.freePort();
    Path log = dir.resolve("gcs-emulator.log");
    ProcessBuilder pb = new ProcessBuilder(List.of(python.toString(), launcher.toString(), "start", "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--default-bucket", bucket)).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("STORAGE_BASE", dir.toString());
    pb.environment().put("STORAGE_DIR", "gcs");
    Process p = pb.start();
    GcsEmulator emu = new GcsEmulator(p, port, dir.resolve("gcs"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException e) {
        if (!p.isAlive()) throw new IllegalStateException("gcp-storage-emulator exited at start-up:\n" + Files.readString(log));
        if (System.nanoTime() > deadline) {
          emu.close();
          throw new IllegalStateException("gcp-storage-emulator did not listen within 60 s:\n" + Files.readString(log));
        }
        Thread.sleep(250);
      }
    }
    return emu;
  }

  /** The GCS connector's settings for this emulator (STACK.md: custom endpoint, no auth). */
  void configure(Configuration hadoop, String project) {
    hadoop.set("fs.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem");
    hadoop.set("fs.AbstractFileSystem.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS");
    hadoop.set("fs.gs.storage.root.url", "http://127.0.0.1:" + port + "/");
    hadoop.set("fs.gs.storage.service.path", "storage/v1/");
    hadoop.set("fs.gs.project.id", project);
    hadoop.set("fs.gs.auth.service.account.enable", "false");
    hadoop.set("fs.gs.auth.null.enable", "true");
    hadoop.setBoolean("fs.gs.impl.disable.cache", false);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }
}
