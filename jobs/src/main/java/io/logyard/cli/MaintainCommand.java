package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.MaintainJob;
import io.logyard.job.SparkSessions;
import io.logyard.pipeline.Progress;
import io.logyard.sink.TableSchemas;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = {
        "Retention, compaction (OPTIMIZE) and VACUUM of the Delta tables.",
        "",
        "Housekeeping of the Delta tables, one table at a time: delete rows older than the table's "
            + "retention (config 'retention:', days per table; a privacy requirement), compact small files "
            + "(OPTIMIZE), and VACUUM files no longer referenced. The Parquet copies lose the same old date "
            + "partitions. Prints what it did; with --dry-run, what it would do, changing nothing."})
final class MaintainCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Mixin ClockOption clockOption;

  @Option(names = "--retention-days", paramLabel = "TABLE=DAYS",
      description = "Override the configured retention of one table, e.g. --retention-days log_results=30. Repeatable.")
  Map<String, Integer> retentionDays = new LinkedHashMap<>();

  @Option(names = "--dry-run", description = "Count what would be deleted and compacted; change nothing.")
  boolean dryRun;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    Map<String, Integer> retention = new LinkedHashMap<>(config.retention());
    retentionDays.forEach((table, days) -> {
      if (!TableSchemas.TABLES.contains(table) || table.equals(TableSchemas.LEDGER)) {
        throw new IllegalArgumentException("--retention-days " + table + ": retention applies to log_results, log_aggregates, "
            + "emergency_logs and quarantine");
      }
      if (days < 1) throw new IllegalArgumentException("--retention-days " + table + "=" + days + ": keep at least 1 day");
      retention.put(table, days);
    });
    PrintWriter out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard maintain");
    LocalDate asOf = LocalDate.now(clockOption.clock().withZone(ZoneOffset.UTC));
    if (dryRun) out.println("dry run: nothing is changed");
    var reports = MaintainJob.run(spark, config, new MaintainJob.Options(Map.copyOf(retention), dryRun, asOf), new Progress(out, false));
    out.printf("%-15s %9s %12s %10s %14s %9s%n", "table", "retention", dryRun ? "rows to del." : "rows deleted", "files", "compacted", "vacuumed");
    for (MaintainJob.Report r : reports) {
      if (!r.exists()) {
        out.printf("%-15s (not created yet)%n", r.table());
        continue;
      }
      out.printf("%-15s %9s %12d %10d %14s %9d%n", r.table(), r.retentionDays() == null ? "keep all" : r.retentionDays() + " d",
          r.rowsDeleted(), r.filesBefore(), dryRun ? "-" : r.filesRemoved() + " -> " + r.filesAdded(), r.filesVacuumed());
    }
    out.flush();
    return 0;
  }
}
