package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logyard.SparkTestSession;
import io.logyard.source.Ledger;
import io.logyard.source.SourceObject;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} shows the newest lots and every unfinished one, without reading the rest of the ledger. */
class StatusRecentTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static String path;
  private static final Instant LATEST = Instant.parse("2026-11-20T12:00:00Z");

  private static void lot(Ledger ledger, String lotId, Duration before, boolean finish) {
    Timestamp at = Timestamp.from(LATEST.minus(before));
    SourceObject o = new SourceObject("s", "file:/logs/" + lotId + ".log", 10, at.getTime(), null, Map.of());
    ledger.openLot(lotId, null, "run-" + lotId, List.of(o), Map.of("s", "local"), at);
    if (!finish) return;
    ledger.markIngested(lotId, "run-" + lotId, Map.of(o.uri(), new Ledger.Counts(2, 2, 0, 0, List.of())), at, false);
    ledger.markDone(lotId, "run-" + lotId, at);
  }

  @BeforeAll
  static void setUp() {
    spark = SparkTestSession.get();
    path = dir.resolve("ledger").toString();
    Ledger ledger = Ledger.open(spark, path);
    lot(ledger, "lot-000001", Duration.ofDays(10), true);
    lot(ledger, "lot-000002", Duration.ofDays(5), false); // cut short, never finished
    lot(ledger, "lot-000003", Duration.ofHours(1), true);
    lot(ledger, "lot-000004", Duration.ZERO, true);
  }

  private static TreeSet<String> shown(int n) {
    return new TreeSet<>(StatusJob.lots(StatusJob.recent(spark, path, n, 0)).select("lot_id").as(Encoders.STRING()).collectAsList());
  }

  @Test
  void theNewestLotsAndEveryUnfinishedOne() {
    assertEquals(new TreeSet<>(List.of("lot-000002", "lot-000003", "lot-000004")), shown(2));
    assertEquals(new TreeSet<>(List.of("lot-000002", "lot-000004")), shown(1));
  }

  @Test
  void aSmallLedgerIsReadWholeAndShowsTheSameLots() {
    for (int n : new int[] {1, 2, 3, 20}) {
      StatusJob.Shown small = StatusJob.shown(spark, path, n);
      assertEquals(shown(n), new TreeSet<>(small.lots().select("lot_id").as(Encoders.STRING()).collectAsList()));
      assertEquals(shown(n), new TreeSet<>(small.rows().select("lot_id").distinct().as(Encoders.STRING()).collectAsList()));
    }
  }

  @Test
  void perSourceTheObjectsCommittedAndPendingInTheLotsShown() {
    Row all = StatusJob.sources(StatusJob.recent(spark, path, 20, 0)).first();
    assertEquals(List.of("s", "local", 3L, 1L, 6L, 6L, 0L, "lot-000004"),
        List.of(all.get(0), all.get(1), all.get(2), all.get(3), all.get(4), all.get(5), all.get(6), all.get(7)));
    Row newest = StatusJob.sources(StatusJob.recent(spark, path, 1, 0)).first();
    assertEquals(List.of(1L, 1L, 2L), List.of(newest.get(2), newest.get(3), newest.get(4)));
  }

  @Test
  void looksFurtherBackUntilItHasEnoughLots() {
    assertEquals(new TreeSet<>(List.of("lot-000002", "lot-000003", "lot-000004")), shown(3));
    assertEquals(new TreeSet<>(List.of("lot-000001", "lot-000002", "lot-000003", "lot-000004")), shown(4));
    assertEquals(new TreeSet<>(List.of("lot-000001", "lot-000002", "lot-000003", "lot-000004")), shown(20));
  }
}
