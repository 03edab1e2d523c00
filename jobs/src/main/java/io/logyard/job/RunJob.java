package io.logyard.job;

import java.util.Set;

/**
 * {@code logyard run}: the three {@link PipelineStages} in one process. A lot left unfinished
 * by a killed run is finished first; then new objects form a lot of their own.
 */
public final class RunJob {
  private RunJob() {}

  /** What one lot of a run did. */
  public record Summary(
      String lotId, boolean resumed, boolean empty, int objects, int waiting,
      PipelineStages.Ingested ingested, PipelineStages.Aggregated aggregated) {}

  /** Runs every stage; returns one summary per lot handled (a resumed lot, then the new one). */
  public static java.util.List<Summary> run(PipelineStages stages, Interval interval) {
    return run(stages, interval, lotId -> {});
  }

  /** As {@link #run(PipelineStages, Interval)}, handing each finished lot to {@code export} (Parquet, BigQuery). */
  public static java.util.List<Summary> run(PipelineStages stages, Interval interval, java.util.function.Consumer<String> export) {
    java.util.List<Summary> out = new java.util.ArrayList<>();
    while (true) {
      PipelineStages.Plan plan = stages.discover(interval);
      if (plan.empty()) {
        out.add(new Summary(plan.lotId(), false, true, 0, plan.waiting(), PipelineStages.Ingested.NONE, new PipelineStages.Aggregated(0, 0)));
        return out;
      }
      PipelineStages.Ingested ingested = stages.ingest(plan.lotId(), Set.of());
      PipelineStages.Aggregated aggregated = stages.aggregate(plan.lotId());
      export.accept(plan.lotId());
      out.add(new Summary(plan.lotId(), plan.resumed(), false, plan.objectCount(), plan.waiting(), ingested, aggregated));
      if (!plan.resumed()) return out;
    }
  }
}
