package io.logyard.pipeline;

import io.logyard.config.LogyardConfig;
import io.logyard.source.Discovery;
import io.logyard.source.Ledger;
import io.logyard.source.Locations;
import io.logyard.source.SourceObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Plans a lot. Without options: the oldest unfinished lot if there is one, else a new lot of
 * every source's new or changed objects (an empty lot, recorded, when there are none). With an
 * {@link #interval}: the interval's lot, opened anew with every object modified within it. With
 * {@link #reprocess}: a lot replaying objects already processed. The lot's objects are recorded
 * in the ledger as pending before anything is read.
 */
public final class PlanLot {
  private final LotRun run;
  private Interval interval;
  private LocalDate since;
  private List<String> reprocess = List.of();

  PlanLot(LotRun run) {
    this.run = run;
  }

  /** The lot of the objects modified within {@code interval} (null: whatever is new). */
  public PlanLot interval(Interval interval) {
    this.interval = interval;
    return this;
  }

  /**
   * A backfill: every source's date prefixes are listed from {@code since} (null: from
   * {@code discovery_lookback_days} before today).
   */
  public PlanLot since(LocalDate since) {
    this.since = since;
    return this;
  }

  /**
   * Replays {@code targets} (object URIs, or lot ids for all of a lot's objects) as they are now:
   * their rows replace the ones they had, so nothing is counted twice. An unfinished lot is
   * still planned first.
   */
  public PlanLot reprocess(List<String> targets) {
    this.reprocess = List.copyOf(targets);
    return this;
  }

  public Plan execute() {
    if (!reprocess.isEmpty() && (interval != null || since != null)) {
      throw new IllegalArgumentException("--reprocess replays the objects it names: it takes no interval and no --since");
    }
    return interpreted(run.spark, () -> reprocess.isEmpty() ? discover() : replay());
  }

  private Plan discover() {
    if (interval == null) {
      Optional<Plan> resumed = resumeUnfinished();
      if (resumed.isPresent()) return resumed.get();
    }
    LogyardConfig config = run.config;
    long nowMillis = run.now.getTime();
    long settleBefore = nowMillis - config.pipeline().settleSeconds() * 1000L;
    if (interval != null && interval.end().toEpochMilli() > settleBefore) {
      throw new IllegalStateException("interval " + interval + " ends within the settle time ("
          + config.pipeline().settleSeconds() + " s) of now: objects in it may still be written; run it after "
          + interval.end().plusSeconds(config.pipeline().settleSeconds()));
    }
    run.progress.say("discovering objects in %d sources%s", config.sources().size(), interval == null ? "" : " modified in " + interval);
    Configuration hadoop = run.spark.sparkContext().hadoopConfiguration();
    LocalDate today = run.now.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    Map<LogyardConfig.Source, Discovery.Listing> listings = new LinkedHashMap<>();
    List<SourceObject> listed = new ArrayList<>();
    for (LogyardConfig.Source s : config.sources()) {
      Discovery.Listing listing = Discovery.list(s, hadoop, window(s, interval, since, today));
      listings.put(s, listing);
      listed.addAll(listing.objects());
    }
    refuseSharedObjects(listings);
    // what the ledger knows of the objects listed (their key days' partitions), not the whole ledger
    Map<String, Ledger.Seen> seen = interval == null ? run.ledger.committed(listed) : Map.of();
    List<SourceObject> objects = new ArrayList<>();
    int waiting = 0;
    for (var e : listings.entrySet()) {
      Selection chosen = select(e.getValue().objects(), seen, interval, settleBefore);
      objects.addAll(chosen.taken());
      waiting += chosen.waiting();
      run.progress.say("  %-24s %5d objects  (%s)", e.getKey().name(), chosen.taken().size(), e.getValue().how());
    }
    run.phases.end("list");
    String lotId = interval == null ? run.ledger.nextLotId() : interval.lotId();
    String intervalText = interval == null ? null : interval.toString();
    if (objects.isEmpty()) {
      run.ledger.recordEmpty(lotId, intervalText, run.runId, run.now);
      run.progress.say("%s: nothing new%s; recorded an empty lot", lotId, waiting > 0 ? " (" + waiting + " objects still settling)" : "");
      return new Plan(lotId, false, true, Map.of(), waiting, List.of());
    }
    run.ledger.openLot(lotId, intervalText, run.runId, objects, providers(), run.now);
    run.phases.end("ledger");
    run.progress.say("%s: %d objects%s", lotId, objects.size(), waiting > 0 ? ", " + waiting + " still settling" : "");
    return Plan.of(lotId, false, objects, waiting, objects, config);
  }

  /**
   * Refuses a listing in which two sources claim the same object (a source's prefix inside
   * another's, or path templates that overlap): each would read it and its rows would be
   * written twice. Nothing is recorded; the message names the sources and one object.
   */
  static void refuseSharedObjects(Map<LogyardConfig.Source, Discovery.Listing> listings) {
    Map<String, String> owner = new HashMap<>();
    Map<String, Integer> shared = new LinkedHashMap<>();
    Map<String, String> example = new HashMap<>();
    for (var e : listings.entrySet()) {
      String name = e.getKey().name();
      for (SourceObject o : e.getValue().objects()) {
        String first = owner.putIfAbsent(o.uri(), name);
        if (first != null && !first.equals(name)) {
          String pair = "sources '" + first + "' and '" + name + "'";
          shared.merge(pair, 1, Integer::sum);
          example.putIfAbsent(pair, o.uri());
        }
      }
    }
    if (shared.isEmpty()) return;
    List<String> lines = new ArrayList<>();
    shared.forEach((pair, n) -> lines.add(pair + " both list " + n + " object" + (n == 1 ? "" : "s") + ", e.g. " + example.get(pair)));
    throw new IllegalArgumentException(String.join("; ", lines)
        + ": an object must belong to one source, or its rows would be written once per source;"
        + " make the sources' uri or path_template disjoint");
  }

  /**
   * The days whose prefixes a source's discovery lists: {@code discovery_lookback_days} ending
   * today (UTC); from {@code since} on a backfill; around the interval's days for an interval
   * (an object's key carries its events' day, which is not after the day it was written).
   */
  public static Discovery.Window window(LogyardConfig.Source s, Interval interval, LocalDate since, LocalDate today) {
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
  public record Selection(List<SourceObject> taken, int waiting) {}

  /**
   * The objects of a listing that belong to the lot. With an interval: those modified within
   * it. Without: those new or changed since the ledger {@code seen} them, except the ones
   * modified after {@code settleBefore} (epoch ms), which may still be written and wait.
   */
  public static Selection select(List<SourceObject> listed, Map<String, Ledger.Seen> seen, Interval interval, long settleBefore) {
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
    Optional<Ledger.Lot> open = run.ledger.unfinished();
    if (open.isEmpty()) return Optional.empty();
    Ledger.Lot lot = open.get();
    run.progress.say("resuming %s, left unfinished by %s", lot.lotId(), lot.runId());
    return Optional.of(Plan.of(lot.lotId(), true, lot.all(), 0, lot.inState(Ledger.PENDING), run.config));
  }

  private Plan replay() {
    Optional<Plan> resumed = resumeUnfinished();
    if (resumed.isPresent()) return resumed.get();
    Configuration hadoop = run.spark.sparkContext().hadoopConfiguration();
    Map<String, SourceObject> objects = new LinkedHashMap<>();
    for (String target : reprocess) {
      Optional<Ledger.Lot> lot = target.contains("/") ? Optional.empty() : run.ledger.lot(target);
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
        String qualified = Locations.qualify(uri);
        LogyardConfig.Source source = run.config.sources().stream().filter(s -> Discovery.owns(s, qualified)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("--reprocess " + uri + ": not an object of any source in " + run.config.origin()));
        SourceObject o = Discovery.stat(source, hadoop, qualified);
        objects.putIfAbsent(o.uri(), o);
      }
    }
    String lotId = run.ledger.nextLotId();
    List<SourceObject> replayed = List.copyOf(objects.values());
    run.ledger.openLot(lotId, null, run.runId, replayed, providers(), run.now);
    run.progress.say("%s: replaying %d objects (%s)", lotId, objects.size(), String.join(", ", reprocess));
    return Plan.of(lotId, false, replayed, 0, replayed, run.config);
  }

  private Map<String, String> providers() {
    Map<String, String> providers = new HashMap<>();
    run.config.sources().forEach(s -> providers.put(s.name(), s.provider()));
    return providers;
  }

  /**
   * Runs {@code work} with Spark SQL's code generation off, then restores the settings. For the
   * ledger's small queries at the start of a command: in a fresh JVM, compiling their plans takes
   * longer than interpreting a few rows (about a second of a run with nothing new).
   */
  private static <T> T interpreted(SparkSession spark, java.util.function.Supplier<T> work) {
    Map<String, String> settings = Map.of("spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN");
    Map<String, String> before = new HashMap<>();
    settings.forEach((k, v) -> {
      before.put(k, spark.conf().getOption(k).getOrElse(() -> null));
      spark.conf().set(k, v);
    });
    try {
      return work.get();
    } finally {
      before.forEach((k, v) -> {
        if (v == null) spark.conf().unset(k);
        else spark.conf().set(k, v);
      });
    }
  }
}
