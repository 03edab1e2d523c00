package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.PrivacySetup;
import io.logyard.job.SparkSessions;
import io.logyard.pipeline.Ingested;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Progress;
import io.logyard.sink.WarehouseLock;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {
        "Stage 2 of 3: parse a lot into log_results, quarantine, emergency_logs.",
        "",
        "Stage 2 of 3: read, parse and anonymize the lot's objects not yet ingested, and replace their "
            + "rows in log_results, quarantine and emergency_logs. With --source, only those sources' objects "
            + "(ingest tasks of different sources may run at the same time). Then: aggregate."})
final class IngestCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Mixin LockOptions lockOptions;

  @Mixin ClockOption clockOption;

  @ArgGroup(exclusive = false, multiplicity = "1")
  LotOptions lot;

  @Option(names = "--source", paramLabel = "NAME", split = ",", description = "Only this source's objects. Repeatable.")
  List<String> sources = List.of();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    String lotId = lot.lotId();
    PrintWriter out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard ingest");
    Ingested i;
    try (WarehouseLock lock = lockOptions.acquire(config, spark, "ingest", sources, out)) {
      LotRun run = LotRun.open(spark, config, new Progress(out, false), clockOption.clock());
      lock.runId(run.runId());
      i = run.ingest(lotId, PrivacySetup.anonymizer(config.privacy(), System.getenv())).sources(new LinkedHashSet<>(sources)).execute();
    }
    out.printf("%s: %d objects, %d lines read = %d parsed + %d quarantined + %d skipped; %d emergencies%n",
        lotId, i.objects(), i.linesRead(), i.parsed(), i.quarantined(), i.skipped(), i.emergencies());
    out.flush();
    return 0;
  }
}
