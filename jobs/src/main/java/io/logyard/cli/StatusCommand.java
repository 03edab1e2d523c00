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
        "Show the ledger: the newest lots (20 unless --lots says otherwise) and every lot not "
            + "finished, with their states and line counts, then per source the objects committed "
            + "in those lots. Only the files of those lots are read, so it answers in seconds however "
            + "long the ledger's history; --all shows every lot and totals over the whole history, "
            + "which reads the whole ledger (minutes for tens of millions of objects). A lot in state "
            + "'pending' was cut short and is finished by the next run; 'empty' is a run that found "
            + "nothing new."})
final class StatusCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(names = "--lot", paramLabel = "LOT", description = "List the objects of one lot instead.")
  String lot;

  @Option(names = "--lots", paramLabel = "N", defaultValue = "20",
      description = "How many of the newest lots to show (default: ${DEFAULT-VALUE}); lots not finished are always shown.")
  int lots;

  @Option(names = "--all", description = "Every lot, and per source the totals of the whole history (reads the whole ledger).")
  boolean all;

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
    if (lots < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--lots must be at least 1, got " + lots);
    }
    StatusJob.Shown shown = all ? new StatusJob.Shown(StatusJob.lots(ledger), ledger)
        : StatusJob.shown(spark, new Tables(config).path(io.logyard.sink.TableSchemas.LEDGER), lots);
    if (!json) out.println(all ? "Lots:" : "Lots (the newest " + lots + " and any not finished; --all for every lot):");
    print(shown.lots(), out);
    if (!json) out.println(all ? "\nSources (committed objects):" : "\nSources (objects committed in these lots):");
    print(StatusJob.sources(shown.rows()), out);
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
