package io.logyard.format;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The attribute map of a {@link LogEvent}: insertion-ordered like a {@code LinkedHashMap} (a put
 * of a present key keeps its place, a removal closes the gap; null keys and values allowed), but
 * held in two arrays (keys, values) instead of an entry object per attribute, which is most of
 * what a parser allocates per line. A 64-bit filter of the key hashes put so far answers most
 * lookups of an absent key (every put of a new attribute) without comparing keys; the others
 * compare from the newest up to {@value #LINEAR} attributes and go through an open-addressing
 * index beyond, so that a JSON line with thousands of keys stays linear. The map of a line of a
 * field table starts with the table's names as its keys ({@link #Attributes(Expected)}): no key
 * array of its own while the line puts them in order.
 */
final class Attributes extends AbstractMap<String, String> {
  private static final int LINEAR = 32;

  private String[] keys;
  /**
   * The expected keys whose array {@link #keys} is while the entries are its first {@link #size}
   * keys ({@link #Attributes(Expected)}): read only, copied before anything else is written; else
   * null.
   */
  private Expected expected;
  private String[] values;
  private int size;
  /**
   * Bit {@code hash % 64} of every key put since the last clear: a clear bit means absent. Kept
   * by {@link Expected#filters} instead while the keys are the expected ones.
   */
  private long filter;
  /** Slot to position + 1 (0: empty), for more than {@link #LINEAR} entries; null: rebuild. */
  private int[] index;
  private int modCount;

  Attributes(int expected) {
    int capacity = Math.max(4, expected);
    keys = new String[capacity];
    values = new String[capacity];
  }

  /**
   * Distinct keys that maps made by {@link #Attributes(Expected)} expect in this order (a field
   * table's kept names), with the filter of each prefix of them. Immutable, shared.
   */
  static final class Expected {
    private final String[] keys;
    /** {@code filters[n]}: the filter of the first {@code n} keys. */
    private final long[] filters;

    /** @param keys distinct keys, not copied: never to be written */
    Expected(String[] keys) {
      this.keys = keys;
      filters = new long[keys.length + 1];
      for (int i = 0; i < keys.length; i++) {
        filters[i + 1] = filters[i] | bit(hash(keys[i]));
      }
    }
  }

  /**
   * A map expecting the keys of {@code expected} in their order: while they are put so, a put
   * stores only the value (the keys and their filter are the shared ones). Anything else makes
   * the map copy the keys it holds.
   */
  Attributes(Expected expected) {
    this.expected = expected;
    keys = expected.keys;
    values = new String[Math.max(4, keys.length)];
  }

  /** Makes {@link #keys} and {@link #filter} this map's own before a write to them. */
  private void ownKeys() {
    if (expected != null) {
      String[] own = new String[values.length];
      System.arraycopy(keys, 0, own, 0, size);
      keys = own;
      filter = expected.filters[size];
      expected = null;
    }
  }

  private static int hash(Object key) {
    return key == null ? 0 : key.hashCode();
  }

  private static long bit(int h) {
    return 1L << (h ^ (h >>> 6) ^ (h >>> 12));
  }

  /** The position of {@code key}, or -1. */
  private int find(Object key) {
    int h = hash(key);
    long f = expected != null ? expected.filters[size] : filter;
    if ((f & bit(h)) == 0) {
      return -1;
    }
    if (size > LINEAR) {
      return findIndexed(key, h);
    }
    // newest first: a parser reads back what it put last (VPC flow's action and log_status)
    String[] ks = keys;
    for (int i = size - 1; i >= 0; i--) {
      String k = ks[i];
      if (k == key || k != null && k.hashCode() == h && k.equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private int findIndexed(Object key, int h) {
    if (index == null) {
      rebuildIndex();
    }
    int mask = index.length - 1;
    for (int s = slot(h) & mask; ; s = (s + 1) & mask) {
      int pos = index[s] - 1;
      if (pos < 0) {
        return -1;
      }
      if (hash(keys[pos]) == h && Objects.equals(keys[pos], key)) {
        return pos;
      }
    }
  }

  private static int slot(int h) {
    return h ^ (h >>> 16);
  }

  private void rebuildIndex() {
    index = new int[Integer.highestOneBit(size * 3 - 1) << 1];
    for (int i = 0; i < size; i++) {
      indexPosition(i);
    }
  }

  private void indexPosition(int pos) {
    int mask = index.length - 1;
    int s = slot(hash(keys[pos])) & mask;
    while (index[s] != 0) {
      s = (s + 1) & mask;
    }
    index[s] = pos + 1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public String get(Object key) {
    int i = find(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public String put(String key, String value) {
    if (expected != null && size < keys.length && keys[size] == key) {
      // the key expected next, not among those before it (distinct): a new entry, key in place
      values[size] = value;
      return added();
    }
    int i = find(key);
    if (i >= 0) {
      String old = values[i];
      values[i] = value;
      return old;
    }
    ownKeys();
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    values[size] = value;
    filter |= bit(hash(key));
    return added();
  }

  /** Counts the entry just written at {@link #size}; null, the value a put of it returns. */
  private String added() {
    size++;
    modCount++;
    if (index != null) {
      if (size * 3 > index.length * 2) {
        index = null;
      } else {
        indexPosition(size - 1);
      }
    }
    return null;
  }

  @Override
  public String remove(Object key) {
    int i = find(key);
    if (i < 0) {
      return null;
    }
    String old = values[i];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    ownKeys();
    int tail = size - i - 1;
    System.arraycopy(keys, i + 1, keys, i, tail);
    System.arraycopy(values, i + 1, values, i, tail);
    size--;
    keys[size] = null;
    values[size] = null;
    index = null;
    modCount++;
  }

  @Override
  public void clear() {
    ownKeys();
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    filter = 0;
    index = null;
    modCount++;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super String> action) {
    int expected = modCount;
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
      if (modCount != expected) {
        throw new ConcurrentModificationException();
      }
    }
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public void clear() {
        Attributes.this.clear();
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;
          private int last = -1;
          private int expected = modCount;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (modCount != expected) {
              throw new ConcurrentModificationException();
            }
            if (next >= size) {
              throw new NoSuchElementException();
            }
            last = next++;
            return new Entry(last);
          }

          @Override
          public void remove() {
            if (last < 0) {
              throw new IllegalStateException();
            }
            if (modCount != expected) {
              throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
          }
        };
      }
    };
  }

  /** An entry seen by the iterator; {@code setValue} writes through while it is in the map. */
  private final class Entry extends AbstractMap.SimpleEntry<String, String> {
    private final int pos;

    Entry(int pos) {
      super(keys[pos], values[pos]);
      this.pos = pos;
    }

    @Override
    public String setValue(String value) {
      if (pos < size && keys[pos] == getKey()) {
        values[pos] = value;
      }
      return super.setValue(value);
    }
  }
}
