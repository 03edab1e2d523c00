package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.ExportJob;
import io.logyard.job.SparkSessions;
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
        "Export one finished lot from the Delta tables to the configured outputs: the Parquet copies",
        "(outputs.parquet.path) and BigQuery (bigquery.enabled). 'run' does this after each lot; use this",
        "command to re-export a lot (it replaces the lot's rows, never duplicates them) or to backfill an",
        "output enabled later."})
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
    boolean parquet = config.outputs().parquet().enabled() && (only == null || only.equals("parquet"));
    boolean bigquery = config.bigquery().enabled() && (only == null || only.equals("bigquery"));
    if (only != null && !only.equals("parquet") && !only.equals("bigquery")) {
      throw new IllegalArgumentException("--only: parquet or bigquery, found '" + only + "'");
    }
    if (!parquet && !bigquery) {
      throw new IllegalArgumentException("no output to export to: set outputs.parquet.path or bigquery.enabled in " + config.origin());
    }
    PrintWriter out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard export");
    long started = System.currentTimeMillis();
    ExportJob job = new ExportJob(spark, config, new Progress(out, false));
    ExportJob.Scope scope = job.scope(lotId);
    if (scope.empty()) {
      out.printf("%s: empty lot, nothing to export%n", lotId);
    } else {
      out.printf("%s: %d objects, %d windows, providers %s, dates %s%n", lotId, scope.uris().size(), scope.windows().size(),
          scope.providers(), scope.dates());
      if (parquet) job.parquet(scope);
      if (bigquery) job.bigQuery(scope);
    }
    out.printf("export of %s finished in %.1f s%n", lotId, (System.currentTimeMillis() - started) / 1000.0);
    out.flush();
    return 0;
  }
}
