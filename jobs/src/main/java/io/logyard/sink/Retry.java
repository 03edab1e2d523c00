package io.logyard.sink;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.util.function.Supplier;

/**
 * Retries a Delta commit that lost a race with a concurrent writer (parallel ingest tasks of one
 * lot write the same tables). Only idempotent writes are retried: every logyard write replaces
 * the slice it owns, so doing it again is safe.
 */
public final class Retry {
  static final int ATTEMPTS = 8;

  private Retry() {}

  public static <T> T onConflict(String what, Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (DeltaConcurrentModificationException e) {
        if (attempt >= ATTEMPTS) {
          throw new IllegalStateException(what + ": still conflicting with concurrent writers after " + ATTEMPTS + " attempts", e);
        }
        try {
          Thread.sleep(Math.min(10_000L, 200L << attempt) + (long) (Math.random() * 200));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(what + ": interrupted while waiting to retry", ie);
        }
      }
    }
  }

  public static void onConflict(String what, Runnable write) {
    onConflict(what, () -> {
      write.run();
      return null;
    });
  }
}
