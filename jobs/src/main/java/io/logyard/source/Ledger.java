package io.logyard.source;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.logyard.sink.Retry;
import io.logyard.sink.TableSchemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The discovery ledger: a Delta table with one row per object per lot, and one marker row per
 * empty lot. An object moves from {@code pending} (recorded before any table is written) to
 * {@code ingested} (its rows are in log_results, quarantine and emergency_logs, with its line
 * counts) to {@code done} (its lot's aggregates are written). A lot with objects not yet done
 * was cut short and is finished by the next run; every write is idempotent per object, so the
 * tables end as one clean run would leave them.
 */
public final class Ledger {
  public static final String PENDING = "pending";
  public static final String INGESTED = "ingested";
  public static final String DONE = "done";
  public static final String EMPTY = "empty";

  private final SparkSession spark;
  private final String path;
  /**
   * Lots this instance opened, as it wrote them, kept up to date by its own marks, and their
   * windows: a run that opens, ingests and aggregates a lot does not read it back.
   */
  private final Map<String, Lot> mine = new HashMap<>();
  private final Map<String, TreeSet<Instant>> myWindows = new HashMap<>();
  /** Counts of lots this instance opened, marked ingested and not committed yet ({@link #markIngested}). */
  private final Map<String, Map<String, Counts>> heldCounts = new HashMap<>();
  /**
   * URIs {@link #committed} found no written version of, as of that read (the warehouse lock
   * keeps other runs out; this instance's own marks take theirs out): {@link #earlier} need not
   * ask the table about them again.
   */
  private final java.util.Set<String> notCommitted = new java.util.HashSet<>();

  private Ledger(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /**
   * Opens the ledger at {@code path}, creating an empty one if there is none. A ledger written
   * before it was partitioned by {@code key_day} is rewritten once, in one commit, with its rows
   * in the null partition (their key days were not recorded; lookups always include it).
   */
  public static Ledger open(SparkSession spark, String path) {
    if (io.logyard.sink.DeltaSink.exists(spark, path)) {
      if (!io.logyard.sink.DeltaSink.partitionColumns(spark, path).contains(KEY_DAY)) {
        io.logyard.sink.DeltaSink.repartition(spark, path, TableSchemas.LEDGER);
      }
    } else {
      io.logyard.sink.DeltaSink.create(spark, path, TableSchemas.LEDGER);
    }
    return new Ledger(spark, path);
  }

  /** The ledger's partition column: the day an object's key names ({@link SourceObject#keyDay}). */
  public static final String KEY_DAY = "key_day";

  /**
   * Where the ledger rows of {@code objects} can be: the partitions of their key days and the
   * null one (objects whose template names no day, rows of a ledger from before key days). Every
   * version of an object has its key's day, so no row of these objects is left out; an object
   * without a key day means every partition.
   */
  private static org.apache.spark.sql.Column keyDaysOf(java.util.Collection<SourceObject> objects) {
    java.util.TreeSet<java.time.LocalDate> days = new java.util.TreeSet<>();
    for (SourceObject o : objects) {
      java.time.LocalDate d = o.keyDay();
      if (d == null) return org.apache.spark.sql.functions.lit(true);
      days.add(d);
    }
    return col(KEY_DAY).isin(days.stream().map(java.sql.Date::valueOf).toArray()).or(col(KEY_DAY).isNull());
  }

  public Dataset<Row> table() {
    return io.logyard.sink.DeltaSink.read(spark, path);
  }

  /** What was seen of an object the last time its rows were written. */
  public record Seen(long size, long modificationTime, String etag) {
    /**
     * Whether {@code o} is the same version: same size and time, and the same etag where both are
     * known (compared bare: the ledger may hold one written with quotes).
     */
    public boolean sameAs(SourceObject o) {
      String was = Discovery.bareEtag(etag);
      String is = Discovery.bareEtag(o.etag());
      return size == o.size() && modificationTime == o.modificationTime() && (was == null || is == null || was.equals(is));
    }
  }

  /**
   * Per object of {@code listed} that a lot wrote, the size, modification time and etag of its
   * latest written version. Only the partitions of the objects' key days are read, and only
   * those objects' rows reach the driver.
   */
  public Map<String, Seen> committed(java.util.Collection<SourceObject> listed) {
    Map<String, Seen> seen = new HashMap<>();
    if (listed.isEmpty()) return seen;
    for (Row r : versions(listed).orderBy(col("discovered_at")).collectAsList()) {
      seen.put(r.getString(0), new Seen(r.getLong(1), r.getTimestamp(2).getTime(), r.getString(3)));
    }
    for (SourceObject o : listed) {
      if (!seen.containsKey(o.uri())) notCommitted.add(o.uri());
    }
    return seen;
  }

  /** The written versions of {@code listed}: uri, size, modification time, etag, discovered_at. */
  Dataset<Row> versions(java.util.Collection<SourceObject> listed) {
    Object[] uris = listed.stream().map(SourceObject::uri).toArray();
    return table().filter(keyDaysOf(listed).and(col("state").isin(INGESTED, DONE)).and(col("uri").isin(uris)))
        .select("uri", "size", "modification_time", "etag", "discovered_at");
  }

  /** One object of a lot and how far it got. */
  public record LotObject(SourceObject object, String state) {}

  /** A lot as the ledger holds it. */
  public record Lot(String lotId, String interval, String runId, List<LotObject> objects, boolean empty, long openedMillis) {
    public boolean finished() {
      return empty || objects.stream().allMatch(o -> o.state().equals(DONE));
    }

    public List<SourceObject> inState(String state) {
      return objects.stream().filter(o -> o.state().equals(state)).map(LotObject::object).toList();
    }

    public List<SourceObject> all() {
      return objects.stream().map(LotObject::object).toList();
    }
  }

  /** The lot {@code lotId}, if the ledger has it. */
  public Optional<Lot> lot(String lotId) {
    if (mine.containsKey(lotId)) return Optional.of(mine.get(lotId));
    return lots(table().filter(col("lot_id").equalTo(lotId))).stream().findFirst();
  }

  /** The oldest lot with objects not yet done, if there is one. */
  public Optional<Lot> unfinished() {
    // distinct on the driver: a handful of rows, and no shuffle for the question every run asks
    List<String> lotIds = table().filter(col("state").isin(PENDING, INGESTED)).select("lot_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().distinct().toList();
    if (lotIds.isEmpty()) return Optional.empty();
    return lots(table().filter(col("lot_id").isin(lotIds.toArray()))).stream().findFirst();
  }

  private List<Lot> lots(Dataset<Row> rows) {
    Map<String, List<LotObject>> objects = new LinkedHashMap<>();
    Map<String, String[]> meta = new HashMap<>();
    Map<String, Timestamp> opened = new HashMap<>();
    Map<String, Boolean> empty = new HashMap<>();
    for (Row r : rows.select("lot_id", "data_interval", "run_id", "source_name", "uri", "size", "modification_time", "etag", "state", "discovered_at")
        .orderBy("discovered_at", "uri").collectAsList()) {
      String lot = r.getString(0);
      meta.putIfAbsent(lot, new String[] {r.getString(1), r.getString(2)});
      opened.merge(lot, r.getTimestamp(9), (a, b) -> a.before(b) ? a : b);
      objects.computeIfAbsent(lot, k -> new ArrayList<>());
      if (EMPTY.equals(r.getString(8))) {
        empty.put(lot, true);
        continue;
      }
      objects.get(lot).add(new LotObject(
          new SourceObject(r.getString(3), r.getString(4), r.getLong(5), r.getTimestamp(6).getTime(), r.getString(7), Map.of()),
          r.getString(8)));
    }
    List<Lot> out = new ArrayList<>();
    for (var e : objects.entrySet()) {
      String[] m = meta.get(e.getKey());
      out.add(new Lot(e.getKey(), m[0], m[1], List.copyOf(e.getValue()), empty.getOrDefault(e.getKey(), false),
          opened.get(e.getKey()).getTime()));
    }
    out.sort(Comparator.comparing((Lot l) -> opened.get(l.lotId())));
    return out;
  }

  /**
   * The id the next unscheduled lot gets: {@code lot-000001}, {@code lot-000002}, ... Found in
   * the files' statistics (the largest lot id of each file, which is a {@code lot-} id whenever
   * the file holds one: scheduled intervals' ids, {@code ivl-...}, sort before), not by reading
   * the ledger; read from the rows only when a file has no statistics.
   */
  public String nextLotId() {
    Optional<List<String>> maxima = io.logyard.sink.DeltaSink.maxValues(spark, path, "lot_id");
    String last;
    if (maxima.isPresent()) {
      last = maxima.get().stream().filter(v -> v != null && v.startsWith("lot-")).max(String::compareTo).orElse(null);
    } else {
      Row max = table().filter(col("lot_id").startsWith("lot-")).selectExpr("max(lot_id)").first();
      last = max.isNullAt(0) ? null : max.getString(0);
    }
    long n = last == null ? 0 : Long.parseLong(last.substring("lot-".length()));
    return String.format("lot-%06d", n + 1);
  }

  /**
   * Records the lot's objects as pending, before any table is written, replacing whatever the
   * ledger held for this lot id (a rerun of a scheduled interval) in the same commit.
   */
  public void openLot(String lotId, String interval, String runId, List<SourceObject> objects,
      Map<String, String> providers, Timestamp now) {
    List<Row> rows = new ArrayList<>();
    for (SourceObject o : objects) {
      java.time.LocalDate keyDay = o.keyDay();
      rows.add(row(o.sourceName(), providers.get(o.sourceName()), o.uri(), o.size(), new Timestamp(o.modificationTime()),
          o.etag(), lotId, interval, PENDING, null, null, null, null, null, now, null, runId,
          keyDay == null ? null : java.sql.Date.valueOf(keyDay)));
    }
    writeLot(lotId, rows);
    mine.put(lotId, new Lot(lotId, interval, runId, objects.stream().map(o -> new LotObject(o, PENDING)).toList(), false, now.getTime()));
    myWindows.put(lotId, new TreeSet<>());
  }

  /** The lot this instance opened, with the objects of {@code uris} moved from state {@code from} to {@code to}. */
  private void moved(String lotId, java.util.Collection<String> uris, String from, String to) {
    Lot l = mine.get(lotId);
    if (l == null) return;
    mine.put(lotId, new Lot(l.lotId(), l.interval(), l.runId(), l.objects().stream()
        .map(o -> o.state().equals(from) && (uris == null || uris.contains(o.object().uri())) ? new LotObject(o.object(), to) : o)
        .toList(), l.empty(), l.openedMillis()));
  }

  /** Records a run that found nothing new, so that "nothing arrived" is visible. */
  public void recordEmpty(String lotId, String interval, String runId, Timestamp now) {
    writeLot(lotId, List.of(row(null, null, null, null, null, null, lotId, interval, EMPTY, 0L, 0L, 0L, 0L,
        List.of(), now, now, runId, null)));
  }

  /** Line counts of one object, from reading it, and the windows its rows fall in. */
  public record Counts(long linesRead, long parsed, long quarantined, long skipped, List<Instant> windows) {}

  /**
   * Marks objects of the lot ingested with their counts, in one commit. With {@code held}, and a
   * lot this instance opened, the mark is kept in memory instead (this instance's view of the lot
   * moves on) and committed by {@link #markDone} together with the done state: a run that ingests
   * and aggregates a lot commits to the ledger once for both. A run that stops in between leaves
   * the objects pending; the next run reads them again and replaces the rows this one wrote (its
   * idempotent-write ids show the attempt), as after a crash during the writes.
   */
  public void markIngested(String lotId, String runId, Map<String, Counts> counts, Timestamp now, boolean held) {
    if (counts.isEmpty()) return;
    if (held && mine.containsKey(lotId)) {
      heldCounts.computeIfAbsent(lotId, k -> new LinkedHashMap<>()).putAll(counts);
    } else {
      mergeCounts(lotId, runId, counts, INGESTED, now);
    }
    moved(lotId, counts.keySet(), PENDING, INGESTED);
    if (myWindows.containsKey(lotId)) counts.values().forEach(c -> myWindows.get(lotId).addAll(c.windows()));
  }

  /** One MERGE: the objects of {@code counts} get their counts and {@code state}. */
  private void mergeCounts(String lotId, String runId, Map<String, Counts> counts, String state, Timestamp now) {
    notCommitted.removeAll(counts.keySet());
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Counts> e : counts.entrySet()) {
      Counts c = e.getValue();
      List<Timestamp> windows = c.windows().stream().map(Timestamp::from).toList();
      rows.add(RowFactory.create(e.getKey(), c.linesRead(), c.parsed(), c.quarantined(), c.skipped(),
          windows, now, runId));
    }
    Dataset<Row> updates = spark.createDataFrame(rows, new StructType()
        .add("uri", "string").add("lines_read", "long").add("rows_parsed", "long")
        .add("rows_quarantined", "long").add("lines_skipped", "long")
        .add("windows", DataTypes.createArrayType(DataTypes.TimestampType))
        .add("committed_at", "timestamp").add("run_id", "string"));
    Map<String, org.apache.spark.sql.Column> set = new LinkedHashMap<>();
    set.put("state", org.apache.spark.sql.functions.lit(state));
    for (String c : List.of("lines_read", "rows_parsed", "rows_quarantined", "lines_skipped", "windows", "committed_at", "run_id")) {
      set.put(c, col("u." + c));
    }
    Retry.onConflict("updating the ledger", () -> DeltaTable.forPath(spark, path).as("l")
        .merge(updates.as("u"), col("l.lot_id").equalTo(lotId).and(col("l.uri").equalTo(col("u.uri"))).and(col("l.state").notEqual(EMPTY)))
        .whenMatched().update(set)
        .execute());
  }

  /**
   * Marks every ingested object of the lot done, in one commit, with the counts {@link
   * #markIngested} held for it, if any; when the ledger also holds objects ingested by an earlier
   * run, the held counts are committed first.
   */
  public void markDone(String lotId, String runId, Timestamp now) {
    Map<String, Counts> held = heldCounts.remove(lotId);
    Lot lot = mine.get(lotId);
    if (held != null && lot.objects().stream().allMatch(o -> held.containsKey(o.object().uri()))) {
      mergeCounts(lotId, runId, held, DONE, now);
    } else {
      if (held != null) mergeCounts(lotId, runId, held, INGESTED, now);
      Retry.onConflict("updating the ledger", () -> DeltaTable.forPath(spark, path).update(
          col("lot_id").equalTo(lotId).and(col("state").equalTo(INGESTED)),
          Map.of("state", org.apache.spark.sql.functions.lit(DONE),
              "committed_at", org.apache.spark.sql.functions.lit(now),
              "run_id", org.apache.spark.sql.functions.lit(runId))));
    }
    moved(lotId, null, INGESTED, DONE);
  }

  /** Where earlier lots wrote an object's rows: the windows they recorded and the days (UTC) of its partitions. */
  public record Earlier(TreeSet<Instant> windows, TreeSet<java.time.LocalDate> days) {}

  /**
   * For each of these objects that another lot ingested: the windows its rows touched then and
   * the days of its rows' partitions (the windows' days, and the day of that version's
   * modification time, where its rows without a timestamp are). A re-read object's old rows are
   * confined to these days' partitions.
   */
  public Map<String, Earlier> earlier(java.util.Collection<SourceObject> objects, String lotId) {
    Map<String, Earlier> out = new HashMap<>();
    List<SourceObject> asked = objects.stream().filter(o -> !notCommitted.contains(o.uri())).toList();
    List<String> ask = asked.stream().map(SourceObject::uri).toList();
    if (ask.isEmpty()) return out;
    for (Row r : table().filter(keyDaysOf(asked).and(col("state").isin(INGESTED, DONE)).and(col("lot_id").notEqual(lotId))
            .and(col("uri").isin(ask.toArray())))
        .select("uri", "modification_time", "windows").collectAsList()) {
      Earlier e = out.computeIfAbsent(r.getString(0), k -> new Earlier(new TreeSet<>(), new TreeSet<>()));
      e.days().add(r.getTimestamp(1).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
      if (!r.isNullAt(2)) {
        for (Object w : r.getList(2)) {
          Instant i = ((Timestamp) w).toInstant();
          e.windows().add(i);
          e.days().add(i.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        }
      }
    }
    return out;
  }

  /** Every window the lot's ingested objects touched. */
  public TreeSet<Instant> windows(String lotId) {
    if (mine.containsKey(lotId) && mine.get(lotId).inState(PENDING).isEmpty()) return new TreeSet<>(myWindows.get(lotId));
    TreeSet<Instant> out = new TreeSet<>();
    for (Row r : table().filter(col("lot_id").equalTo(lotId).and(col("windows").isNotNull()))
        .selectExpr("explode(windows)").distinct().collectAsList()) {
      out.add(r.getTimestamp(0).toInstant());
    }
    return out;
  }

  /**
   * Writes a lot's rows in one commit. An id from {@link #nextLotId} is new (the warehouse lock
   * keeps other runs out): its rows are appended, nothing read; any other id (a scheduled
   * interval's) replaces what the ledger held for it.
   */
  private void writeLot(String lotId, List<Row> rows) {
    Dataset<Row> df = spark.createDataFrame(rows, TableSchemas.schema(TableSchemas.LEDGER));
    if (lotId.startsWith("lot-")) {
      Retry.onConflict("updating the ledger", () -> df.write().format("delta").mode("append").save(path));
      return;
    }
    Retry.onConflict("updating the ledger", () -> df.write().format("delta").mode("overwrite")
        .option("replaceWhere", io.logyard.sink.DeltaSink.inList("lot_id", List.of(lotId))).save(path));
  }

  private static Row row(Object... values) {
    return RowFactory.create(values);
  }
}
