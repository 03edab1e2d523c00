package io.logyard.cli;

import picocli.CommandLine.Command;

@Command(
    name = "logyard",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Batch log processing on Apache Spark: logs from object storage (S3, GCS, Azure, OCI, "
            + "local folders) parsed, anonymized and aggregated into Delta tables.",
        "",
        "Typical first steps:",
        "  logyard generate --out var/landing   sample logs for four providers",
        "  logyard run                          the pipeline over what is new",
        "  logyard status                       the ledger: lots, objects, counts",
        "  logyard query \"SELECT provider, count(*) FROM log_results GROUP BY provider\"",
        ""},
    subcommands = {GenerateCommand.class, RunCommand.class, StatusCommand.class, QueryCommand.class, ReportCommand.class,
        ParseCommand.class, ConvertCommand.class, FormatsCommand.class, ConfigKeysCommand.class, DiscoverCommand.class, IngestCommand.class,
        AggregateCommand.class, ExportCommand.class, MaintainCommand.class, BigQueryCommand.class},
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run 'logyard COMMAND --help' for a command's options."})
public final class LogyardCommand {}
