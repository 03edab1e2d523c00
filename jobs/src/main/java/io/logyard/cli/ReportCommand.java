package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.ReportJob;
import io.logyard.job.SparkSessions;
import io.logyard.sink.Tables;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
        "Print a short report of what the pipeline produced.",
        "",
        "Print a short report of the warehouse: rows per table and per provider, top endpoints, "
            + "emergencies, and quarantine reasons (numbers in reasons folded to N)."})
final class ReportCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "Rows in the top-N sections (default: ${DEFAULT-VALUE}).")
  int top;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard report");
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Dataset<Row>> sections = ReportJob.sections(spark, new Tables(config), top);
    if (sections.isEmpty()) {
      out.println("no tables under " + config.warehouse().path() + " yet: run 'logyard run' first");
      out.flush();
      return 0;
    }
    out.println("logyard report — warehouse " + config.warehouse().path());
    for (Map.Entry<String, Dataset<Row>> e : sections.entrySet()) {
      out.println();
      out.println("== " + e.getKey());
      TablePrinter.table(e.getValue(), 1000, out);
    }
    return 0;
  }
}
