package io.logyard.pipeline;

import io.logyard.sink.DeltaSink;
import io.logyard.sink.Staging;
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
 * A lot whose new objects this process just read and appended ({@code run}) brings the figures its
 * reading counted: a window no other file of log_results may hold rows of (by the files'
 * timestamp statistics) takes them as they are, and only the others are counted from the table.
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
    Staging.WindowFigures counted = run.counted.remove(lotId);
    long rows = 0;
    int fromRows = windows.size();
    try {
      if (!windows.isEmpty()) {
        String logResults = run.tables.path(TableSchemas.LOG_RESULTS);
        // windows whose rows are all the lot's take its figures, counted as it was read; the
        // others (other lots' rows too, or no figures) are counted again from log_results
        TreeSet<Instant> shared = counted == null ? windows
            : DeltaSink.windowsOfOtherFiles(run.spark, logResults, windows, pipeline.windowMinutes(), counted.parsedFileNames());
        TreeSet<Instant> own = new TreeSet<>(windows);
        own.removeAll(shared);
        fromRows = shared.size();
        Dataset<Row> figures = counted == null ? null : counted.read(run.spark, own);
        if (!shared.isEmpty()) {
          Dataset<Row> again = Aggregates.partials(Aggregates.inWindows(
              DeltaSink.readDays(run.spark, logResults, DeltaSink.days(shared)), shared, pipeline.windowMinutes()),
              pipeline.windowMinutes(), pipeline.maxMessages());
          figures = figures == null ? again : figures.unionByName(again);
        }
        rows = DeltaSink.replace(run.spark, Aggregates.summarize(figures, pipeline.topEndpoints(), pipeline.maxMessages()),
            run.tables.path(TableSchemas.LOG_AGGREGATES), TableSchemas.LOG_AGGREGATES, DeltaSink.inWindows(windows, pipeline.windowMinutes()));
      }
    } finally {
      if (counted != null) counted.remove(run.spark);
    }
    run.progress.say("  log_aggregates  %8d rows in %d windows (%d counted again from log_results)", rows, windows.size(), fromRows);
    run.phases.end("aggregate");
    run.ledger.markDone(lotId, run.runId, run.now);
    run.phases.end("ledger");
    return new Aggregated(rows, windows.size());
  }
}
