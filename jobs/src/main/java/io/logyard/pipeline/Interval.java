package io.logyard.pipeline;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A scheduler's data interval, [start, end): the lot of an interval holds the objects modified
 * within it, and its id is derived from the start, so a rerun or a backfill of the interval
 * replays exactly the same lot.
 */
public record Interval(Instant start, Instant end) {
  public Interval {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("--interval-start " + start + " must be before --interval-end " + end);
    }
  }

  /** Parses the two ISO-8601 instants; null when neither is given. */
  public static Interval of(String start, String end) {
    if (start == null && end == null) return null;
    if (start == null || end == null) {
      throw new IllegalArgumentException("--interval-start and --interval-end go together");
    }
    return new Interval(parse("--interval-start", start), parse("--interval-end", end));
  }

  private static Instant parse(String option, String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + ": not an ISO-8601 time with offset (e.g. 2026-11-20T10:00:00Z): '" + text + "'");
    }
  }

  /** {@code ivl-20261120T101500Z}: the lot id of this interval. */
  public String lotId() {
    return "ivl-" + start.toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "");
  }

  public boolean contains(long epochMillis) {
    return epochMillis >= start.toEpochMilli() && epochMillis < end.toEpochMilli();
  }

  @Override
  public String toString() {
    return start + "/" + end;
  }
}
