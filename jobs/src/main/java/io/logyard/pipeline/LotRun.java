package io.logyard.pipeline;

import io.logyard.config.LogyardConfig;
import io.logyard.privacy.Anonymizer;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import io.logyard.source.Ledger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * One run of the pipeline over a warehouse: what its actions share (the session, the
 * configuration, the tables, the ledger, the run id and its one "now", the progress lines and
 * the phase clock), and where they start. {@link #open} makes the tables a run writes when they
 * are missing; then {@link #plan}, {@link #ingest} and {@link #aggregate} each make an action
 * that {@code execute()}s once and returns its result record. {@code run} uses all three in one
 * process; the scheduler's commands one each, in separate processes.
 */
public final class LotRun {
  final SparkSession spark;
  final LogyardConfig config;
  final Tables tables;
  final Ledger ledger;
  final Progress progress;
  final String runId;
  final Timestamp now;
  Phases phases = new Phases();
  /** Per lot ingested in this process by appending only new objects' rows, the window figures its reading counted. */
  final java.util.Map<String, io.logyard.sink.Staging.WindowFigures> counted = new java.util.HashMap<>();

  private LotRun(SparkSession spark, LogyardConfig config, Progress progress, Clock clock) {
    this.spark = spark;
    this.config = config;
    this.progress = progress;
    this.tables = new Tables(config);
    Instant started = clock.instant();
    this.now = Timestamp.from(started);
    this.runId = "run-" + started.toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "") + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    this.ledger = Ledger.open(spark, tables.path(TableSchemas.LEDGER));
  }

  /**
   * A run over the warehouse of {@code config}: creates log_results, quarantine, emergency_logs,
   * log_aggregates and the ledger where they do not exist yet.
   *
   * @param clock the one source of "now" of this run: the run id, the lookback of discovery
   *     (which days are "today"), the settle time and the ledger's timestamps
   */
  public static LotRun open(SparkSession spark, LogyardConfig config, Progress progress, Clock clock) {
    Tables tables = new Tables(config);
    for (String table : List.of(TableSchemas.LOG_RESULTS, TableSchemas.QUARANTINE, TableSchemas.EMERGENCY_LOGS, TableSchemas.LOG_AGGREGATES)) {
      DeltaSink.create(spark, tables.path(table), table);
    }
    return new LotRun(spark, config, progress, clock);
  }

  public String runId() {
    return runId;
  }

  public Tables tables() {
    return tables;
  }

  /** Records the time of each phase of the following actions in {@code phases}. */
  public LotRun timing(Phases phases) {
    this.phases = phases;
    phases.restart();
    return this;
  }

  /** Planning: the lot to work on (an unfinished one, new objects, an interval's, or a replay). */
  public PlanLot plan() {
    return new PlanLot(this);
  }

  /**
   * Reading, parsing, anonymizing and writing the lot's pending objects.
   *
   * @param anonymizer the privacy policy every row goes through (a process that only plans or
   *     aggregates reads no log line and needs no pseudonymization key)
   */
  public IngestLot ingest(String lotId, Anonymizer anonymizer) {
    return new IngestLot(this, lotId, anonymizer);
  }

  /** Recomputing the windows the lot touched, and marking it done. */
  public AggregateLot aggregate(String lotId) {
    return new AggregateLot(this, lotId);
  }

  Ledger.Lot lot(String lotId) {
    return ledger.lot(lotId).orElseThrow(() -> new IllegalArgumentException("no lot " + lotId + " in the ledger"));
  }
}
