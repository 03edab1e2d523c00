package io.logyard.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone master and workers on 127.0.0.1, each a JVM of its own started from a Spark
 * distribution by {@code bin/spark-standalone}; stopped (with every executor) on close.
 */
public final class StandaloneCluster implements AutoCloseable {
  private final Path dir;
  public final String url;

  private StandaloneCluster(Path dir, String url) {
    this.dir = dir;
    this.url = url;
  }

  public static StandaloneCluster start(Path dir, Path sparkHome, int workers) throws Exception {
    return start(dir, sparkHome, workers, 1, "2g");
  }

  /** {@code workers} workers of {@code cores} cores and {@code memory} (a JVM size: 2g) each. */
  public static StandaloneCluster start(Path dir, Path sparkHome, int workers, int cores, String memory) throws Exception {
    String out = script("start", dir.toString(), "--workers", String.valueOf(workers), "--cores", String.valueOf(cores),
        "--memory", memory, "--spark-home", sparkHome.toString());
    return new StandaloneCluster(dir, out.strip());
  }

  /** Kills worker {@code i} (1-based) and its executors with SIGKILL. */
  public void killWorker(int i) throws Exception {
    script("kill-worker", dir.toString(), String.valueOf(i));
  }

  @Override
  public void close() throws Exception {
    script("stop", dir.toString());
  }

  private static String script(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(SparkSubmit.ROOT.resolve("bin/spark-standalone").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("bin/spark-standalone " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }
}
