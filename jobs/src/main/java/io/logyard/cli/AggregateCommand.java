package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.PipelineStages;
import io.logyard.job.PrivacySetup;
import io.logyard.job.Progress;
import io.logyard.job.SparkSessions;
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
        "Stage 3 of 3: recompute log_aggregates for every window the lot's objects touched (late data",
        "corrects its window) and mark the lot done. Fails if objects of the lot are not ingested yet."})
final class AggregateCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

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
    var stages = new PipelineStages(spark, config, PrivacySetup.anonymizer(config.privacy(), System.getenv()), new Progress(out, false),
        clockOption.clock());
    PipelineStages.Aggregated a = stages.aggregate(lotId);
    out.printf("%s: %d aggregate rows in %d windows; lot done%n", lotId, a.rows(), a.windows());
    out.flush();
    return 0;
  }
}
