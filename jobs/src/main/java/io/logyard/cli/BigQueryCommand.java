package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.BigQueryAdminJob;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bigquery", mixinStandardHelpOptions = true,
    description = {"The BigQuery export's dataset and tables (config section 'bigquery')."},
    subcommands = {BigQueryCommand.Setup.class, BigQueryCommand.Check.class})
final class BigQueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  static int print(List<BigQueryAdminJob.Line> report, PrintWriter out) {
    for (BigQueryAdminJob.Line l : report) {
      out.printf("%-4s  %-28s %s%n", l.status(), l.subject(), l.text());
    }
    boolean failed = BigQueryAdminJob.failed(report);
    long warnings = report.stream().filter(l -> l.status().equals("WARN")).count();
    out.println(failed ? "FAILED: see the FAIL lines above" : "all good" + (warnings > 0 ? " (" + warnings + " warnings)" : ""));
    out.flush();
    return failed ? 1 : 0;
  }

  static LogyardConfig load(ConfigOptions options) {
    LogyardConfig config = options.load();
    LogyardConfig.BigQuery bq = config.bigquery();
    if (bq.project() == null || bq.dataset() == null) {
      throw new IllegalArgumentException("set bigquery.project and bigquery.dataset in " + config.origin());
    }
    return config;
  }

  @Command(name = "setup", mixinStandardHelpOptions = true,
      description = {
          "Create the dataset (in bigquery.location) and every exported table that is missing, from "
              + "schemas/*.json: day partitions on event_date (expiring after the table's retention days, if set) "
              + "and clustering by provider. Existing tables get missing contract columns added; any other "
              + "difference is reported, not changed. Safe to run again."})
  static final class Setup implements Callable<Integer> {
    @Mixin ConfigOptions configOptions;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      return print(BigQueryAdminJob.setup(load(configOptions)), spec.commandLine().getOut());
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {
          "Check, changing nothing, that the export can work: credentials, the dataset and its location, "
              + "permission to run jobs and to write each table, and each table's schema against schemas/*.json "
              + "(schema drift). Exit status 1 when something would fail."})
  static final class Check implements Callable<Integer> {
    @Mixin ConfigOptions configOptions;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      return print(BigQueryAdminJob.check(load(configOptions)), spec.commandLine().getOut());
    }
  }
}
