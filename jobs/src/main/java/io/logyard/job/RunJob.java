package io.logyard.job;

import io.logyard.pipeline.Aggregated;
import io.logyard.pipeline.Ingested;
import io.logyard.pipeline.Interval;
import io.logyard.pipeline.LotRun;
import io.logyard.pipeline.Plan;
import io.logyard.privacy.Anonymizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code logyard run}: the three actions of a {@link LotRun} in one process — plan, ingest,
 * aggregate — then the lot's export. A lot left unfinished by a killed run is finished first;
 * then new objects form a lot of their own (or, with {@code --reprocess}, the objects to replay do).
 */
public final class RunJob {
  private RunJob() {}

  /** What one lot of a run did. */
  public record Summary(String lotId, boolean resumed, boolean empty, int objects, int waiting, Ingested ingested, Aggregated aggregated) {}

  /** Runs every action; returns one summary per lot handled (a resumed lot, then the new one). */
  public static List<Summary> run(LotRun run, Anonymizer anonymizer, Interval interval) {
    return run(run, anonymizer, interval, null, List.of(), lotId -> {});
  }

  /**
   * As {@link #run(LotRun, Anonymizer, Interval)}, with a backfill's first day ({@code since}, or
   * null), or replaying {@code reprocess} (object URIs or lot ids) instead of discovering; each
   * finished lot is handed to {@code export} (Parquet, BigQuery).
   */
  public static List<Summary> run(LotRun run, Anonymizer anonymizer, Interval interval, LocalDate since,
      List<String> reprocess, Consumer<String> export) {
    List<Summary> out = new ArrayList<>();
    while (true) {
      Plan plan = run.plan().interval(interval).since(since).reprocess(reprocess).execute();
      if (plan.empty()) {
        out.add(new Summary(plan.lotId(), false, true, 0, plan.waiting(), Ingested.NONE, Aggregated.NONE));
        return out;
      }
      Ingested ingested = run.ingest(plan.lotId(), anonymizer).aggregatedNext(true).execute();
      Aggregated aggregated = run.aggregate(plan.lotId()).execute();
      export.accept(plan.lotId());
      out.add(new Summary(plan.lotId(), plan.resumed(), false, plan.objectCount(), plan.waiting(), ingested, aggregated));
      if (!plan.resumed()) return out;
    }
  }
}
