package io.logyard.pipeline;

import io.logyard.config.LogyardConfig;
import io.logyard.privacy.Anonymizer;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.Staging;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import io.logyard.source.Connectors;
import io.logyard.source.Discovery;
import io.logyard.source.EventRow;
import io.logyard.source.Ledger;
import io.logyard.source.LotReader;
import io.logyard.source.SourceObject;
import io.logyard.source.UnreadObjectsException;
import io.logyard.transform.Emergencies;
import io.logyard.transform.Enrich;
import io.logyard.transform.WindowCounts;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Ingests a lot's pending objects (of some sources, or all): reads them once, in one Spark job,
 * parses, anonymizes and stages them on disk, then writes their rows to log_results, quarantine
 * and emergency_logs: one commit per table that has rows of the lot, an idempotent append that
 * also replaces the earlier rows of objects read before. The ledger records the objects' counts
 * and windows. Objects the store would not serve stay pending ({@link UnreadObjectsException}
 * after the others are written).
 */
public final class IngestLot {
  private final LotRun run;
  private final String lotId;
  private final Anonymizer anonymizer;
  private Set<String> sources = Set.of();
  private boolean aggregatedNext;

  IngestLot(LotRun run, String lotId, Anonymizer anonymizer) {
    this.run = run;
    this.lotId = lotId;
    this.anonymizer = anonymizer;
  }

  /** Only the objects of these sources (empty: all). */
  public IngestLot sources(Set<String> sources) {
    this.sources = Set.copyOf(sources);
    return this;
  }

  /**
   * The lot is aggregated next, in this process ({@code run}): the ledger keeps the objects'
   * counts in memory, and {@link AggregateLot} commits them with the done mark, in one commit (a
   * process that ends in between leaves the objects pending; the next run reads them again); and
   * the reading tasks count the window figures of the rows they stage, which
   * {@link AggregateLot} takes for the windows only this lot's rows are in.
   */
  public IngestLot aggregatedNext(boolean next) {
    this.aggregatedNext = next;
    return this;
  }

  public Ingested execute() {
    if (anonymizer == null) throw new IllegalStateException("ingest reads log lines: it needs the privacy policy and its key");
    LogyardConfig config = run.config;
    SparkSession spark = run.spark;
    Tables tables = run.tables;
    Progress progress = run.progress;
    Phases phases = run.phases;
    Ledger ledger = run.ledger;
    String runId = run.runId;
    Ledger.Lot lot = run.lot(lotId);
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
    LotReader.Run reading = new LotReader.Run(runId, micros(run.now), config.pipeline().windowMinutes(),
        Emergencies.router(config.pipeline().emergencyLevels(), config.pipeline().securityMarkers()));
    // one idempotent-write id per lot, set of sources and set of objects (a retry of the same write
    // is skipped; a resumed lot writing the objects left over is another write); its version
    // changes when the lot is opened anew
    String key = sources.isEmpty() ? "*" : String.join(",", new TreeSet<>(sources));
    String lotTxn = "logyard:" + lotId + ":";
    String digest = digest(objects.stream().map(SourceObject::uri).sorted().toList());
    DeltaSink.Write append = new DeltaSink.Write(lotTxn + key + ":" + digest, lot.openedMillis(), null);
    long started = System.nanoTime();
    // a lot aggregated next in this process has its windows' figures counted as it is read
    WindowCounts windowCounts = aggregatedNext
        ? new WindowCounts(config.pipeline().windowMinutes(), config.pipeline().maxMessages()) : null;
    try (Staging staged = Staging.write(spark, tables.staging(lotId + "-" + digest + "-" + runId), windowCounts,
        writers -> LotReader.read(spark, objects, specs, anonymizer, reading, writers))) {
      phases.end("read+parse+stage");
      progress.say("  read, parsed and staged in %.1f s", (System.nanoTime() - started) / 1e9);
      // objects the store would not serve stay pending: none of their rows is written
      Map<String, String> unread = staged.unread();
      unread.forEach((uri, why) -> progress.say("  not read, stays pending: %s: %s", uri, why));
      if (unread.size() == objects.size()) throw new UnreadObjectsException(lotId, objects.size(), unread);

      Map<String, SourceObject> byUri = new LinkedHashMap<>();
      objects.forEach(o -> byUri.put(o.uri(), o));
      Map<String, Ledger.Earlier> earlier = ledger.earlier(byUri.values(), lotId);
      // an earlier attempt at this lot may have committed some of its objects' rows
      boolean attempted = DeltaSink.txnAppIds(spark, tables.path(TableSchemas.LOG_RESULTS), lotTxn).stream()
          .map(id -> id.substring(lotTxn.length(), id.lastIndexOf(':')))
          .anyMatch(other -> other.equals("*") || key.equals("*") || !java.util.Collections.disjoint(
              List.of(other.split(",")), sources));

      Map<String, Ledger.Counts> counts = new LinkedHashMap<>();
      TreeSet<String> reread = new TreeSet<>();
      TreeSet<LocalDate> rereadDays = new TreeSet<>();
      long lines = 0, parsed = 0, quarantined = 0, skipped = 0, emergencies = 0;
      for (Staging.ObjectCounts c : staged.counts()) {
        String uri = c.uri();
        TreeSet<Instant> windows = new TreeSet<>(c.windows());
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
        counts.put(uri, new Ledger.Counts(c.linesRead(), c.parsed(), c.quarantined(), c.skipped(), List.copyOf(windows)));
        lines += c.linesRead();
        parsed += c.parsed();
        quarantined += c.quarantined();
        skipped += c.skipped();
        emergencies += c.emergencies();
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
        // the lot's figures are the whole of its windows' unless other rows share them (AggregateLot checks)
        if (windowCounts != null) run.counted.put(lotId, staged.keepWindowFigures());
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

      ledger.markIngested(lotId, runId, counts, run.now, aggregatedNext && unread.isEmpty());
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
}
