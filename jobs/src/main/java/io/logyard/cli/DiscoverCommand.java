package io.logyard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logyard.config.LogyardConfig;
import io.logyard.job.PipelineStages;
import io.logyard.job.PrivacySetup;
import io.logyard.job.Progress;
import io.logyard.job.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
        "Stage 1 of 3: record the new objects of every source (or those modified in the data interval)",
        "as a lot in the ledger, without reading them. Prints the lot as one JSON line; --manifest",
        "writes the same JSON to a file (the Airflow DAG reads it). Then: ingest, aggregate."})
final class DiscoverCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Mixin ClockOption clockOption;

  @ArgGroup(exclusive = false)
  StageOptions stage;

  @Option(names = "--manifest", paramLabel = "FILE", description = "Also write the lot as JSON to FILE.")
  Path manifest;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    LogyardConfig config = configOptions.load();
    var interval = stage == null ? null : stage.interval();
    PrintWriter out = spec.commandLine().getOut();
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard discover");
    var stages = new PipelineStages(spark, config, PrivacySetup.anonymizer(config.privacy(), System.getenv()), new Progress(out, false),
        clockOption.clock());
    PipelineStages.Plan plan = stages.discover(interval);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("lot_id", plan.lotId());
    json.put("state", plan.empty() ? "empty" : plan.resumed() ? "resumed" : "pending");
    json.put("objects", plan.objects());
    json.put("waiting", plan.waiting());
    String text = new ObjectMapper().writeValueAsString(json);
    if (manifest != null) {
      if (manifest.getParent() != null) Files.createDirectories(manifest.getParent());
      Files.writeString(manifest, text + "\n");
    }
    out.println(text);
    out.flush();
    return 0;
  }
}
