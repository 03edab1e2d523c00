package io.logyard.source;

import java.util.Map;

/**
 * Objects of a lot that the store would not open or serve to the end (missing, denied, a lost
 * connection): they were not ingested and stay pending in the ledger, so that the lot stays
 * unfinished and the next run reads them again. The other objects' rows are written. The
 * reasons are scrubbed where they are made ({@link LotReader}).
 */
public final class UnreadObjectsException extends IllegalStateException {
  private final Map<String, String> reasons;

  /**
   * @param lotId the lot the objects belong to
   * @param total how many objects the ingest tried to read
   * @param reasons per unread object's URI, why it was not read
   */
  public UnreadObjectsException(String lotId, int total, Map<String, String> reasons) {
    super(message(lotId, total, reasons));
    this.reasons = Map.copyOf(reasons);
  }

  /** Per unread object's URI, why it was not read. */
  public Map<String, String> reasons() {
    return reasons;
  }

  private static String message(String lotId, int total, Map<String, String> reasons) {
    StringBuilder b = new StringBuilder(lotId).append(": ").append(reasons.size()).append(" of ").append(total)
        .append(" objects could not be read and stay pending (the lot stays unfinished; the next run reads them again):");
    reasons.forEach((uri, why) -> b.append("\n  ").append(uri).append(": ").append(why));
    return b.toString();
  }
}
