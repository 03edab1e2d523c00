package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.PrivacySetup;
import io.logyard.job.RunJob;
import io.logyard.job.SparkSessions;
import io.logyard.pipeline.ExportLot;
import io.logyard.pipeline.Interval;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Phases;
import io.logyard.pipeline.Progress;
import io.logyard.privacy.Anonymizer;
import io.logyard.sink.WarehouseLock;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Run the pipeline once over whatever is new.",
        "",
        "Discovers new objects of every source, parses and "
            + "anonymizes them, writes log_results, quarantine, emergency_logs and log_aggregates, and records "
            + "the lot in the ledger. A run with nothing new records an empty lot and changes no other table. "
            + "A lot left unfinished by a killed run is finished first. "
            + "With --interval-start/--interval-end, the lot is the objects modified in that interval "
            + "(what the Airflow DAG does); running the same interval again replaces, never duplicates. "
            + "Discovery lists the date prefixes of the last discovery_lookback_days days (UTC); --since "
            + "lists from an earlier day on (a first run over a bucket's history, or after a pause). "
            + "--reprocess replays objects (by URI) or whole lots (by id) as a new lot: their rows replace "
            + "the ones they had. "
            + "Each finished lot is then exported to the configured outputs (outputs.parquet, bigquery)."})
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Mixin LockOptions lockOptions;

  @Mixin ClockOption clockOption;

  @ArgGroup(exclusive = false)
  StageOptions stage;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
  boolean quiet;

  @Option(names = "--since", paramLabel = "DATE",
      description = "List date prefixes from this day (YYYY-MM-DD, UTC) to today, instead of the lookback.")
  String since;

  @Option(names = "--reprocess", paramLabel = "URI|LOT", split = ",",
      description = "Replay these objects (URIs) or lots (ids) as a new lot, without duplicates. Repeatable.")
  List<String> reprocess = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LogyardConfig config = configOptions.load();
    var interval = stage == null ? null : stage.interval();
    var anonymizer = PrivacySetup.anonymizer(config.privacy(), System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard run");
    long started = System.currentTimeMillis();
    Progress progress = new Progress(out, quiet);
    LocalDate sinceDate;
    try {
      sinceDate = since == null ? null : LocalDate.parse(since);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--since: not a date (YYYY-MM-DD): '" + since + "'");
    }
    Phases phases = new Phases(spark);
    phases.end("start");
    try (WarehouseLock lock = lockOptions.acquire(config, spark, "run", List.of(), out)) {
      LotRun run = LotRun.open(spark, config, progress, clockOption.clock()).timing(phases);
      lock.runId(run.runId());
      run(config, spark, run, anonymizer, interval, sinceDate, progress, out);
      out.printf("phases: %s; spark jobs %d%n", phases, phases.sparkJobs());
      out.printf("run %s finished in %.1f s%n", run.runId(), (System.currentTimeMillis() - started) / 1000.0);
      out.flush();
    }
    return 0;
  }

  private void run(LogyardConfig config, org.apache.spark.sql.SparkSession spark, LotRun run, Anonymizer anonymizer,
      Interval interval, LocalDate sinceDate, Progress progress, PrintWriter out) {
    for (RunJob.Summary s : RunJob.run(run, anonymizer, interval, sinceDate, reprocess,
        ExportLot.anyOutput(config) ? lotId -> new ExportLot(spark, config, progress, lotId).execute() : lotId -> {})) {
      var i = s.ingested();
      out.printf("%s%s: %d objects, %d lines read = %d parsed + %d quarantined + %d skipped; %d emergencies; %d aggregate rows in %d windows%n",
          s.lotId(), s.empty() ? " (empty)" : s.resumed() ? " (resumed)" : "", s.objects(), i.linesRead(), i.parsed(),
          i.quarantined(), i.skipped(), i.emergencies(), s.aggregated().rows(), s.aggregated().windows());
    }
    out.flush();
  }
}
