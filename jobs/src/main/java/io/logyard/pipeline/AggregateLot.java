package io.logyard.pipeline;

import io.logyard.sink.DeltaSink;
import io.logyard.sink.TableSchemas;
import io.logyard.source.Ledger;
import io.logyard.source.SourceObject;
import io.logyard.transform.Aggregates;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Recomputes log_aggregates for every window the lot's objects touched, before and after (the
 * ledger recorded them at ingest), from all of log_results' rows in those windows, replacing the
 * windows' rows in one commit; then marks the lot done. Refuses a lot with objects still pending.
 */
public final class AggregateLot {
  private final LotRun run;
  private final String lotId;

  AggregateLot(LotRun run, String lotId) {
    this.run = run;
    this.lotId = lotId;
  }

  public Aggregated execute() {
    Ledger.Lot lot = run.lot(lotId);
    List<SourceObject> pending = lot.inState(Ledger.PENDING);
    if (!pending.isEmpty()) {
      throw new IllegalStateException("lot " + lotId + " still has " + pending.size() + " objects not ingested (sources "
          + Plan.perSource(pending).keySet() + "): run ingest for them first");
    }
    TreeSet<Instant> windows = run.ledger.windows(lotId);
    var pipeline = run.config.pipeline();
    long rows = 0;
    if (!windows.isEmpty()) {
      String logResults = run.tables.path(TableSchemas.LOG_RESULTS);
      Dataset<Row> affected = Aggregates.inWindows(
          DeltaSink.readDays(run.spark, logResults, DeltaSink.days(windows)), windows, pipeline.windowMinutes());
      rows = DeltaSink.replace(run.spark,
          Aggregates.windows(affected, pipeline.windowMinutes(), pipeline.topEndpoints(), pipeline.maxMessages()),
          run.tables.path(TableSchemas.LOG_AGGREGATES), TableSchemas.LOG_AGGREGATES, DeltaSink.inWindows(windows));
    }
    run.progress.say("  log_aggregates  %8d rows in %d windows", rows, windows.size());
    run.phases.end("aggregate");
    run.ledger.markDone(lotId, run.runId, run.now);
    run.phases.end("ledger");
    return new Aggregated(rows, windows.size());
  }
}
