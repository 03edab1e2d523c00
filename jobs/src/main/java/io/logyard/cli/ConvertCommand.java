package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.job.ConvertJob;
import io.logyard.job.PrivacySetup;
import io.logyard.job.SparkSessions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {
        "Convert raw logs of one format to typed Parquet, one column per field.",
        "",
        "Reads every file below --input (plain or .gz), parses it with --format, applies the privacy "
            + "policy, and writes Parquet to --output (replacing it) with one typed column per field of the "
            + "format plus source_uri and line_number. Rejected lines go to --quarantine with their reason."})
final class ConvertCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(names = {"-f", "--format"}, required = true, paramLabel = "NAME", description = "The log format (see 'logyard parse --help').")
  String format;

  @Option(names = "--format-option", paramLabel = "KEY=VALUE", description = "A format option. Repeatable.")
  Map<String, String> formatOptions = new LinkedHashMap<>();

  @Option(names = "--input", required = true, paramLabel = "URI", description = "A file or a directory of files (local path or Hadoop URI).")
  String input;

  @Option(names = "--output", required = true, paramLabel = "URI", description = "Where the Parquet goes (replaced).")
  String output;

  @Option(names = "--quarantine", paramLabel = "URI", description = "Where rejected lines go. Default: OUTPUT_quarantine.")
  String quarantine;

  @Option(names = "--partition-by", paramLabel = "date", description = "Partition the output by the event's UTC date (Hive-style date=YYYY-MM-DD).")
  String partitionBy;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (partitionBy != null && !partitionBy.equals("date")) {
      throw new IllegalArgumentException("--partition-by: only 'date' is supported, found '" + partitionBy + "'");
    }
    LogFormat f = LogFormats.create(format, formatOptions);
    LogyardConfig config = configOptions.load();
    var anonymizer = PrivacySetup.anonymizer(config.privacy(), System.getenv());
    var spark = SparkSessions.getOrCreate(config.spark(), "logyard convert");
    String q = quarantine != null ? quarantine : output.replaceAll("/+$", "") + "_quarantine";
    ConvertJob.Result r = ConvertJob.run(spark, f, formatOptions, input, output, q, partitionBy != null, anonymizer);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%d files, %d lines = %d parsed + %d quarantined + %d skipped; Parquet in %s, rejected lines in %s%n",
        r.objects(), r.lines(), r.parsed(), r.quarantined(), r.skipped(), output, q);
    out.flush();
    return 0;
  }
}
