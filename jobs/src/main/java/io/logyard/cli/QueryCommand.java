package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.QueryJob;
import io.logyard.job.SparkSessions;
import io.logyard.sink.Tables;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true,
    description = {
        "Run Spark SQL over the warehouse tables.",
        "",
        "Run Spark SQL over the warehouse. The tables are registered by name: log_results, "
            + "log_aggregates, emergency_logs, quarantine, ledger. "
            + "Example: logyard query \"SELECT provider, count(*) AS n FROM log_results GROUP BY provider\""})
final class QueryCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Parameters(index = "0", paramLabel = "SQL", description = "The query.")
  String sql;

  @Option(names = "--json", description = "One JSON object per row instead of a table.")
  boolean json;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Print at most N rows (default: ${DEFAULT-VALUE}).")
  int limit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard query");
    Dataset<Row> df = QueryJob.run(spark, new Tables(config), sql);
    if (json) {
      TablePrinter.json(df, limit, spec.commandLine().getOut());
    } else {
      TablePrinter.table(df, limit, spec.commandLine().getOut());
    }
    return 0;
  }
}
