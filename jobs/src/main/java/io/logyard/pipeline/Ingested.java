package io.logyard.pipeline;

/** What {@link IngestLot} read and wrote: objects, lines read = parsed + quarantined + skipped, and emergencies. */
public record Ingested(int objects, long linesRead, long parsed, long quarantined, long skipped, long emergencies) {
  /** Nothing was ingested. */
  public static final Ingested NONE = new Ingested(0, 0, 0, 0, 0, 0);
}
