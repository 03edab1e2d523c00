package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.SparkSessions;
import io.logyard.pipeline.Aggregated;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Progress;
import io.logyard.sink.WarehouseLock;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = {
        "Stage 3 of 3: recompute log_aggregates for a lot's windows.",
        "",
        "Stage 3 of 3: recompute log_aggregates for every window the lot's objects touched (late data "
            + "corrects its window) and mark the lot done. Fails if objects of the lot are not ingested yet."})
final class AggregateCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Mixin LockOptions lockOptions;

  @Mixin ClockOption clockOption;

  @ArgGroup(exclusive = false, multiplicity = "1")
  LotOptions lot;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    String lotId = lot.lotId();
    PrintWriter out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard aggregate");
    Aggregated a;
    try (WarehouseLock lock = lockOptions.acquire(config, spark, "aggregate", java.util.List.of(), out)) {
      // reads no log line: no pseudonymization key needed
      LotRun run = LotRun.open(spark, config, new Progress(out, false), clockOption.clock());
      lock.runId(run.runId());
      a = run.aggregate(lotId).execute();
    }
    out.printf("%s: %d aggregate rows in %d windows; lot done%n", lotId, a.rows(), a.windows());
    out.flush();
    return 0;
  }
}
