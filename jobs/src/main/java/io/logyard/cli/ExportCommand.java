package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.SparkSessions;
import io.logyard.pipeline.ExportLot;
import io.logyard.pipeline.Progress;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
        "Export a finished lot to the Parquet copies and BigQuery.",
        "",
        "Export one finished lot from the Delta tables to the configured outputs: the Parquet copies "
            + "(outputs.parquet.path) and BigQuery (bigquery.enabled). 'run' does this after each lot; use this "
            + "command to re-export a lot (it replaces the lot's rows, never duplicates them) or to backfill an "
            + "output enabled later."})
final class ExportCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @ArgGroup(exclusive = false, multiplicity = "1")
  LotOptions lot;

  @Option(names = "--only", paramLabel = "OUTPUT", description = "Export to one output only: parquet or bigquery.")
  String only;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    String lotId = lot.lotId();
    ExportLot.outputs(config, only); // refuses before starting Spark
    PrintWriter out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard export");
    long started = System.currentTimeMillis();
    ExportLot export = new ExportLot(spark, config, new Progress(out, false), lotId).only(only);
    ExportLot.Scope scope = export.scope();
    if (!scope.empty()) {
      out.printf("%s: %d objects, %d windows, providers %s, dates %s%n", lotId, scope.uris().size(), scope.windows().size(),
          scope.providers(), scope.dates());
    }
    export.execute();
    out.printf("export of %s finished in %.1f s%n", lotId, (System.currentTimeMillis() - started) / 1000.0);
    out.flush();
    return 0;
  }
}
