package io.logyard.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse lock on a local disk: one holder at a time, waiting, scopes, stale locks taken over. */
class WarehouseLockTest {
  @TempDir Path warehouse;
  private final List<String> said = Collections.synchronizedList(new ArrayList<>());

  private WarehouseLock lock(List<String> names, String runId, Clock clock, Duration wait) {
    return WarehouseLock.acquire(warehouse.toString(), new Configuration(), names, runId, "run", clock, wait,
        WarehouseLock.DEFAULT_TTL, said::add);
  }

  private WarehouseLock lock(String runId, Duration wait) {
    return lock(WarehouseLock.names(true, List.of("a", "b")), runId, Clock.systemUTC(), wait);
  }

  @Test
  void aSecondRunIsRefusedNamingTheHolderThenGetsItOnceReleased() {
    WarehouseLock first = lock("run-first", Duration.ZERO);
    WarehouseLock.HeldException e = assertThrows(WarehouseLock.HeldException.class, () -> lock("run-second", Duration.ZERO));
    assertTrue(e.getMessage().contains("held by run run-first (run, host "), e.getMessage());
    assertEquals("run-first", e.holder().runId());
    first.close();
    lock("run-second", Duration.ZERO).close();
    assertEquals(List.of(), lockFiles(), "nothing left behind");
  }

  @Test
  void theRunIdGivenLaterIsWhatOthersSee() {
    try (WarehouseLock first = lock("", Duration.ZERO)) {
      String before = assertThrows(WarehouseLock.HeldException.class, () -> lock("x", Duration.ZERO)).getMessage();
      assertTrue(before.contains("held by a run starting (host "), before);
      first.runId("run-20261120-abc");
      WarehouseLock.HeldException e = assertThrows(WarehouseLock.HeldException.class, () -> lock("x", Duration.ZERO));
      assertEquals("run-20261120-abc", e.holder().runId());
    }
  }

  @Test
  void aSecondRunWaitsForTheFirst() throws Exception {
    WarehouseLock first = lock("run-first", Duration.ZERO);
    AtomicBoolean firstReleased = new AtomicBoolean();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<Boolean> second = pool.submit(() -> {
      try (WarehouseLock l = lock("run-second", Duration.ofMinutes(5))) {
        return firstReleased.get();
      }
    });
    while (said.stream().noneMatch(s -> s.startsWith("waiting up to 300 s for lock warehouse, held by run run-first"))) {
      assertFalse(second.isDone(), "the second took the lock while the first held it");
      Thread.sleep(20);
    }
    firstReleased.set(true);
    first.close();
    assertTrue(second.get(5, TimeUnit.MINUTES), "the second ran only after the first released");
    pool.shutdown();
  }

  @Test
  void ofManyRacingRunsExactlyOneGetsTheWarehouse() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<WarehouseLock>> tries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "run-" + i;
      tries.add(pool.submit(() -> {
        go.await();
        try {
          return lock(id, Duration.ZERO);
        } catch (WarehouseLock.HeldException e) {
          return null;
        }
      }));
    }
    go.countDown();
    List<WarehouseLock> won = new ArrayList<>();
    for (Future<WarehouseLock> f : tries) if (f.get() != null) won.add(f.get());
    assertEquals(1, won.size());
    won.forEach(WarehouseLock::close);
    pool.shutdown();
  }

  @Test
  void ingestsOfDifferentSourcesShareTheWarehouseButNotWithARun() {
    try (WarehouseLock a = lock(WarehouseLock.names(false, List.of("a")), "ingest-a", Clock.systemUTC(), Duration.ZERO);
        WarehouseLock b = lock(WarehouseLock.names(false, List.of("b")), "ingest-b", Clock.systemUTC(), Duration.ZERO)) {
      WarehouseLock.HeldException e = assertThrows(WarehouseLock.HeldException.class, () -> lock("run-x", Duration.ZERO));
      assertTrue(e.getMessage().contains("lock source-a is held by run ingest-a"), e.getMessage());
      assertEquals(List.of("source-a.lock", "source-b.lock"), lockFiles(), "the refused run left nothing behind");
    }
    try (WarehouseLock run = lock("run-x", Duration.ZERO)) {
      assertThrows(WarehouseLock.HeldException.class,
          () -> lock(WarehouseLock.names(false, List.of("b")), "ingest-b", Clock.systemUTC(), Duration.ZERO));
    }
  }

  @Test
  void aLockWhoseHeartbeatExpiredIsTakenOver() {
    // a holder whose clock says an hour ago: its heartbeats expire before they are written
    WarehouseLock hung = lock("run-hung", Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
    try (WarehouseLock next = lock("run-next", Duration.ZERO)) {
      assertTrue(said.stream().anyMatch(s -> s.startsWith("taking over the stale lock warehouse of run run-hung")
          && s.contains("no heartbeat since")), said.toString());
      hung.close();
      assertThrows(WarehouseLock.HeldException.class, () -> lock("run-third", Duration.ZERO),
          "the old holder's release leaves the new holder's lock alone");
    }
  }

  private WarehouseLock lock(String runId, Clock clock) {
    return lock(WarehouseLock.names(true, List.of("a", "b")), runId, clock, Duration.ZERO);
  }

  @Test
  void aLockOfAKilledProcessIsTakenOverAtOnce() throws Exception {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(), warehouse.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && !line.equals("held")) {
        // the child's start-up chatter
      }
      assertEquals("held", line, "the child took the lock");
      assertThrows(WarehouseLock.HeldException.class, () -> lock("run-next", Duration.ZERO), "held while the process lives");
      holder.destroyForcibly(); // kill -9: no finally, no shutdown hook
      holder.waitFor();
    }
    try (WarehouseLock next = lock("run-next", Duration.ZERO)) {
      assertTrue(said.stream().anyMatch(s -> s.contains("run-killed") && s.contains("on this host is gone")), said.toString());
    }
  }

  /** Takes the warehouse lock, says so, and waits to be killed. */
  public static final class HoldLock {
    public static void main(String[] args) throws Exception {
      WarehouseLock.acquire(args[0], new Configuration(), WarehouseLock.names(true, List.of("a", "b")), "run-killed", "run",
          Clock.systemUTC(), Duration.ZERO, WarehouseLock.DEFAULT_TTL, s -> { });
      System.out.println("held");
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  private List<String> lockFiles() {
    try (var files = Files.list(warehouse.resolve("_locks"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
