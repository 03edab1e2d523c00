package io.logyard.pipeline;

import static org.apache.spark.sql.functions.col;

import io.logyard.config.LogyardConfig;
import io.logyard.sink.BigQuerySink;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.ParquetSink;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import io.logyard.source.Ledger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Exports a lot: copies its slice of the Delta tables to the configured outputs (Parquet with
 * Hive-style partitions, BigQuery), or to one of them ({@link #only}), replacing whatever an
 * earlier export of the same lot wrote; returns what each output's table got. Runs after
 * {@link AggregateLot} (from {@code run}, or as {@code logyard export}); refuses a lot not done.
 *
 * <p>A lot's slice is: the rows of its objects ({@code source_uri}) in log_results,
 * emergency_logs and quarantine, and the rows of the windows it touched in log_aggregates. The
 * partitions it lives in are the lot's providers × the UTC dates of those windows and of its rows.
 */
public final class ExportLot {
  private final SparkSession spark;
  private final LogyardConfig config;
  private final Tables tables;
  private final Progress progress;
  private final String lotId;
  private String only;

  public ExportLot(SparkSession spark, LogyardConfig config, Progress progress, String lotId) {
    this.spark = spark;
    this.config = config;
    this.tables = new Tables(config);
    this.progress = progress;
    this.lotId = lotId;
  }

  /** Only this output ({@code parquet} or {@code bigquery}; null: every configured one). */
  public ExportLot only(String output) {
    this.only = output;
    return this;
  }

  /**
   * The outputs an export to {@code only} (null: all) writes, of those configured; refuses an
   * unknown name, and an export with nothing to write.
   */
  public static List<String> outputs(LogyardConfig config, String only) {
    if (only != null && !List.of("parquet", "bigquery").contains(only)) {
      throw new IllegalArgumentException("--only: parquet or bigquery, found '" + only + "'");
    }
    List<String> to = outputs(config).stream().filter(o -> only == null || only.equals(o)).toList();
    if (to.isEmpty()) {
      throw new IllegalArgumentException("no output to export to" + (only == null ? "" : " (--only " + only + ")")
          + ": set outputs.parquet.path or bigquery.enabled in " + config.origin());
    }
    return to;
  }

  /** What one output's table got: its rows of the lot, and the partitions or rows they replaced. */
  public record Written(String output, String table, long rows, long replaced) {}

  /** What {@link #execute} exported: the lot's slice, and per output and table what it wrote (none for an empty lot). */
  public record Exported(Scope scope, List<Written> written) {}

  /** Whether any output besides Delta is configured. */
  public static boolean anyOutput(LogyardConfig config) {
    return !outputs(config).isEmpty();
  }

  /** The outputs besides Delta that are configured, in the order export writes them: {@code parquet}, {@code bigquery}. */
  public static List<String> outputs(LogyardConfig config) {
    List<String> on = new java.util.ArrayList<>();
    if (config.outputs().parquet().enabled()) on.add("parquet");
    if (config.bigquery().enabled()) on.add("bigquery");
    return List.copyOf(on);
  }

  /**
   * A lot's slice of the tables.
   *
   * @param uris the lot's objects
   * @param providers the providers of its objects
   * @param windows the aggregation windows it touched
   * @param dates the UTC dates of those windows and of its rows' event_date
   */
  public record Scope(String lotId, List<String> uris, Set<String> providers, Set<Instant> windows, Set<LocalDate> dates) {
    public boolean empty() {
      return uris.isEmpty();
    }
  }

  private Scope scope;

  /** The lot's slice of the tables, from the ledger (read once). */
  public Scope scope() {
    if (scope == null) scope = sliceOf();
    return scope;
  }

  private Scope sliceOf() {
    Ledger ledger = Ledger.open(spark, tables.path(TableSchemas.LEDGER));
    Ledger.Lot lot = ledger.lot(lotId).orElseThrow(() -> new IllegalArgumentException("no lot " + lotId + " in the ledger"));
    if (!lot.inState(Ledger.PENDING).isEmpty() || !lot.inState(Ledger.INGESTED).isEmpty()) {
      throw new IllegalStateException("lot " + lotId + " is not done yet (run ingest and aggregate for it first): "
          + "exporting it now would publish a partial lot");
    }
    List<String> uris = lot.all().stream().map(o -> o.uri()).distinct().toList();
    Set<String> providers = new TreeSet<>();
    Set<LocalDate> dates = new TreeSet<>();
    TreeSet<Instant> windows = ledger.windows(lotId);
    windows.forEach(w -> dates.add(w.atZone(ZoneOffset.UTC).toLocalDate()));
    if (!uris.isEmpty()) {
      for (Row r : ledger.table().filter(col("lot_id").equalTo(lotId).and(col("provider").isNotNull()))
          .select("provider").distinct().collectAsList()) {
        providers.add(r.getString(0));
      }
      // rows without an event time are in the partition of their object's modification day
      lot.all().forEach(o -> dates.add(Instant.ofEpochMilli(o.modificationTime()).atZone(ZoneOffset.UTC).toLocalDate()));
    }
    return new Scope(lotId, uris, providers, windows, dates);
  }

  public Exported execute() {
    Scope scope = scope();
    List<Written> written = new java.util.ArrayList<>();
    List<String> to = outputs(config, only);
    if (scope.empty()) {
      progress.say("%s: empty lot, nothing to export", lotId);
      return new Exported(scope, written);
    }
    if (to.contains("parquet")) parquet(scope, written);
    if (to.contains("bigquery")) bigQuery(scope, written);
    return new Exported(scope, List.copyOf(written));
  }

  /** Rebuilds the Parquet partitions the lot touched. */
  private void parquet(Scope scope, List<Written> written) {
    String root = config.outputs().parquet().path();
    for (String table : ParquetSink.TABLES) {
      ParquetSink.Refreshed r = ParquetSink.refresh(spark, delta(table), root, table, scope.lotId(), scope.providers(), scope.dates());
      progress.say("  parquet %-15s %8d rows in %d partitions rebuilt (%d emptied)", table, r.rows(), r.partitionsReplaced(), r.partitionsRemoved());
      written.add(new Written("parquet", table, r.rows(), r.partitionsReplaced()));
    }
  }

  /** Replaces the lot's rows in the BigQuery tables. */
  private void bigQuery(Scope scope, List<Written> written) {
    BigQuerySink sink = new BigQuerySink(config.bigquery());
    for (String table : config.bigquery().tables()) {
      Dataset<Row> rows;
      BigQuerySink.Slice slice;
      if (table.equals(TableSchemas.LOG_AGGREGATES)) {
        rows = DeltaSink.readWindows(spark, tables.path(table), scope.windows());
        slice = BigQuerySink.Slice.windows(scope.windows(), scope.dates());
      } else if (table.equals(TableSchemas.QUARANTINE)) {
        rows = delta(table).filter(DeltaSink.inList("source_uri", scope.uris()));
        slice = BigQuerySink.Slice.objects(scope.uris(), null);
      } else {
        rows = DeltaSink.readDays(spark, tables.path(table), scope.dates()).filter(DeltaSink.inList("source_uri", scope.uris()));
        slice = BigQuerySink.Slice.objects(scope.uris(), scope.dates());
      }
      BigQuerySink.Replaced r = sink.replace(spark, rows, table, scope.lotId(), slice);
      progress.say("  bigquery %-15s %8d rows replaced %d (%s write)", table, r.inserted(), r.deleted(), config.bigquery().writeMethod());
      written.add(new Written("bigquery", table, r.inserted(), r.deleted()));
    }
  }

  private Dataset<Row> delta(String table) {
    return DeltaSink.read(spark, tables.path(table));
  }
}
