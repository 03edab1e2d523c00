package io.logyard.cli;

import io.logyard.config.LogyardConfig;
import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.job.ParseJob;
import io.logyard.job.PrivacySetup;
import io.logyard.privacy.Anonymizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "parse", mixinStandardHelpOptions = true,
    description = {
        "Show what a parser makes of log files, one JSON object per line.",
        "",
        "Reads plain or .gz files (local paths or Hadoop URIs) and prints one JSON object per input line, "
            + "in input order: a parsed line with the log_results column names (timestamp in ISO-8601 UTC), "
            + "format-specific fields under \"attributes\"; a line the format rejects as "
            + "{\"line_number\": N, \"error\": \"<reason>\"}. The privacy policy of the configuration is applied "
            + "unless --raw. A summary goes to stderr. Exit 0 unless a file cannot be read."})
final class ParseCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  @Option(names = {"-f", "--format"}, required = true, paramLabel = "NAME", completionCandidates = FormatNames.class,
      description = "The log format: ${COMPLETION-CANDIDATES}; or a format you define (delimited, regex) with "
          + "--format-option. 'logyard formats' describes each one's fields.")
  String format;

  @Option(names = "--format-option", paramLabel = "KEY=VALUE", description = "A format option, e.g. --format-option timestamp=ts for json. Repeatable.")
  Map<String, String> formatOptions = new LinkedHashMap<>();

  @Option(names = "--raw", description = "Print the parsed values as they are, without the privacy policy.")
  boolean raw;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to parse.")
  List<String> files;

  @Spec CommandSpec spec;

  /** The built-in formats, for the help: the one list is {@link LogFormats#names()}. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return LogFormats.names().iterator();
    }
  }

  @Override
  public Integer call() throws IOException {
    LogFormat f = LogFormats.create(format, formatOptions);
    Anonymizer anonymizer = null;
    if (!raw) {
      LogyardConfig config = configOptions.load();
      anonymizer = PrivacySetup.anonymizer(config.privacy(), System.getenv());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String file : files) {
      ParseJob.Counts c = ParseJob.parse(f, file, anonymizer, out);
      err.printf("%s: %d lines, %d parsed, %d errors, %d skipped%n", file, c.lines(), c.parsed(), c.errors(), c.skipped());
      err.flush();
    }
    return 0;
  }
}
