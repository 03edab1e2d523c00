package io.logyard.privacy;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The masked form of recently seen values of one privacy kind. Logs repeat a few user agents,
 * referrers, request lines and identifiers millions of times, and scrubbing one is a scan of
 * every character (a user agent's digits always pass the cheap pre-check); looking it up is a
 * hash and a comparison. Bounded: values longer than {@value #MAX_LENGTH} characters are not
 * kept, and the memo starts over once it holds {@value #MAX_ENTRIES} values, so a column of
 * values that never repeat costs one insertion per value. Held in memory only, never written.
 * Thread-safe.
 */
final class MaskMemo {
  static final int MAX_ENTRIES = 4096;
  static final int MAX_LENGTH = 1024;

  private final ConcurrentHashMap<String, String> masked = new ConcurrentHashMap<>();

  /** The remembered masked form of {@code value}, or null. */
  String get(String value) {
    return value.length() > MAX_LENGTH ? null : masked.get(value);
  }

  /** Remembers that {@code value} masks to {@code result}. */
  void put(String value, String result) {
    if (result == null || value.length() > MAX_LENGTH) {
      return;
    }
    if (masked.size() >= MAX_ENTRIES) {
      masked.clear();
    }
    masked.put(value, result);
  }

  /** The number of values remembered (for tests). */
  int size() {
    return masked.size();
  }
}
