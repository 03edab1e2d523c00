package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.PrivacySetup;
import io.logyard.job.Progress;
import io.logyard.job.RunJob;
import io.logyard.job.SparkSessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Run the pipeline once over whatever is new: discover new objects of every source, parse and",
        "anonymize them, write log_results, quarantine, emergency_logs and log_aggregates, and record",
        "the lot in the ledger. A run with nothing new records an empty lot and changes no table.",
        "A lot left unfinished by a killed run is finished first."})
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    var anonymizer = PrivacySetup.anonymizer(config.privacy(), System.getenv());
    var out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard run");
    RunJob.Summary s = new RunJob(spark, config, anonymizer, new Progress(out, quiet)).run();
    out.printf("%s %s: %d objects, %d lines read = %d parsed + %d quarantined + %d skipped; %d emergencies; %d aggregate rows in %d windows%n",
        s.lotId(), s.empty() ? "(empty)" : s.resumed() ? "(resumed)" : "", s.objects(), s.linesRead(), s.parsed(),
        s.quarantined(), s.skipped(), s.emergencies(), s.aggregateRows(), s.windows());
    out.flush();
    return 0;
  }
}
