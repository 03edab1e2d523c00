package io.logyard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

  @TempDir Path out;

  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    return cli.execute(args);
  }

  @Test
  void writesFilesAndPrintsASummary() throws IOException {
    int code = run("--out", out.toString(), "--providers", "aws,OCI", "--minutes", "10",
        "--lines-per-minute", "5", "--nodes-per-provider", "1", "--seed", "7",
        "--start", "2026-11-20T10:00:00Z");

    assertEquals(0, code, stderr.toString());
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(8, files.filter(Files::isRegularFile).count());
    }
    assertTrue(Files.isDirectory(out.resolve("aws/logyard-logs/AWSLogs/123456789012/us-east-1")));
    assertTrue(Files.isDirectory(out.resolve("oci/logyard-logs/app/2026-11-20")));
    String printed = stdout.toString();
    assertTrue(printed.contains("Wrote 8 files, 200 lines"), printed);
    assertTrue(printed.contains("aws") && printed.contains("oci") && printed.contains("total"),
        printed);
    assertTrue(printed.contains("malformed"), printed);
  }

  @Test
  void helpExplainsEveryOption() {
    assertEquals(0, run("--help"));
    String help = stdout.toString();
    for (String option : new String[] {"--out", "--providers", "--start", "--minutes",
        "--lines-per-minute", "--seed", "--malformed-rate", "--emergency-rate", "--security-rate",
        "--nodes-per-provider", "--kinds", "AWSLogs/123456789012/us-east-1",
        "AWSLogs/123456789012/CloudTrail/us-east-1", "gcp-logging", "azure-monitor",
        "{log}/{yyyy}/{mm}/{dd}/{hh}:00:00_{hh}:59:59_S0.json", "insights-logs-{category}"}) {
      assertTrue(help.contains(option), option + " in\n" + help);
    }
  }

  @Test
  void badOptionsExitWithTwoAndNameTheOption() {
    assertBad("--providers", "--out", out.toString(), "--providers", "aws,ibm");
    assertBad("--minutes", "--out", out.toString(), "--minutes", "-5");
    assertBad("--lines-per-minute", "--out", out.toString(), "--lines-per-minute", "0");
    assertBad("--malformed-rate", "--out", out.toString(), "--malformed-rate", "1.5");
    assertBad("--emergency-rate", "--out", out.toString(), "--emergency-rate", "-0.1");
    assertBad("--security-rate", "--out", out.toString(), "--security-rate", "abc");
    assertBad("--start", "--out", out.toString(), "--start", "yesterday");
    assertBad("--nodes-per-provider", "--out", out.toString(), "--nodes-per-provider", "0");
    assertBad("--out", "--minutes", "5");
  }

  @Test
  void kindsAddWhatAwsDeliversForAwsOnly() throws IOException {
    int code = run("--out", out.toString(), "--providers", "aws,gcp", "--minutes", "5",
        "--lines-per-minute", "4", "--nodes-per-provider", "1", "--kinds", "alb,CloudTrail");

    assertEquals(0, code, stderr.toString());
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of("elasticloadbalancing", "CloudTrail").stream().sorted().toList(),
          files.filter(Files::isRegularFile)
              .map(p -> out.relativize(p).getName(4).toString()).sorted().toList());
    }
    assertTrue(stdout.toString().contains("cloudtrail"), stdout.toString());
    assertBad("--kinds", "--out", out.toString(), "--kinds", "access,vpc");
  }

  @Test
  void kindsAddWhatGcpAndAzureArchiveForThemOnly() throws IOException {
    int code = run("--out", out.toString(), "--providers", "aws,gcp,azure", "--minutes", "5",
        "--lines-per-minute", "4", "--nodes-per-provider", "1", "--kinds",
        "gcp-logging,Azure-Monitor");

    assertEquals(0, code, stderr.toString());
    String azure = "azure/logyard/insights-logs-%s/resourceId=/SUBSCRIPTIONS/"
        + "6F1C2B3A-0000-4E5D-9C8B-7A6F5E4D3C2B/RESOURCEGROUPS/LOGYARD-DEMO/PROVIDERS/"
        + "MICROSOFT.STORAGE/STORAGEACCOUNTS/LOGYARDDEMO/BLOBSERVICES/DEFAULT/"
        + "y=2026/m=11/d=20/h=10/m=00/PT1H.json";
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of(azure.formatted("storageread"), azure.formatted("storagewrite"),
              "gcp/logyard-logs-gcp/cloudaudit.googleapis.com/activity/2026/11/20/"
                  + "10:00:00_10:59:59_S0.json",
              "gcp/logyard-logs-gcp/requests/2026/11/20/10:00:00_10:59:59_S0.json"),
          files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted()
              .toList());
    }
    assertTrue(stdout.toString().contains("gcp-logging"), stdout.toString());
  }

  private void assertBad(String option, String... args) {
    stderr.getBuffer().setLength(0);
    assertEquals(2, run(args), String.join(" ", args));
    assertTrue(stderr.toString().contains(option), option + " in: " + stderr);
  }
}
