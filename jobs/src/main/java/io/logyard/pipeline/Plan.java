package io.logyard.pipeline;

import io.logyard.config.LogyardConfig;
import io.logyard.source.SourceObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link PlanLot} chose: a lot to work on.
 *
 * @param resumed it was opened by an earlier run that did not finish it
 * @param objects per source name, how many objects the lot holds
 * @param waiting objects seen but still within the settle time
 * @param pending the sources with objects of the lot still to ingest, in configuration order
 */
public record Plan(String lotId, boolean resumed, boolean empty, Map<String, Integer> objects, int waiting, List<Pending> pending) {
  public int objectCount() {
    return objects.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** A source's objects of a lot still to ingest: how many, and their bytes. */
  public record Pending(String source, int objects, long bytes) {}

  /** A lot of these objects. */
  static Plan of(String lotId, boolean resumed, List<SourceObject> all, int waiting, List<SourceObject> pending, LogyardConfig config) {
    return new Plan(lotId, resumed, false, perSource(all), waiting, pending(pending, config));
  }

  /** Per source, in configuration order, the objects' count and bytes (sources the configuration no longer has last). */
  private static List<Pending> pending(List<SourceObject> objects, LogyardConfig config) {
    Map<String, Pending> bySource = new LinkedHashMap<>();
    config.sources().forEach(s -> bySource.put(s.name(), null)); // merge replaces a null value, keeping the order
    for (SourceObject o : objects) {
      bySource.merge(o.sourceName(), new Pending(o.sourceName(), 1, o.size()),
          (a, b) -> new Pending(a.source(), a.objects() + 1, a.bytes() + b.bytes()));
    }
    return bySource.values().stream().filter(java.util.Objects::nonNull).toList();
  }

  /** Per source name, how many of {@code objects} it has, in the objects' order. */
  static Map<String, Integer> perSource(List<SourceObject> objects) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (SourceObject o : objects) m.merge(o.sourceName(), 1, Integer::sum);
    return m;
  }
}
