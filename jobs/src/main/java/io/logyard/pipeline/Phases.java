package io.logyard.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Where a command's time went: seconds per phase of the pipeline, and the Spark jobs it ran
 * (counted by a listener on the session). Printed at the end of {@code run}, read by
 * {@code make bench}.
 */
public final class Phases {
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final AtomicInteger jobs = new AtomicInteger();
  private long mark = System.nanoTime();


  /**
   * Counts the Spark jobs of {@code spark} from now on; the first phase ended is timed from the
   * JVM's start (so it holds the JVM's and the session's start-up).
   */
  public Phases(SparkSession spark) {
    long sinceJvmStart = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    mark = System.nanoTime() - sinceJvmStart * 1_000_000L;
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    });
  }

  /** Phases without a session (nothing counted). */
  public Phases() {}

  /** Ends the phase that started at the previous call (or at creation) and names it. */
  public void end(String phase) {
    long now = System.nanoTime();
    seconds.merge(phase, (now - mark) / 1e9, Double::sum);
    mark = now;
  }

  /** Restarts the clock without naming what went before. */
  public void restart() {
    mark = System.nanoTime();
  }

  public int sparkJobs() {
    return jobs.get();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    seconds.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format("%.1f s", v)));
    return b.toString();
  }
}
