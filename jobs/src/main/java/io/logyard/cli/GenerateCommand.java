package io.logyard.cli;

import io.logyard.generate.GenerationSummary;
import io.logyard.generate.GeneratorOptions;
import io.logyard.generate.LogGenerator;
import io.logyard.generate.LogKind;
import io.logyard.generate.Provider;
import io.logyard.generate.ProviderLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code logyard generate}: writes realistic sample logs for the demo and the tests, laid out the
 * way each provider's object storage holds them. Thin: options → {@link GeneratorOptions} →
 * {@link LogGenerator} → summary.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
      "Writes realistic sample logs laid out the way each cloud provider stores them.",
      "",
      "Every node writes two kinds of log, rotated every " + ProviderLayout.ROTATION_MINUTES
          + " minutes (one file per node, kind and",
      "window), gzip and plain files mixed:",
      "  access  Apache combined access log: IPv4/IPv6 clients, methods, endpoints, statuses,",
      "          sizes, referrers, user agents",
      "  app     JSON application log, one object per line: @timestamp, event_id, service, level,",
      "          message, node metadata (node, hostname, provider, region, public_ip, private_ip,",
      "          version)",
      "With --kinds, AWS also gets what AWS itself delivers to the bucket, gzip'd and named as AWS",
      "names it (the date folders and the time in the name are the end of the interval):",
      "  alb         Application Load Balancer access logs of a load balancer in front of the",
      "              nodes, one file per load balancer node and 5-minute interval",
      "  cloudtrail  CloudTrail log files of the account: one {\"Records\":[...]} document per",
      "              5-minute interval (their \"lines\" in the summary are records)",
      "GCP and Azure get what their logging services archive, one plain object per hour:",
      "  gcp-logging    Cloud Logging sink export (LogEntry JSON lines) of the load balancer's",
      "                 request log and the Admin Activity audit log; names hold ':'",
      "  azure-monitor  Azure Monitor resource logs of the storage account (StorageRead,",
      "                 StorageWrite), one JSON record per line in PT1H.json",
      "A share of lines is malformed on purpose (truncated, binary junk, cut JSON, bad dates, empty",
      "lines, lines of another format); some events are CRITICAL/EMERGENCY or [SECURITY] incidents;",
      "some messages hold IP addresses, e-mails and secrets for the privacy stage to scrub.",
      "The same options and seed always write the same bytes.",
      ""
    },
    footer = {
      "",
      "Layout under DIR ({kind} = access or app; {time} = the file's first minute as yyyyMMdd'T'HHmm,",
      "UTC, which is its window start unless --start falls mid-window; files end in .log or .log.gz):",
      "  aws    " + ProviderLayout.AWS_PATH_TEMPLATE,
      "  aws alb        " + ProviderLayout.AWS_ALB_PATH_TEMPLATE,
      "  aws cloudtrail " + ProviderLayout.AWS_CLOUDTRAIL_PATH_TEMPLATE,
      "  gcp    " + ProviderLayout.GCP_PATH_TEMPLATE,
      "  gcp gcp-logging     " + ProviderLayout.GCP_LOGGING_PATH_TEMPLATE,
      "         (project " + ProviderLayout.GCP_PROJECT + ", " + ProviderLayout.GCP_REGION + ")",
      "  azure  " + ProviderLayout.AZURE_PATH_TEMPLATE,
      "  azure azure-monitor " + ProviderLayout.AZURE_MONITOR_PATH_TEMPLATE,
      "         (storage account " + ProviderLayout.AZURE_ACCOUNT + ", "
          + ProviderLayout.AZURE_REGION + ")",
      "  oci    " + ProviderLayout.OCI_PATH_TEMPLATE,
      "         (namespace " + ProviderLayout.OCI_NAMESPACE + ", " + ProviderLayout.OCI_REGION
          + ")",
      "",
      "Example: logyard generate --out var/sample-logs --providers aws,gcp --minutes 60",
      "         logyard generate --out var/landing --kinds access,app,alb,cloudtrail"
    })
public final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write into (created if missing; other files are left alone).")
  Path out;

  @Option(
      names = "--providers",
      split = ",",
      paramLabel = "PROVIDER",
      defaultValue = "aws,gcp,azure,oci",
      converter = ProviderConverter.class,
      description = "Comma-separated providers among aws, gcp, azure, oci. Default: ${DEFAULT-VALUE}.")
  List<Provider> providers;

  @Option(
      names = "--start",
      paramLabel = "ISO-TIME",
      defaultValue = "2026-11-20T10:00:00Z",
      converter = StartConverter.class,
      description = {
        "First instant covered, ISO-8601 with Z or an offset; a local date-time or a date is"
            + " taken as UTC. Files rotate on 5-minute boundaries of the clock. Default:"
            + " ${DEFAULT-VALUE}."
      })
  Instant start;

  @Option(
      names = "--minutes",
      paramLabel = "N",
      defaultValue = "30",
      description = "Minutes of logs to write (at least 1). Default: ${DEFAULT-VALUE}.")
  int minutes;

  @Option(
      names = "--lines-per-minute",
      paramLabel = "N",
      defaultValue = "40",
      description =
          "Lines per minute for each node and each kind of log (at least 1). Default:"
              + " ${DEFAULT-VALUE}.")
  int linesPerMinute;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Random seed; the same seed and options write the same bytes. Default:"
          + " ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--malformed-rate",
      paramLabel = "R",
      defaultValue = "0.01",
      description =
          "Share of lines, in [0,1], that are malformed (truncated, binary junk, cut JSON, bad"
              + " dates, empty, foreign lines). Default: ${DEFAULT-VALUE}.")
  double malformedRate;

  @Option(
      names = "--emergency-rate",
      paramLabel = "R",
      defaultValue = "0.005",
      description =
          "Share of application events, in [0,1], at level CRITICAL or EMERGENCY. Default:"
              + " ${DEFAULT-VALUE}.")
  double emergencyRate;

  @Option(
      names = "--security-rate",
      paramLabel = "R",
      defaultValue = "0.01",
      description =
          "Share of application events, in [0,1], that are [SECURITY] incidents. Default:"
              + " ${DEFAULT-VALUE}.")
  double securityRate;

  @Option(
      names = "--nodes-per-provider",
      paramLabel = "N",
      defaultValue = "2",
      description = "Nodes per provider (at least 1), named <provider>-node-<i>. Default:"
          + " ${DEFAULT-VALUE}.")
  int nodesPerProvider;

  @Option(
      names = "--kinds",
      split = ",",
      paramLabel = "KIND",
      defaultValue = "access,app",
      converter = KindConverter.class,
      description = "Comma-separated kinds of log among " + "access, app, alb, cloudtrail,"
          + " gcp-logging, azure-monitor (alb and cloudtrail: AWS only; gcp-logging: GCP only;"
          + " azure-monitor: Azure only). Default: ${DEFAULT-VALUE}.")
  List<LogKind> kinds;

  @Override
  public Integer call() {
    GeneratorOptions options;
    try {
      options = new GeneratorOptions(providers, start, minutes, linesPerMinute, seed,
          malformedRate, emergencyRate, securityRate, nodesPerProvider, kinds);
    } catch (IllegalArgumentException e) {
      // messages start with the option's name, e.g. "--minutes: must be at least 1, got -3"
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    GenerationSummary summary;
    try {
      summary = LogGenerator.generate(options, out);
    } catch (IOException | UncheckedIOException e) {
      spec.commandLine().getErr().println("generate: cannot write under " + out + ": " + e);
      return 1;
    }
    stdout.printf("Wrote %d files, %d lines (%d malformed), %d bytes under %s%n",
        summary.files().size(), summary.totalLines(), summary.malformedLines(), summary.bytes(),
        out.toAbsolutePath().normalize());
    stdout.printf("seed %d, %s + %d min, %d lines/min per node and kind, %d nodes per provider,"
        + " kinds %s%n", seed, start, minutes, linesPerMinute, nodesPerProvider,
        String.join(",", kinds.stream().map(LogKind::id).toList()));
    stdout.print(summary.report());
    stdout.flush();
    return 0;
  }

  /** Provider names, ignoring case, with a message listing the valid ones. */
  static final class ProviderConverter implements ITypeConverter<Provider> {
    @Override
    public Provider convert(String value) {
      try {
        return Provider.fromId(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Kinds of log by name, ignoring case, with a message listing the valid ones. */
  static final class KindConverter implements ITypeConverter<LogKind> {
    @Override
    public LogKind convert(String value) {
      try {
        return LogKind.fromId(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** ISO-8601 instants; an offset date-time, a local date-time or a date without zone is UTC. */
  static final class StartConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException notInstant) {
        try {
          return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
          try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
          } catch (DateTimeParseException notLocal) {
            try {
              return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
              throw new TypeConversionException(
                  "'" + value + "' is not an ISO-8601 time such as 2026-11-20T10:00:00Z");
            }
          }
        }
      }
    }
  }
}
