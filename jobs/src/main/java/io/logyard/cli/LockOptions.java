package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.sink.Tables;
import io.logyard.sink.WarehouseLock;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** How long a command waits for the warehouse lock (see {@link WarehouseLock}) another run holds. */
final class LockOptions {
  @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0",
      description = "Wait up to this long for another run holding the warehouse to finish (default: refuse at once).")
  long waitSeconds;

  /** The clock every lock time comes from. */
  Clock clock = Clock.systemUTC();

  /**
   * Takes the warehouse's locks for {@code command}: the warehouse and every source's, or with
   * {@code onlySources} (an ingest of some sources) only those sources'.
   */
  WarehouseLock acquire(LogyardConfig config, SparkSession spark, String command, List<String> onlySources, PrintWriter out) {
    if (waitSeconds < 0) throw new IllegalArgumentException("--lock-wait: not a number of seconds: " + waitSeconds);
    boolean exclusive = onlySources.isEmpty();
    List<String> sources = exclusive ? config.sources().stream().map(LogyardConfig.Source::name).toList() : onlySources;
    return WarehouseLock.acquire(new Tables(config).root(), spark.sparkContext().hadoopConfiguration(),
        WarehouseLock.names(exclusive, sources), "", command, clock, Duration.ofSeconds(waitSeconds),
        WarehouseLock.DEFAULT_TTL, line -> {
          out.println(line);
          out.flush();
        });
  }
}
