package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.SparkSessions;
import io.logyard.job.StatusJob;
import io.logyard.sink.Tables;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
        "Show the ledger: lots, their states and line counts, totals per source.",
        "",
        "Show the ledger: every lot with its state and line counts, then totals per source. "
            + "A lot in state 'pending' was cut short and is finished by the next run; 'empty' is a run "
            + "that found nothing new."})
final class StatusCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(names = "--lot", paramLabel = "LOT", description = "List the objects of one lot instead.")
  String lot;

  @Option(names = "--json", description = "One JSON object per row instead of tables.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard status");
    PrintWriter out = spec.commandLine().getOut();
    Dataset<Row> ledger = StatusJob.ledger(spark, new Tables(config));
    if (ledger == null) {
      out.println("no ledger under " + config.warehouse().path() + " yet: nothing has run.");
      out.flush();
      return 0;
    }
    if (lot != null) {
      print(StatusJob.objects(ledger, lot), out);
      return 0;
    }
    if (!json) out.println("Lots:");
    print(StatusJob.lots(ledger), out);
    if (!json) out.println("\nSources (committed objects):");
    print(StatusJob.sources(ledger), out);
    return 0;
  }

  private void print(Dataset<Row> df, PrintWriter out) {
    if (json) {
      TablePrinter.json(df, Integer.MAX_VALUE, out);
    } else {
      TablePrinter.table(df, 10_000, out);
    }
  }
}
