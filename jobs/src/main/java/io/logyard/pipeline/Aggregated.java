package io.logyard.pipeline;

/** What {@link AggregateLot} wrote: log_aggregates rows, and the windows recomputed. */
public record Aggregated(long rows, int windows) {
  /** Nothing was aggregated (an empty lot). */
  public static final Aggregated NONE = new Aggregated(0, 0);
}
