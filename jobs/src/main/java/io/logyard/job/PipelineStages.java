package io.logyard.job;

import static org.apache.spark.sql.functions.col;

import io.logyard.config.LogyardConfig;
import io.logyard.privacy.Anonymizer;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import io.logyard.source.Connectors;
import io.logyard.source.Discovery;
import io.logyard.source.Ledger;
import io.logyard.source.LotReader;
import io.logyard.source.SourceObject;
import io.logyard.source.StagedRows;
import io.logyard.source.UnreadObjectsException;
import io.logyard.transform.Aggregates;
import io.logyard.transform.Emergencies;
import io.logyard.transform.Enrich;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The pipeline's three stages, each idempotent and restartable, shared by {@code run} (all
 * three in one process) and the scheduler's per-stage commands.
 *
 * <ol>
 *   <li>{@link #discover}: new objects of every source against the ledger (or the objects
 *       modified within a data interval) become a lot, recorded as pending before anything is
 *       read. A lot left unfinished is returned instead, to be finished first.
 *   <li>{@link #ingest}: the lot's pending objects (of some sources, or all) are read and parsed
 *       in one Spark job, anonymized on the way; their rows replace whatever log_results,
 *       quarantine and emergency_logs held for those objects; the ledger records their counts.
 *   <li>{@link #aggregate}: log_aggregates is recomputed for every window the lot's objects
 *       touched, before and after; the lot is marked done.
 * </ol>
 */
public final class PipelineStages {
  private final SparkSession spark;
  private final LogyardConfig config;
  private final Anonymizer anonymizer;
  private final Progress progress;
  private final Tables tables;
  private final Ledger ledger;
  private final String runId;
  private final Timestamp now;

  public PipelineStages(SparkSession spark, LogyardConfig config, Anonymizer anonymizer, Progress progress) {
    this.spark = spark;
    this.config = config;
    this.anonymizer = anonymizer;
    this.progress = progress;
    this.tables = new Tables(config);
    Instant started = Instant.now();
    this.now = Timestamp.from(started);
    this.runId = "run-" + started.toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "") + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    for (String table : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE, TableSchemas.EMERGENCY_LOGS, TableSchemas.LOG_AGGREGATES)) {
      DeltaSink.ensure(spark, tables.path(table), table);
    }
    this.ledger = Ledger.open(spark, tables.path(TableSchemas.LEDGER));
  }

  public String runId() {
    return runId;
  }

  public Tables tables() {
    return tables;
  }

  /**
   * A lot to work on.
   *
   * @param resumed it was opened by an earlier run that did not finish it
   * @param objects per source name, how many objects the lot holds
   * @param waiting objects seen but still within the settle time
   */
  public record Plan(String lotId, boolean resumed, boolean empty, Map<String, Integer> objects, int waiting) {
    public int objectCount() {
      return objects.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * Without an interval: the oldest unfinished lot if there is one, else a new lot of every
   * source's new or changed objects (an empty lot when there are none). With an interval: the
   * interval's lot, opened anew with every object modified within it.
   */
  public Plan discover(Interval interval) {
    return discover(interval, null);
  }

  /**
   * As {@link #discover(Interval)}; {@code since} (a backfill) widens every source's date
   * prefixes to start on that day instead of {@code discovery_lookback_days} before today.
   */
  public Plan discover(Interval interval, LocalDate since) {
    if (interval == null) {
      Optional<Plan> resumed = resumeUnfinished();
      if (resumed.isPresent()) return resumed.get();
    }
    long nowMillis = now.getTime();
    long settleBefore = nowMillis - config.pipeline().settleSeconds() * 1000L;
    if (interval != null && interval.end().toEpochMilli() > settleBefore) {
      throw new IllegalStateException("interval " + interval + " ends within the settle time ("
          + config.pipeline().settleSeconds() + " s) of now: objects in it may still be written; run it after "
          + interval.end().plusSeconds(config.pipeline().settleSeconds()));
    }
    progress.say("discovering objects in %d sources%s", config.sources().size(), interval == null ? "" : " modified in " + interval);
    Map<String, Ledger.Seen> seen = interval == null ? ledger.committed() : Map.of();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<SourceObject> objects = new ArrayList<>();
    int waiting = 0;
    LocalDate today = now.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    for (LogyardConfig.Source s : config.sources()) {
      int found = 0;
      Discovery.Window window = window(s, interval, since, today);
      Discovery.Listing listing = Discovery.list(s, hadoop, window);
      for (SourceObject o : listing.objects()) {
        if (interval != null) {
          if (!interval.contains(o.modificationTime())) continue;
        } else {
          Ledger.Seen before = seen.get(o.uri());
          if (before != null && before.sameAs(o)) continue;
          if (o.modificationTime() > settleBefore) {
            waiting++;
            continue;
          }
        }
        objects.add(o);
        found++;
      }
      progress.say("  %-24s %5d objects  (%s)", s.name(), found, listing.how());
    }
    String lotId = interval == null ? ledger.nextLotId() : interval.lotId();
    String intervalText = interval == null ? null : interval.toString();
    if (objects.isEmpty()) {
      ledger.recordEmpty(lotId, intervalText, runId, now);
      progress.say("%s: nothing new%s; recorded an empty lot", lotId, waiting > 0 ? " (" + waiting + " objects still settling)" : "");
      return new Plan(lotId, false, true, Map.of(), waiting);
    }
    ledger.openLot(lotId, intervalText, runId, objects, providers(), now);
    progress.say("%s: %d objects%s", lotId, objects.size(), waiting > 0 ? ", " + waiting + " still settling" : "");
    return new Plan(lotId, false, false, perSource(objects), waiting);
  }

  /**
   * The days whose prefixes a source's discovery lists: {@code discovery_lookback_days} ending
   * today (UTC); from {@code since} on a backfill; around the interval's days for an interval
   * (an object's key carries its events' day, which is not after the day it was written).
   */
  static Discovery.Window window(LogyardConfig.Source s, Interval interval, LocalDate since, LocalDate today) {
    if (interval != null) {
      LocalDate end = interval.end().minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate();
      LocalDate start = interval.start().atZone(ZoneOffset.UTC).toLocalDate().minusDays(s.lookbackDays() - 1L);
      return new Discovery.Window(start, end);
    }
    if (since != null) {
      return new Discovery.Window(since.isAfter(today) ? today : since, today);
    }
    return Discovery.Window.endingOn(today, s.lookbackDays());
  }

  private Optional<Plan> resumeUnfinished() {
    Optional<Ledger.Lot> open = ledger.unfinished();
    if (open.isEmpty()) return Optional.empty();
    Ledger.Lot lot = open.get();
    progress.say("resuming %s, left unfinished by %s", lot.lotId(), lot.runId());
    return Optional.of(new Plan(lot.lotId(), true, false, perSource(lot.all()), 0));
  }

  /**
   * A lot that replays objects already processed: each target is an object URI or a lot id (all
   * of that lot's objects). The objects are read again as they are now; their rows replace the
   * ones they had, so nothing is counted twice. An unfinished lot is returned first, as by
   * {@link #discover}.
   */
  public Plan reprocess(List<String> targets) {
    Optional<Plan> resumed = resumeUnfinished();
    if (resumed.isPresent()) return resumed.get();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, SourceObject> objects = new LinkedHashMap<>();
    for (String target : targets) {
      Optional<Ledger.Lot> lot = target.contains("/") ? Optional.empty() : ledger.lot(target);
      List<String> uris;
      if (lot.isPresent()) {
        uris = lot.get().all().stream().map(SourceObject::uri).toList();
        if (uris.isEmpty()) throw new IllegalArgumentException("--reprocess " + target + ": an empty lot, nothing to replay");
      } else if (target.contains("/")) {
        uris = List.of(target);
      } else {
        throw new IllegalArgumentException("--reprocess " + target + ": neither an object URI nor a lot id in the ledger");
      }
      for (String uri : uris) {
        String qualified = uri.contains(":") ? uri : io.logyard.source.Locations.qualify(uri);
        LogyardConfig.Source source = config.sources().stream().filter(s -> Discovery.owns(s, qualified)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("--reprocess " + uri + ": not an object of any source in " + config.origin()));
        SourceObject o = Discovery.stat(source, hadoop, qualified);
        objects.putIfAbsent(o.uri(), o);
      }
    }
    String lotId = ledger.nextLotId();
    ledger.openLot(lotId, null, runId, List.copyOf(objects.values()), providers(), now);
    progress.say("%s: replaying %d objects (%s)", lotId, objects.size(), String.join(", ", targets));
    return new Plan(lotId, false, false, perSource(List.copyOf(objects.values())), 0);
  }

  private Map<String, String> providers() {
    Map<String, String> providers = new HashMap<>();
    config.sources().forEach(s -> providers.put(s.name(), s.provider()));
    return providers;
  }

  private static Map<String, Integer> perSource(List<SourceObject> objects) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (SourceObject o : objects) m.merge(o.sourceName(), 1, Integer::sum);
    return m;
  }

  /** What {@link #ingest} read and wrote. */
  public record Ingested(int objects, long linesRead, long parsed, long quarantined, long skipped, long emergencies) {
    static final Ingested NONE = new Ingested(0, 0, 0, 0, 0, 0);
  }

  /**
   * Reads the lot's pending objects of {@code sources} (all sources when empty) and replaces
   * their rows in log_results, quarantine and emergency_logs.
   */
  public Ingested ingest(String lotId, Set<String> sources) {
    Ledger.Lot lot = ledger.lot(lotId).orElseThrow(() -> new IllegalArgumentException("no lot " + lotId + " in the ledger"));
    for (String s : sources) {
      if (config.source(s).isEmpty()) throw new IllegalArgumentException("--source " + s + ": no such source in " + config.origin());
    }
    List<SourceObject> objects = new ArrayList<>();
    for (SourceObject o : lot.inState(Ledger.PENDING)) {
      if (!sources.isEmpty() && !sources.contains(o.sourceName())) continue;
      LogyardConfig.Source s = config.source(o.sourceName()).orElseThrow(() -> new IllegalStateException(
          "lot " + lotId + " holds " + o.uri() + " of source '" + o.sourceName() + "', which " + config.origin() + " no longer has"));
      objects.add(Discovery.withVars(s, o));
    }
    if (objects.isEmpty()) {
      progress.say("%s: nothing to ingest%s", lotId, sources.isEmpty() ? "" : " for " + sources);
      return Ingested.NONE;
    }
    progress.say("%s: reading and parsing %d objects", lotId, objects.size());
    Map<String, LotReader.SourceSpec> specs = new HashMap<>();
    for (LogyardConfig.Source s : config.sources()) {
      specs.put(s.name(), new LotReader.SourceSpec(s.format(), s.formatOptions(), Connectors.hadoopSettings(s)));
    }
    Dataset<Row> read = LotReader.read(spark, objects, specs, anonymizer).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // objects the store would not serve stay pending: none of their rows is written
      Map<String, String> unread = StagedRows.unread(read);
      unread.forEach((uri, why) -> progress.say("  not read, stays pending: %s: %s", uri, why));
      Dataset<Row> staged = StagedRows.without(read, unread.keySet());
      List<String> readUris = objects.stream().map(SourceObject::uri).filter(u -> !unread.containsKey(u)).toList();
      if (readUris.isEmpty()) throw new UnreadObjectsException(lotId, objects.size(), unread);
      Dataset<Row> sourceFrame = sourcesFrame();
      String byObject = DeltaSink.inList("source_uri", readUris);
      int minutes = config.pipeline().windowMinutes();

      Map<String, List<Instant>> windows = windowsByObject(
          spark.read().format("delta").load(tables.path(TableSchemas.LOG_RESULTS)).filter(byObject), minutes);
      Dataset<Row> logResults = Enrich.logResults(staged, sourceFrame, runId, now);
      windowsByObject(logResults, minutes).forEach((uri, w) -> windows.merge(uri, w, PipelineStages::union));

      Map<String, Ledger.Counts> counts = new LinkedHashMap<>();
      long lines = 0, parsed = 0, quarantined = 0, skipped = 0;
      for (Row r : staged.filter(col("kind").equalTo(StagedRows.COUNTS))
          .select("source_uri", "lines_read", "rows_parsed", "rows_quarantined", "lines_skipped").collectAsList()) {
        Ledger.Counts c = new Ledger.Counts(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
            windows.getOrDefault(r.getString(0), List.of()));
        counts.put(r.getString(0), c);
        lines += c.linesRead();
        parsed += c.parsed();
        quarantined += c.quarantined();
        skipped += c.skipped();
      }
      progress.say("  %d lines: %d parsed, %d quarantined, %d skipped", lines, parsed, quarantined, skipped);

      long written = DeltaSink.replace(spark, logResults, tables.path(TableSchemas.LOG_RESULTS), TableSchemas.LOG_RESULTS, byObject);
      progress.say("  log_results     %8d rows", written);
      long q = DeltaSink.replace(spark, Enrich.quarantine(staged, sourceFrame, runId),
          tables.path(TableSchemas.QUARANTINE), TableSchemas.QUARANTINE, byObject);
      progress.say("  quarantine      %8d rows", q);
      long emergencies = DeltaSink.replace(spark,
          Emergencies.route(logResults, config.pipeline().emergencyLevels(), config.pipeline().securityMarkers()),
          tables.path(TableSchemas.EMERGENCY_LOGS), TableSchemas.EMERGENCY_LOGS, byObject);
      progress.say("  emergency_logs  %8d rows", emergencies);

      ledger.markIngested(lotId, runId, counts, now);
      if (!unread.isEmpty()) throw new UnreadObjectsException(lotId, objects.size(), unread);
      return new Ingested(objects.size(), lines, parsed, quarantined, skipped, emergencies);
    } finally {
      read.unpersist();
    }
  }

  /** What {@link #aggregate} wrote. */
  public record Aggregated(long rows, int windows) {}

  /** Recomputes log_aggregates for every window the lot touched and marks the lot done. */
  public Aggregated aggregate(String lotId) {
    Ledger.Lot lot = ledger.lot(lotId).orElseThrow(() -> new IllegalArgumentException("no lot " + lotId + " in the ledger"));
    List<SourceObject> pending = lot.inState(Ledger.PENDING);
    if (!pending.isEmpty()) {
      throw new IllegalStateException("lot " + lotId + " still has " + pending.size() + " objects not ingested (sources "
          + perSource(pending).keySet() + "): run ingest for them first");
    }
    TreeSet<Instant> windows = ledger.windows(lotId);
    int minutes = config.pipeline().windowMinutes();
    long rows = 0;
    if (!windows.isEmpty()) {
      String byWindow = "time_window IN (" + String.join(", ", windows.stream().map(w -> "TIMESTAMP '" + w + "'").toList()) + ")";
      Dataset<Row> affected = spark.read().format("delta").load(tables.path(TableSchemas.LOG_RESULTS))
          .filter(col("event_date").isin(windows.stream().map(w -> Date.valueOf(w.atZone(ZoneOffset.UTC).toLocalDate())).distinct().toArray()))
          .filter(Aggregates.windowStart(col("timestamp"), minutes).isin(windows.stream().map(Timestamp::from).toArray()));
      rows = DeltaSink.replace(spark,
          Aggregates.windows(affected, minutes, config.pipeline().topEndpoints(), config.pipeline().maxMessages()),
          tables.path(TableSchemas.LOG_AGGREGATES), TableSchemas.LOG_AGGREGATES, byWindow);
    }
    progress.say("  log_aggregates  %8d rows in %d windows", rows, windows.size());
    ledger.markDone(lotId, runId, now);
    return new Aggregated(rows, windows.size());
  }

  private static Map<String, List<Instant>> windowsByObject(Dataset<Row> rows, int minutes) {
    Map<String, List<Instant>> out = new HashMap<>();
    for (Row r : rows.filter(col("timestamp").isNotNull())
        .select(col("source_uri"), Aggregates.windowStart(col("timestamp"), minutes).as("w")).distinct().collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getTimestamp(1).toInstant());
    }
    return out;
  }

  private static List<Instant> union(List<Instant> a, List<Instant> b) {
    TreeSet<Instant> s = new TreeSet<>(a);
    s.addAll(b);
    return new ArrayList<>(s);
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
}
