package io.logyard.source;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.logyard.sink.TableSchemas;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The discovery ledger: a Delta table with one row per object per lot (and one marker row per
 * empty lot). An object's rows move from {@code pending} — recorded before any table is written
 * — to {@code done} in one commit after every table is written. A lot still pending at start-up
 * was cut short and is processed again; the writes are idempotent per object, so the tables end
 * as one clean run would leave them.
 */
public final class Ledger {
  public static final String PENDING = "pending";
  public static final String DONE = "done";
  public static final String EMPTY = "empty";

  private final SparkSession spark;
  private final String path;

  private Ledger(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /** Opens the ledger at {@code path}, creating an empty one if there is none. */
  public static Ledger open(SparkSession spark, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      spark.createDataFrame(List.of(), TableSchemas.schema(TableSchemas.LEDGER))
          .write().format("delta").mode("ignore").save(path);
    }
    return new Ledger(spark, path);
  }

  public Dataset<Row> table() {
    return spark.read().format("delta").load(path);
  }

  /** What was seen of an object the last time it was committed. */
  public record Seen(long size, long modificationTime) {}

  /** Per URI, the size and modification time of its latest committed version. */
  public Map<String, Seen> committed() {
    Map<String, Seen> seen = new HashMap<>();
    List<Row> rows = table().filter(col("state").equalTo(DONE))
        .select("uri", "size", "modification_time", "committed_at")
        .orderBy(col("committed_at"))
        .collectAsList();
    for (Row r : rows) {
      seen.put(r.getString(0), new Seen(r.getLong(1), r.getTimestamp(2).getTime()));
    }
    return seen;
  }

  /** A lot that was opened and never committed, with its objects, if there is one. */
  public Optional<OpenLot> unfinished() {
    List<Row> rows = table().filter(col("state").equalTo(PENDING))
        .select("lot_id", "source_name", "uri", "size", "modification_time", "etag", "run_id")
        .collectAsList();
    if (rows.isEmpty()) return Optional.empty();
    String lot = rows.stream().map(r -> r.getString(0)).min(String::compareTo).orElseThrow();
    List<SourceObject> objects = new ArrayList<>();
    String run = null;
    for (Row r : rows) {
      if (!r.getString(0).equals(lot)) continue;
      run = r.getString(6);
      objects.add(new SourceObject(r.getString(1), r.getString(2), r.getLong(3), r.getTimestamp(4).getTime(), r.getString(5), null));
    }
    return Optional.of(new OpenLot(lot, run, objects));
  }

  /** A lot recorded as pending. Objects carry no template variables: callers re-derive them. */
  public record OpenLot(String lotId, String runId, List<SourceObject> objects) {}

  /** The id the next lot gets: {@code lot-000001}, {@code lot-000002}, ... */
  public String nextLotId() {
    List<Row> max = table().selectExpr("max(lot_id)").collectAsList();
    String last = max.isEmpty() ? null : max.get(0).getString(0);
    long n = last == null ? 0 : Long.parseLong(last.substring("lot-".length()));
    return String.format("lot-%06d", n + 1);
  }

  /** Records the lot's objects as pending, before any table is written. */
  public void open(String lotId, String runId, List<SourceObject> objects, Map<String, String> providers, Timestamp now) {
    List<Row> rows = new ArrayList<>();
    for (SourceObject o : objects) {
      rows.add(RowFactory.create(o.sourceName(), providers.get(o.sourceName()), o.uri(), o.size(),
          new Timestamp(o.modificationTime()), o.etag(), lotId, PENDING, null, null, null, null, now, null, runId));
    }
    append(rows);
  }

  /** Records a run that found nothing new, so that "nothing arrived" is visible. */
  public void recordEmpty(String lotId, String runId, Timestamp now) {
    append(List.of(RowFactory.create(null, null, null, null, null, null, lotId, EMPTY, 0L, 0L, 0L, 0L, now, now, runId)));
  }

  /** Line counts of one object, from reading it. */
  public record Counts(long linesRead, long parsed, long quarantined, long skipped) {}

  /** Marks every object of the lot done with its counts, in one commit. */
  public void commit(String lotId, String runId, Map<String, Counts> counts, Timestamp now) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Counts> e : counts.entrySet()) {
      Counts c = e.getValue();
      rows.add(RowFactory.create(e.getKey(), c.linesRead(), c.parsed(), c.quarantined(), c.skipped(), now, runId));
    }
    Dataset<Row> updates = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("uri", "string").add("lines_read", "long").add("rows_parsed", "long")
        .add("rows_quarantined", "long").add("lines_skipped", "long")
        .add("committed_at", "timestamp").add("run_id", "string"));
    Map<String, String> set = new LinkedHashMap<>();
    set.put("state", "'" + DONE + "'");
    set.put("lines_read", "u.lines_read");
    set.put("rows_parsed", "u.rows_parsed");
    set.put("rows_quarantined", "u.rows_quarantined");
    set.put("lines_skipped", "u.lines_skipped");
    set.put("committed_at", "u.committed_at");
    set.put("run_id", "u.run_id");
    DeltaTable.forPath(spark, path).as("l")
        .merge(updates.as("u"), "l.lot_id = '" + lotId + "' AND l.state = '" + PENDING + "' AND l.uri = u.uri")
        .whenMatched().updateExpr(set)
        .execute();
  }

  private void append(List<Row> rows) {
    spark.createDataFrame(rows, TableSchemas.schema(TableSchemas.LEDGER))
        .write().format("delta").mode("append").save(path);
  }
}
