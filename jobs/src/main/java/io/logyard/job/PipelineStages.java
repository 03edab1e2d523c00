package io.logyard.job;


import io.logyard.config.LogyardConfig;
import io.logyard.privacy.Anonymizer;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import io.logyard.source.Connectors;
import io.logyard.source.Discovery;
import io.logyard.source.Ledger;
import io.logyard.sink.Staging;
import io.logyard.source.EventRow;
import io.logyard.source.LotReader;
import io.logyard.source.SourceObject;
import io.logyard.source.UnreadObjectsException;
import io.logyard.transform.Aggregates;
import io.logyard.transform.Emergencies;
import io.logyard.transform.Enrich;
import java.sql.Timestamp;
import java.time.Clock;
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
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline's three stages, each idempotent and restartable, shared by {@code run} (all
 * three in one process) and the scheduler's per-stage commands.
 *
 * <ol>
 *   <li>{@link #discover}: new objects of every source against the ledger (or the objects
 *       modified within a data interval) become a lot, recorded as pending before anything is
 *       read. A lot left unfinished is returned instead, to be finished first.
 *   <li>{@link #ingest}: the lot's pending objects (of some sources, or all) are read once, in
 *       one Spark job, parsed, anonymized and staged on disk; their rows are appended to
 *       log_results, quarantine and emergency_logs (idempotently), replacing in the same commit
 *       the earlier rows of objects read before; the ledger records their counts and windows.
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
  private Phases phases = new Phases();

  /**
   * @param anonymizer the privacy policy {@link #ingest} applies; null for a process that only
   *     plans or aggregates (they read no log line and need no pseudonymization key), whose
   *     {@link #ingest} then refuses
   * @param clock the one source of "now" of this run: the run id, the lookback of discovery
   *     (which days are "today"), the settle time and the ledger's timestamps
   */
  public PipelineStages(SparkSession spark, LogyardConfig config, Anonymizer anonymizer, Progress progress, Clock clock) {
    this.spark = spark;
    this.config = config;
    this.anonymizer = anonymizer;
    this.progress = progress;
    this.tables = new Tables(config);
    Instant started = clock.instant();
    this.now = Timestamp.from(started);
    this.runId = "run-" + started.toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "") + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    for (String table : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE, TableSchemas.EMERGENCY_LOGS, TableSchemas.LOG_AGGREGATES)) {
      DeltaSink.create(spark, tables.path(table), table);
    }
    this.ledger = Ledger.open(spark, tables.path(TableSchemas.LEDGER));
  }

  public String runId() {
    return runId;
  }

  /** Records the time of each phase of the following stages in {@code phases}. */
  public PipelineStages timing(Phases phases) {
    this.phases = phases;
    phases.restart();
    return this;
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
   * @param pending the sources with objects of the lot still to ingest, in configuration order
   */
  public record Plan(String lotId, boolean resumed, boolean empty, Map<String, Integer> objects, int waiting, List<Pending> pending) {
    public int objectCount() {
      return objects.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** A source's objects of a lot still to ingest: how many, and their bytes. */
  public record Pending(String source, int objects, long bytes) {}

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
    return SparkSessions.interpreted(spark, () -> plan(interval, since));
  }

  private Plan plan(Interval interval, LocalDate since) {
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
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    LocalDate today = now.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    Map<LogyardConfig.Source, Discovery.Listing> listings = new LinkedHashMap<>();
    List<String> listed = new ArrayList<>();
    for (LogyardConfig.Source s : config.sources()) {
      Discovery.Listing listing = Discovery.list(s, hadoop, window(s, interval, since, today));
      listings.put(s, listing);
      listing.objects().forEach(o -> listed.add(o.uri()));
    }
    // what the ledger knows of the objects listed, not the whole ledger
    Map<String, Ledger.Seen> seen = interval == null ? ledger.committed(listed) : Map.of();
    List<SourceObject> objects = new ArrayList<>();
    int waiting = 0;
    for (var e : listings.entrySet()) {
      Selection chosen = select(e.getValue().objects(), seen, interval, settleBefore);
      objects.addAll(chosen.taken());
      waiting += chosen.waiting();
      progress.say("  %-24s %5d objects  (%s)", e.getKey().name(), chosen.taken().size(), e.getValue().how());
    }
    phases.end("list");
    String lotId = interval == null ? ledger.nextLotId() : interval.lotId();
    String intervalText = interval == null ? null : interval.toString();
    if (objects.isEmpty()) {
      ledger.recordEmpty(lotId, intervalText, runId, now);
      progress.say("%s: nothing new%s; recorded an empty lot", lotId, waiting > 0 ? " (" + waiting + " objects still settling)" : "");
      return new Plan(lotId, false, true, Map.of(), waiting, List.of());
    }
    ledger.openLot(lotId, intervalText, runId, objects, providers(), now);
    phases.end("ledger");
    progress.say("%s: %d objects%s", lotId, objects.size(), waiting > 0 ? ", " + waiting + " still settling" : "");
    return new Plan(lotId, false, false, perSource(objects), waiting, pending(objects));
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

  /** What discovery takes of a listing: the objects of the lot, and how many wait to settle. */
  record Selection(List<SourceObject> taken, int waiting) {}

  /**
   * The objects of a listing that belong to the lot. With an interval: those modified within
   * it. Without: those new or changed since the ledger {@code seen} them, except the ones
   * modified after {@code settleBefore} (epoch ms), which may still be written and wait.
   */
  static Selection select(List<SourceObject> listed, Map<String, Ledger.Seen> seen, Interval interval, long settleBefore) {
    List<SourceObject> taken = new ArrayList<>();
    int waiting = 0;
    for (SourceObject o : listed) {
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
      taken.add(o);
    }
    return new Selection(taken, waiting);
  }

  private Optional<Plan> resumeUnfinished() {
    Optional<Ledger.Lot> open = ledger.unfinished();
    if (open.isEmpty()) return Optional.empty();
    Ledger.Lot lot = open.get();
    progress.say("resuming %s, left unfinished by %s", lot.lotId(), lot.runId());
    return Optional.of(new Plan(lot.lotId(), true, false, perSource(lot.all()), 0, pending(lot.inState(Ledger.PENDING))));
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
    List<SourceObject> replayed = List.copyOf(objects.values());
    return new Plan(lotId, false, false, perSource(replayed), 0, pending(replayed));
  }

  private Map<String, String> providers() {
    Map<String, String> providers = new HashMap<>();
    config.sources().forEach(s -> providers.put(s.name(), s.provider()));
    return providers;
  }

  /** Per source, in configuration order, the objects' count and bytes (sources the configuration no longer has last). */
  private List<Pending> pending(List<SourceObject> objects) {
    Map<String, Pending> bySource = new LinkedHashMap<>();
    config.sources().forEach(s -> bySource.put(s.name(), null)); // merge replaces a null value, keeping the order
    for (SourceObject o : objects) {
      bySource.merge(o.sourceName(), new Pending(o.sourceName(), 1, o.size()),
          (a, b) -> new Pending(a.source(), a.objects() + 1, a.bytes() + b.bytes()));
    }
    return bySource.values().stream().filter(java.util.Objects::nonNull).toList();
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
   * Reads the lot's pending objects of {@code sources} (all sources when empty) once and
   * writes their rows to log_results, quarantine and emergency_logs: one commit per table, an
   * idempotent append that also replaces the earlier rows of objects read before. Objects the
   * store would not serve stay pending ({@link UnreadObjectsException} after the others are written).
   */
  public Ingested ingest(String lotId, Set<String> sources) {
    return ingest(lotId, sources, false);
  }

  /**
   * {@link #ingest(String, Set)}; with {@code aggregateFollows} (a run that aggregates the lot
   * next, in this process) the ledger commits the objects' counts with the done mark, once.
   */
  public Ingested ingest(String lotId, Set<String> sources, boolean aggregateFollows) {
    if (anonymizer == null) throw new IllegalStateException("ingest reads log lines: it needs the privacy policy and its key");
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
    long bytes = objects.stream().mapToLong(SourceObject::size).sum();
    progress.say("%s: reading and parsing %d objects (%s)", lotId, objects.size(), megabytes(bytes));
    Map<String, LotReader.SourceSpec> specs = new HashMap<>();
    for (LogyardConfig.Source s : config.sources()) {
      specs.put(s.name(), new LotReader.SourceSpec(s.format(), s.formatOptions(), Connectors.hadoopSettings(s),
          new EventRow.SourceMeta(s.name(), s.provider(), s.projectId(), s.region(), s.format())));
    }
    LotReader.Run run = new LotReader.Run(runId, micros(now), config.pipeline().windowMinutes(),
        Emergencies.router(config.pipeline().emergencyLevels(), config.pipeline().securityMarkers()));
    // one idempotent-write id per lot, set of sources and set of objects (a retry of the same write
    // is skipped; a resumed lot writing the objects left over is another write); its version
    // changes when the lot is opened anew
    String key = sources.isEmpty() ? "*" : String.join(",", new TreeSet<>(sources));
    String lotTxn = "logyard:" + lotId + ":";
    String digest = digest(objects.stream().map(SourceObject::uri).sorted().toList());
    DeltaSink.Write append = new DeltaSink.Write(lotTxn + key + ":" + digest, lot.openedMillis(), null);
    long started = System.nanoTime();
    try (Staging staged = Staging.write(spark, LotReader.read(spark, objects, specs, anonymizer, run),
        tables.staging(lotId + "-" + digest + "-" + runId))) {
      phases.end("read+parse+stage");
      progress.say("  read, parsed and staged in %.1f s", (System.nanoTime() - started) / 1e9);
      // objects the store would not serve stay pending: none of their rows is written
      Map<String, String> unread = staged.unread();
      unread.forEach((uri, why) -> progress.say("  not read, stays pending: %s: %s", uri, why));
      if (unread.size() == objects.size()) throw new UnreadObjectsException(lotId, objects.size(), unread);

      Map<String, SourceObject> byUri = new LinkedHashMap<>();
      objects.forEach(o -> byUri.put(o.uri(), o));
      Map<String, Ledger.Earlier> earlier = ledger.earlier(byUri.keySet(), lotId);
      // an earlier attempt at this lot may have committed some of its objects' rows
      boolean attempted = DeltaSink.txnAppIds(spark, tables.path(TableSchemas.LOG_RESULTS), lotTxn).stream()
          .map(id -> id.substring(lotTxn.length(), id.lastIndexOf(':')))
          .anyMatch(other -> other.equals("*") || key.equals("*") || !java.util.Collections.disjoint(
              List.of(other.split(",")), sources));

      Map<String, Ledger.Counts> counts = new LinkedHashMap<>();
      TreeSet<String> reread = new TreeSet<>();
      TreeSet<LocalDate> rereadDays = new TreeSet<>();
      long lines = 0, parsed = 0, quarantined = 0, skipped = 0, emergencies = 0;
      for (Row r : staged.counts().select("source_uri", "lines_read", "rows_parsed", "rows_quarantined", "lines_skipped",
          "emergencies", "windows").collectAsList()) {
        String uri = r.getString(0);
        TreeSet<Instant> windows = new TreeSet<>();
        for (Object w : r.getList(6)) windows.add(((Timestamp) w).toInstant());
        Ledger.Earlier before = earlier.get(uri);
        if (before != null || attempted) {
          reread.add(uri);
          windows.forEach(w -> rereadDays.add(day(w)));
          rereadDays.add(day(Instant.ofEpochMilli(byUri.get(uri).modificationTime())));
          if (before != null) {
            rereadDays.addAll(before.days());
            windows.addAll(before.windows());
          }
        }
        Ledger.Counts c = new Ledger.Counts(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), List.copyOf(windows));
        counts.put(uri, c);
        lines += c.linesRead();
        parsed += c.parsed();
        quarantined += c.quarantined();
        skipped += c.skipped();
        emergencies += r.getLong(5);
      }
      progress.say("  %d lines: %d parsed, %d quarantined, %d skipped%s", lines, parsed, quarantined, skipped,
          reread.isEmpty() ? "" : "; " + reread.size() + " objects read before: their earlier rows are replaced");

      DeltaSink.Write replaceByDay = reread.isEmpty() ? append : new DeltaSink.Write(append.txnAppId(), append.txnVersion(),
          DeltaSink.inDates("event_date", rereadDays) + " AND " + DeltaSink.inList("source_uri", reread));
      DeltaSink.Write replaceByUri = reread.isEmpty() ? append
          : new DeltaSink.Write(append.txnAppId(), append.txnVersion(), DeltaSink.inList("source_uri", reread));

      started = System.nanoTime();
      Dataset<Row> parsedRows = Staging.without(staged.parsed(), unread.keySet());
      if (reread.isEmpty() && unread.isEmpty()) {
        // only new objects, all read: their staged files become the lot's files of log_results
        DeltaSink.commit(spark, staged.parsedFiles(), tables.path(TableSchemas.LOG_RESULTS), TableSchemas.LOG_RESULTS, append);
        staged.keepParsed();
      } else {
        DeltaSink.write(spark, parsedRows, tables.path(TableSchemas.LOG_RESULTS), TableSchemas.LOG_RESULTS, replaceByDay);
      }
      phases.end("write log_results");
      progress.say("  log_results     %8d rows (%.1f s)", parsed, (System.nanoTime() - started) / 1e9);
      // a table gets no commit when the lot has no rows for it and replaces none of its rows
      if (quarantined > 0 || replaceByUri.replaceWhere() != null) {
        DeltaSink.write(spark, Enrich.quarantine(Staging.without(staged.quarantined(), unread.keySet())), tables.path(TableSchemas.QUARANTINE),
            TableSchemas.QUARANTINE, replaceByUri);
      }
      progress.say("  quarantine      %8d rows", quarantined);
      if (emergencies > 0 || replaceByDay.replaceWhere() != null) {
        DeltaSink.write(spark, Enrich.emergencies(parsedRows), tables.path(TableSchemas.EMERGENCY_LOGS),
            TableSchemas.EMERGENCY_LOGS, replaceByDay);
      }
      progress.say("  emergency_logs  %8d rows", emergencies);
      phases.end("write quarantine+emergencies");

      ledger.markIngested(lotId, runId, counts, now, aggregateFollows && unread.isEmpty());
      phases.end("ledger");
      if (!unread.isEmpty()) throw new UnreadObjectsException(lotId, objects.size(), unread);
      return new Ingested(objects.size(), lines, parsed, quarantined, skipped, emergencies);
    }
  }

  /** A short, stable name for a set of strings (16 hex digits of their SHA-256). */
  private static String digest(List<String> items) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (String i : items) {
        sha.update(i.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static LocalDate day(Instant i) {
    return i.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static long micros(Timestamp t) {
    return t.getTime() * 1000L;
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
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
      Dataset<Row> affected = Aggregates.inWindows(
          DeltaSink.readDays(spark, tables.path(TableSchemas.LOG_RESULTS), DeltaSink.days(windows)), windows, minutes);
      rows = DeltaSink.replace(spark,
          Aggregates.windows(affected, minutes, config.pipeline().topEndpoints(), config.pipeline().maxMessages()),
          tables.path(TableSchemas.LOG_AGGREGATES), TableSchemas.LOG_AGGREGATES, DeltaSink.inWindows(windows));
    }
    progress.say("  log_aggregates  %8d rows in %d windows", rows, windows.size());
    phases.end("aggregate");
    ledger.markDone(lotId, runId, now);
    phases.end("ledger");
    return new Aggregated(rows, windows.size());
  }


}
