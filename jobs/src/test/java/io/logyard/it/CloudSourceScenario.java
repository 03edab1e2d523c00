package io.logyard.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.logyard.Cli;
import io.logyard.SparkTestSession;
import io.logyard.cli.Main;
import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import io.logyard.generate.GenerationSummary;
import io.logyard.generate.GeneratorOptions;
import io.logyard.generate.LogGenerator;
import io.logyard.generate.Provider;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import io.logyard.sink.WarehouseLock;
import io.logyard.source.Connectors;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One provider's source end to end against its emulator on 127.0.0.1: sample logs made by
 * {@link LogGenerator} for today (UTC) are uploaded through the connector, plus one object ten
 * days old that the date-prefix listing must never see; then, through {@code Main.execute}:
 * <ol>
 *   <li>a run reads them all; the tables hold the provider's rows and the ledger reconciles;
 *   <li>a new object is uploaded and a run with a settle time of an hour leaves it waiting: an
 *       empty lot, no table commit;
 *   <li>a run with no settle time reads only that object.
 * </ol>
 * Subclasses start the emulator and say how a source of their provider is configured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class CloudSourceScenario {
  protected Path dir;
  protected SparkSession spark;
  private Path conf;
  private Tables tables;
  private GenerationSummary initial;
  private GenerationSummary late;
  private Map<String, Long> versionsAfterFirstRun;
  protected final LocalDate today = LocalDate.now(ZoneOffset.UTC);

  /** The generator's provider whose layout the objects follow. */
  protected abstract Provider provider();

  /** Starts the emulator and creates the bucket (or container). */
  protected abstract void startStore() throws Exception;

  protected abstract void stopStore() throws Exception;

  /** Where the generator's provider root folder goes in the store, e.g. {@code s3a://logyard-logs/}. */
  protected abstract String bucketRoot();

  /** The {@code sources:} entries (YAML list items) reading the two kinds of logs under {@link #bucketRoot()}. */
  protected abstract String sourcesYaml();

  /** Whether this connector's listings carry etags. */
  protected abstract boolean listsEtags();

  /** The configuration the runs use (written before the first test). */
  protected Path conf() {
    return conf;
  }

  /** Writes {@code content} owner-only to a file under the test folder: a credentials reference. */
  protected Path secretFile(String name, String content) throws IOException {
    Path p = dir.resolve("secrets").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    return p;
  }

  @BeforeAll
  void setUp() throws Exception {
    dir = Files.createTempDirectory("logyard-" + getClass().getSimpleName());
    spark = SparkTestSession.get();
    startStore();
    conf = dir.resolve("logyard.yaml");
    Files.writeString(conf, """
        warehouse:
          path: %s
        pipeline:
          settle_seconds: 0
        privacy:
          hmac_key_file: %s
          hmac_key_create: true
        sources:
        %s""".formatted(dir.resolve("warehouse"), dir.resolve("secrets/hmac.key"), sourcesYaml().stripIndent().indent(2)));
    tables = new Tables(dir.resolve("warehouse").toString());
    Instant start = today.atStartOfDay(ZoneOffset.UTC).toInstant();
    initial = withOddlyNamedCopy(generate(dir.resolve("gen-initial"), start.plusSeconds(60), 11));
    upload(initial);
    upload(generate(dir.resolve("gen-old"), start.minusSeconds(10 * 86_400L), 12));
    late = generate(dir.resolve("gen-late"), start.plusSeconds(20 * 60), 13);
  }

  @AfterAll
  void tearDown() throws Exception {
    stopStore();
  }

  private GenerationSummary generate(Path out, Instant start, long seed) throws IOException {
    return generate(provider(), out, start, seed);
  }

  /** A few minutes of one node's logs of {@code provider}: two small files, about a tenth of the lines malformed. */
  static GenerationSummary generate(Provider provider, Path out, Instant start, long seed) throws IOException {
    return LogGenerator.generate(GeneratorOptions.defaults().withProviders(List.of(provider)).withStart(start)
        .withMinutes(4).withLinesPerMinute(5).withNodesPerProvider(1).withMalformedRate(0.1).withSeed(seed), out);
  }

  /**
   * {@code g} plus a copy of its first file under a name with every character a store allows and
   * Hadoop paths trip on: {@code :} (timestamps), space, {@code %}, {@code #}, {@code ?}, {@code +}, unicode.
   */
  static GenerationSummary withOddlyNamedCopy(GenerationSummary g) throws IOException {
    GenerationSummary.FileSummary f = g.files().get(0);
    int slash = f.relativePath().lastIndexOf('/');
    String name = f.relativePath().substring(slash + 1);
    String odd = f.relativePath().substring(0, slash + 1)
        + name.replaceFirst("^" + java.util.regex.Pattern.quote(f.node() + "-"), f.node() + "-ts 10:00:00_10:59:59 %41 #1 ?q=1 +ü日 ");
    Files.copy(g.out().resolve(f.relativePath()), g.out().resolve(odd));
    List<GenerationSummary.FileSummary> files = new java.util.ArrayList<>(g.files());
    files.add(new GenerationSummary.FileSummary(f.provider(), f.kind(), f.node(), odd, f.windowStart(), f.gzip(), f.lines(),
        f.malformedLines(), f.emergencyEvents(), f.securityEvents(), f.bytes()));
    return new GenerationSummary(g.out(), files);
  }

  private void upload(GenerationSummary g) throws IOException {
    upload(g, provider(), bucketRoot(), ConfigLoader.load(conf.toString(), Map.of()).sources().get(0));
  }

  /** Uploads every generated file through the connector, with {@code source}'s settings, below {@code bucketRoot}. */
  static void upload(GenerationSummary g, Provider provider, String bucketRoot, LogyardConfig.Source source) throws IOException {
    Configuration c = Connectors.configuration(new Configuration(), Connectors.hadoopSettings(source));
    try (FileSystem fs = Connectors.open(URI.create(bucketRoot), c)) {
      for (GenerationSummary.FileSummary f : g.files()) {
        String rel = f.relativePath().substring(provider.root().length() + 1);
        // streamed, not copyFromLocalFile: that one cannot name a key holding '%' or '#'
        try (var in = Files.newInputStream(g.out().resolve(f.relativePath()));
            var os = fs.create(new org.apache.hadoop.fs.Path(bucketRoot + rel), true)) {
          in.transferTo(os);
        }
      }
    }
  }

  protected String cli(int expectedExit, String... args) {
    return Cli.run(expectedExit, args);
  }

  protected String run(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "run";
    args[1] = "--conf";
    args[2] = conf.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return cli(0, args);
  }

  protected Dataset<Row> table(String name) {
    return spark.read().format("delta").load(tables.path(name));
  }

  private Map<String, Long> versions() {
    Map<String, Long> m = new HashMap<>();
    for (String t : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE, TableSchemas.EMERGENCY_LOGS, TableSchemas.LOG_AGGREGATES)) {
      m.put(t, DeltaTable.forPath(spark, tables.path(t)).history(1).select("version").first().getLong(0));
    }
    return m;
  }

  /**
   * After a run that read the objects of {@code g} as lot {@code lot}: each object has one ledger
   * row, done, in the source {@code sourceOf} names, that read every record, parsed all but the
   * planted malformed ones and quarantined exactly those; its parsed rows are in log_results, of
   * the source's format, and its quarantined records in quarantine.
   */
  protected void assertEveryRecordAccountedFor(String lot, GenerationSummary g,
      java.util.function.Function<GenerationSummary.FileSummary, String> sourceOf) {
    List<LogyardConfig.Source> sources = ConfigLoader.load(conf.toString(), Map.of()).sources();
    for (GenerationSummary.FileSummary f : g.files()) {
      String source = sourceOf.apply(f);
      String format = sources.stream().filter(s -> s.name().equals(source)).findFirst().orElseThrow().format();
      String uri = bucketRoot() + f.relativePath().substring(provider().root().length() + 1);
      Row ledger = table(TableSchemas.LEDGER).filter(col("lot_id").equalTo(lot).and(col("uri").equalTo(uri)))
          .selectExpr("count(*)", "min(source_name)", "min(state)", "sum(lines_read)", "sum(rows_parsed)",
              "sum(rows_quarantined)", "sum(lines_skipped)").first();
      String what = source + " " + uri;
      assertEquals(List.of(1L, source, "done"), List.of(ledger.getLong(0), ledger.getString(1), ledger.getString(2)), what);
      assertEquals(f.lines(), ledger.getLong(3), what + ": every record read");
      assertEquals(f.lines() - f.malformedLines(), ledger.getLong(4), what + ": every valid record parsed");
      assertEquals(f.malformedLines(), ledger.getLong(5), what + ": only the planted malformed records quarantined");
      assertEquals(0L, ledger.getLong(6), what);
      Dataset<Row> rows = table(TableSchemas.LOG_RESULTS).filter(col("source_uri").equalTo(uri));
      assertEquals(ledger.getLong(4), rows.count(), what + ": the parsed rows are in log_results");
      assertEquals(ledger.getLong(4), rows.select("event_id").distinct().count(), what);
      assertEquals(rows.count() == 0 ? List.of() : List.of(format),
          rows.select("source_format").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList(), what);
      assertEquals(ledger.getLong(5), table(TableSchemas.QUARANTINE).filter(col("source_uri").equalTo(uri)).count(), what);
    }
  }

  @Test
  @Order(1)
  void firstRunReadsTodaysObjectsAndReconciles() {
    String out = run();
    assertTrue(out.contains("lot-000001: " + initial.files().size() + " objects"), out);
    assertTrue(out.contains("date prefixes for " + today.minusDays(1) + ".." + today), out);

    Dataset<Row> lr = table(TableSchemas.LOG_RESULTS);
    assertEquals(List.of(provider().id()), lr.select("provider").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    Dataset<Row> ledger = table(TableSchemas.LEDGER).filter(col("lot_id").equalTo("lot-000001"));
    Row sums = ledger.selectExpr("sum(lines_read)", "sum(rows_parsed)", "sum(rows_quarantined)", "sum(lines_skipped)", "count(*)",
        "count(etag)", "min(state)", "max(state)").first();
    assertEquals(initial.totalLines(), sums.getLong(0), "every uploaded line is read, none of the old objects");
    assertEquals(sums.getLong(0), sums.getLong(1) + sums.getLong(2) + sums.getLong(3), "lines_read = parsed + quarantined + skipped");
    assertEquals(lr.count(), sums.getLong(1));
    assertEquals(table(TableSchemas.QUARANTINE).count(), sums.getLong(2));
    assertEquals(initial.files().size(), sums.getLong(4));
    assertEquals(listsEtags() ? sums.getLong(4) : 0L, sums.getLong(5), "etags recorded where the connector lists them");
    assertEquals("done", sums.getString(6));
    assertEquals("done", sums.getString(7));
    assertEquals(0, lr.filter(col("source_uri").startsWith(bucketRoot()).unary_$bang()).count(), "rows name the objects' URIs");
    assertEquals(lr.count(), lr.select("event_id").distinct().count());
    Row odd = ledger.filter(col("uri").contains("ts 10:00:00_10:59:59 %41 #1 ?q=1 +ü日 ")).select("state", "lines_read").first();
    assertEquals(List.of("done", initial.files().get(0).lines()), List.of(odd.getString(0), odd.getLong(1)),
        "an object whose key holds ':', ' ', '%', '#', '?', '+' and unicode is read whole");
    versionsAfterFirstRun = versions();
  }

  @Test
  @Order(2)
  void anObjectStillBeingWrittenWaitsAndNothingIsCommitted() throws IOException {
    upload(late);
    String out = run("--set", "pipeline.settle_seconds=3600");
    assertTrue(out.contains("lot-000002 (empty)"), out);
    assertTrue(out.contains("(" + late.files().size() + " objects still settling)"), out);
    assertEquals(versionsAfterFirstRun, versions(), "no table got a commit");
    assertEquals(1, table(TableSchemas.LEDGER).filter(col("lot_id").equalTo("lot-000002").and(col("state").equalTo("empty"))).count());
  }

  @Test
  @Order(4)
  void theWarehouseLockHoldsOnTheStore() {
    Configuration c = Connectors.configuration(new Configuration(),
        Connectors.hadoopSettings(ConfigLoader.load(conf.toString(), Map.of()).sources().get(0)));
    String warehouse = bucketRoot() + "warehouse-lock";
    List<String> names = WarehouseLock.names(true, List.of("a"));
    try (WarehouseLock held = WarehouseLock.acquire(warehouse, c, names, "run-a", "run", Clock.systemUTC(), Duration.ZERO,
        WarehouseLock.DEFAULT_TTL, s -> { })) {
      WarehouseLock.HeldException e = assertThrows(WarehouseLock.HeldException.class, () -> WarehouseLock.acquire(warehouse, c,
          names, "run-b", "run", Clock.systemUTC(), Duration.ZERO, WarehouseLock.DEFAULT_TTL, s -> { }));
      assertEquals("run-a", e.holder().runId());
    }
    WarehouseLock.acquire(warehouse, c, names, "run-c", "run", Clock.systemUTC(), Duration.ZERO, WarehouseLock.DEFAULT_TTL,
        s -> { }).close();
  }

  @Test
  @Order(3)
  void aLaterRunReadsOnlyTheNewObjects() {
    long before = table(TableSchemas.LOG_RESULTS).count();
    String out = run();
    assertTrue(out.contains("lot-000003: " + late.files().size() + " objects"), out);
    Row lot = table(TableSchemas.LEDGER).filter(col("lot_id").equalTo("lot-000003"))
        .selectExpr("sum(lines_read)", "sum(rows_parsed)", "sum(rows_quarantined)", "sum(lines_skipped)").first();
    assertEquals(late.totalLines(), lot.getLong(0));
    assertEquals(lot.getLong(0), lot.getLong(1) + lot.getLong(2) + lot.getLong(3));
    assertEquals(before + lot.getLong(1), table(TableSchemas.LOG_RESULTS).count());
  }
}
