package io.logyard.job;

import java.util.Set;

/**
 * {@code logyard run}: the three {@link PipelineStages} in one process. A lot left unfinished
 * by a killed run is finished first; then new objects form a lot of their own (or, with
 * {@code --reprocess}, the objects to replay do).
 */
public final class RunJob {
  private RunJob() {}

  /** What one lot of a run did. */
  public record Summary(
      String lotId, boolean resumed, boolean empty, int objects, int waiting,
      PipelineStages.Ingested ingested, PipelineStages.Aggregated aggregated) {}

  /** Runs every stage; returns one summary per lot handled (a resumed lot, then the new one). */
  public static java.util.List<Summary> run(PipelineStages stages, Interval interval) {
    return run(stages, interval, null, java.util.List.of(), lotId -> {});
  }

  /**
   * As {@link #run(PipelineStages, Interval)}, with a backfill's first day ({@code since}, or
   * null), or replaying {@code reprocess} (object URIs or lot ids) instead of discovering; each
   * finished lot is handed to {@code export} (Parquet, BigQuery).
   */
  public static java.util.List<Summary> run(PipelineStages stages, Interval interval, java.time.LocalDate since,
      java.util.List<String> reprocess, java.util.function.Consumer<String> export) {
    if (!reprocess.isEmpty() && (interval != null || since != null)) {
      throw new IllegalArgumentException("--reprocess replays the objects it names: it takes no interval and no --since");
    }
    java.util.List<Summary> out = new java.util.ArrayList<>();
    while (true) {
      PipelineStages.Plan plan = reprocess.isEmpty() ? stages.discover(interval, since) : stages.reprocess(reprocess);
      if (plan.empty()) {
        out.add(new Summary(plan.lotId(), false, true, 0, plan.waiting(), PipelineStages.Ingested.NONE, new PipelineStages.Aggregated(0, 0)));
        return out;
      }
      PipelineStages.Ingested ingested = stages.ingest(plan.lotId(), Set.of(), true);
      PipelineStages.Aggregated aggregated = stages.aggregate(plan.lotId());
      export.accept(plan.lotId());
      out.add(new Summary(plan.lotId(), plan.resumed(), false, plan.objectCount(), plan.waiting(), ingested, aggregated));
      if (!plan.resumed()) return out;
    }
  }
}
