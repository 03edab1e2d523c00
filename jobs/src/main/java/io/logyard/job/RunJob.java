package io.logyard.job;

import static org.apache.spark.sql.functions.col;

import io.logyard.config.LogyardConfig;
import io.logyard.privacy.Anonymizer;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import io.logyard.source.Discovery;
import io.logyard.source.Ledger;
import io.logyard.source.Locations;
import io.logyard.source.LotReader;
import io.logyard.source.SourceObject;
import io.logyard.source.StagedRows;
import io.logyard.transform.Aggregates;
import io.logyard.transform.Emergencies;
import io.logyard.transform.Enrich;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code logyard run}: one pass of the pipeline over whatever is new.
 *
 * <p>Discover new objects of every source against the ledger → record them as a pending lot →
 * read and parse them in one Spark job (anonymized on the way) → replace their rows in
 * log_results, quarantine and emergency_logs → recompute log_aggregates for every window the
 * lot touched → mark the lot done in the ledger with per-object counts. A lot left pending by a
 * killed run is finished first, with the same objects; nothing new is read until it is done.
 */
public final class RunJob {
  private final SparkSession spark;
  private final LogyardConfig config;
  private final Progress progress;
  private final Anonymizer anonymizer;

  public RunJob(SparkSession spark, LogyardConfig config, Anonymizer anonymizer, Progress progress) {
    this.spark = spark;
    this.config = config;
    this.anonymizer = anonymizer;
    this.progress = progress;
  }

  /** What one run did. */
  public record Summary(
      String runId, String lotId, boolean resumed, int objects, int waiting,
      long linesRead, long parsed, long quarantined, long skipped,
      long emergencies, long aggregateRows, int windows) {
    public boolean empty() {
      return objects == 0;
    }
  }

  public Summary run() {
    Instant started = Instant.now();
    Timestamp now = Timestamp.from(started);
    String runId = "run-" + started.toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    Tables t = new Tables(config);
    for (String table : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE, TableSchemas.EMERGENCY_LOGS, TableSchemas.LOG_AGGREGATES)) {
      DeltaSink.ensure(spark, t.path(table), table);
    }
    Ledger ledger = Ledger.open(spark, t.path(TableSchemas.LEDGER));

    String lotId;
    List<SourceObject> objects;
    int waiting = 0;
    Optional<Ledger.OpenLot> open = ledger.unfinished();
    if (open.isPresent()) {
      lotId = open.get().lotId();
      objects = new ArrayList<>();
      for (SourceObject o : open.get().objects()) {
        LogyardConfig.Source s = config.source(o.sourceName()).orElseThrow(() -> new IllegalStateException(
            "ledger lot " + open.get().lotId() + " holds object " + o.uri() + " of source '" + o.sourceName()
                + "', which the configuration no longer has"));
        objects.add(Discovery.withVars(s, o));
      }
      progress.say("resuming %s, left unfinished by %s: %d objects", lotId, open.get().runId(), objects.size());
    } else {
      progress.say("discovering new objects in %d sources", config.sources().size());
      Map<String, Ledger.Seen> seen = ledger.committed();
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      long settleBefore = started.toEpochMilli() - config.pipeline().settleSeconds() * 1000L;
      objects = new ArrayList<>();
      for (LogyardConfig.Source s : config.sources()) {
        int found = 0;
        for (SourceObject o : Discovery.list(s, hadoop)) {
          Ledger.Seen before = seen.get(o.uri());
          if (before != null && before.size() == o.size() && before.modificationTime() == o.modificationTime()) continue;
          if (o.modificationTime() > settleBefore) {
            waiting++;
            continue;
          }
          objects.add(o);
          found++;
        }
        progress.say("  %-24s %5d new", s.name(), found);
      }
      lotId = ledger.nextLotId();
      if (objects.isEmpty()) {
        ledger.recordEmpty(lotId, runId, now);
        progress.say("%s: nothing new%s; recorded an empty lot", lotId, waiting > 0 ? " (" + waiting + " objects still settling)" : "");
        return new Summary(runId, lotId, false, 0, waiting, 0, 0, 0, 0, 0, 0, 0);
      }
      Map<String, String> providers = new HashMap<>();
      config.sources().forEach(s -> providers.put(s.name(), s.provider()));
      ledger.open(lotId, runId, objects, providers, now);
      progress.say("%s: %d new objects%s", lotId, objects.size(), waiting > 0 ? ", " + waiting + " still settling" : "");
    }

    Summary summary = process(t, ledger, lotId, runId, now, objects, waiting, open.isPresent());
    progress.say("%s done in %.1f s", lotId, (System.currentTimeMillis() - started.toEpochMilli()) / 1000.0);
    return summary;
  }

  private Summary process(Tables t, Ledger ledger, String lotId, String runId, Timestamp now,
      List<SourceObject> objects, int waiting, boolean resumed) {
    Map<String, LotReader.SourceSpec> specs = new HashMap<>();
    for (LogyardConfig.Source s : config.sources()) {
      specs.put(s.name(), new LotReader.SourceSpec(s.format(), s.formatOptions(), s.hadoop()));
    }
    Dataset<Row> staged = LotReader.read(spark, objects, specs, anonymizer).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> sources = sourcesFrame();
      List<String> uris = objects.stream().map(SourceObject::uri).toList();
      String byObject = DeltaSink.inList("source_uri", uris);
      int minutes = config.pipeline().windowMinutes();

      progress.say("reading and parsing %d objects", objects.size());
      Map<String, Ledger.Counts> counts = new LinkedHashMap<>();
      long lines = 0, parsed = 0, quarantined = 0, skipped = 0;
      for (Row r : staged.filter(col("kind").equalTo(StagedRows.COUNTS))
          .select("source_uri", "lines_read", "rows_parsed", "rows_quarantined", "lines_skipped").collectAsList()) {
        Ledger.Counts c = new Ledger.Counts(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
        counts.put(r.getString(0), c);
        lines += c.linesRead();
        parsed += c.parsed();
        quarantined += c.quarantined();
        skipped += c.skipped();
      }
      progress.say("  %d lines: %d parsed, %d quarantined, %d skipped", lines, parsed, quarantined, skipped);

      Dataset<Row> logResults = Enrich.logResults(staged, sources, runId, now);
      TreeSet<Instant> windows = new TreeSet<>();
      windows.addAll(windowsOf(spark.read().format("delta").load(t.path(TableSchemas.LOG_RESULTS)).filter(byObject), minutes));
      windows.addAll(windowsOf(logResults, minutes));

      long written = DeltaSink.replace(spark, logResults, t.path(TableSchemas.LOG_RESULTS), TableSchemas.LOG_RESULTS, byObject);
      progress.say("  log_results     %8d rows", written);
      long q = DeltaSink.replace(spark, Enrich.quarantine(staged, sources, runId),
          t.path(TableSchemas.QUARANTINE), TableSchemas.QUARANTINE, byObject);
      progress.say("  quarantine      %8d rows", q);
      long emergencies = DeltaSink.replace(spark,
          Emergencies.route(logResults, config.pipeline().emergencyLevels(), config.pipeline().securityMarkers()),
          t.path(TableSchemas.EMERGENCY_LOGS), TableSchemas.EMERGENCY_LOGS, byObject);
      progress.say("  emergency_logs  %8d rows", emergencies);

      long aggregates = 0;
      if (!windows.isEmpty()) {
        List<String> literals = windows.stream().map(w -> "TIMESTAMP '" + w + "'").toList();
        String byWindow = "time_window IN (" + String.join(", ", literals) + ")";
        Dataset<Row> affected = spark.read().format("delta").load(t.path(TableSchemas.LOG_RESULTS))
            .filter(col("event_date").isin(windows.stream().map(w -> java.sql.Date.valueOf(w.atZone(java.time.ZoneOffset.UTC).toLocalDate())).distinct().toArray()))
            .filter(Aggregates.windowStart(col("timestamp"), minutes).isin(windows.stream().map(Timestamp::from).toArray()));
        aggregates = DeltaSink.replace(spark,
            Aggregates.windows(affected, minutes, config.pipeline().topEndpoints(), config.pipeline().maxMessages()),
            t.path(TableSchemas.LOG_AGGREGATES), TableSchemas.LOG_AGGREGATES, byWindow);
      }
      progress.say("  log_aggregates  %8d rows in %d windows", aggregates, windows.size());

      ledger.commit(lotId, runId, counts, now);
      return new Summary(runId, lotId, resumed, objects.size(), waiting, lines, parsed, quarantined, skipped,
          emergencies, aggregates, windows.size());
    } finally {
      staged.unpersist();
    }
  }

  private static List<Instant> windowsOf(Dataset<Row> rows, int minutes) {
    List<Instant> out = new ArrayList<>();
    for (Row r : rows.filter(col("timestamp").isNotNull())
        .select(Aggregates.windowStart(col("timestamp"), minutes)).distinct().collectAsList()) {
      out.add(r.getTimestamp(0).toInstant());
    }
    return out;
  }

  private Dataset<Row> sourcesFrame() {
    List<Row> rows = new ArrayList<>();
    for (LogyardConfig.Source s : config.sources()) {
      rows.add(RowFactory.create(s.name(), s.provider(), s.projectId(), s.region(), s.format()));
    }
    StructType schema = new StructType().add("source_name", "string").add("provider", "string")
        .add("project_id", "string").add("region", "string").add("format", "string");
    return spark.createDataFrame(rows, schema);
  }

  /** Where each table lives under the configured warehouse. */
  public record Tables(String root) {
    public Tables(LogyardConfig config) {
      this(Locations.qualify(config.warehouse().path()));
    }

    public String path(String table) {
      return root.endsWith("/") ? root + table : root + "/" + table;
    }
  }
}
