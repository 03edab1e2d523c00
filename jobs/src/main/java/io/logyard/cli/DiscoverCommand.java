package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.job.LotManifest;
import io.logyard.job.SparkSessions;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Plan;
import io.logyard.pipeline.Progress;
import io.logyard.sink.WarehouseLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "discover", mixinStandardHelpOptions = true,
    description = {
        "Stage 1 of 3: record new objects as a lot in the ledger.",
        "",
        "Stage 1 of 3: record the new objects of every source (or those modified in the data interval) "
            + "as a lot in the ledger, without reading them. Prints the lot's manifest as one JSON line (lot id, "
            + "sources to ingest, table locations, exports: see LotManifest); --manifest writes it to a file "
            + "(the Airflow DAG reads it). Then: ingest, aggregate."})
final class DiscoverCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Mixin LockOptions lockOptions;

  @Mixin ClockOption clockOption;

  @ArgGroup(exclusive = false)
  StageOptions stage;

  @Option(names = "--manifest", paramLabel = "FILE", description = "Also write the lot's manifest (JSON) to FILE, a local path.")
  Path manifest;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    LogyardConfig config = configOptions.load();
    var interval = stage == null ? null : stage.interval();
    PrintWriter out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard discover");
    Plan plan;
    try (WarehouseLock lock = lockOptions.acquire(config, spark, "discover", java.util.List.of(), out)) {
      // reads no log line: no pseudonymization key needed
      LotRun run = LotRun.open(spark, config, new Progress(out, false), clockOption.clock());
      lock.runId(run.runId());
      plan = run.plan().interval(interval).execute();
    }
    String text = LotManifest.of(plan, interval, config).toJson();
    if (manifest != null) {
      if (manifest.getParent() != null) Files.createDirectories(manifest.getParent());
      // whole or not at all: a reader never sees half a manifest
      Path partial = manifest.resolveSibling(manifest.getFileName() + ".partial");
      Files.writeString(partial, text + "\n");
      Files.move(partial, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    out.println(text);
    out.flush();
    return 0;
  }
}
