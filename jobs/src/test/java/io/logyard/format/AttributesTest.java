package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Attributes} behaves as the {@code LinkedHashMap} it replaces, at every size. */
class AttributesTest {

  @Test
  void randomOperationsAgreeWithLinkedHashMap() {
    SplittableRandom r = new SplittableRandom(42);
    for (int run = 0; run < 600; run++) {
      // few keys: many replacements; many keys: the indexed lookups past 32 entries
      int keys = 1 + r.nextInt(run % 3 == 0 ? 8 : 120);
      String[] pool = new String[keys];
      for (int i = 0; i < keys; i++) {
        pool[i] = "k" + i;
      }
      // every other run, a map that expects distinct keys of the pool (the very objects)
      List<String> distinct = new ArrayList<>(List.of(pool));
      Collections.shuffle(distinct, new Random(r.nextLong()));
      String[] shared = distinct.subList(0, r.nextInt(keys + 1)).toArray(new String[0]);
      String[] sharedBefore = shared.clone();
      Map<String, String> expected = new LinkedHashMap<>();
      Map<String, String> actual =
          run % 2 == 0
          ? new Attributes(r.nextInt(20))
          : new Attributes(new Attributes.Expected(shared));
      for (int op = 0; op < 400; op++) {
        String k = r.nextInt(50) == 0 ? null : pool[r.nextInt(keys)];
        if (op < shared.length && r.nextInt(3) > 0) {
          k = shared[op]; // often the expected key
        }
        String v = r.nextInt(30) == 0 ? null : "v" + r.nextInt(1000);
        switch (r.nextInt(10)) {
          case 0:
            assertEquals(expected.remove(k), actual.remove(k));
            break;
          case 1:
            assertEquals(expected.containsKey(k), actual.containsKey(k));
            break;
          case 2:
            long seed = r.nextLong();
            iterateRemovingAndSetting(expected, seed);
            iterateRemovingAndSetting(actual, seed);
            break;
          case 3:
            if (r.nextInt(20) == 0) {
              expected.clear();
              actual.clear();
            }
            break;
          case 4:
            assertEquals(expected.merge(k == null ? "m" : k, "w", (x, y) -> x + y),
                actual.merge(k == null ? "m" : k, "w", (x, y) -> x + y));
            break;
          default:
            assertEquals(expected.put(k, v), actual.put(k, v));
        }
        assertEquals(expected.get(k), actual.get(k));
        assertEquals(expected.size(), actual.size());
      }
      assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()));
      assertEquals(expected, actual);
      assertEquals(actual, expected);
      assertEquals(expected.hashCode(), actual.hashCode());
      assertEquals(expected.toString(), actual.toString());
      List<String> seen = new ArrayList<>();
      actual.forEach((k, v) -> seen.add(k + "=" + v));
      List<String> want = new ArrayList<>();
      expected.forEach((k, v) -> want.add(k + "=" + v));
      assertEquals(want, seen);
      assertArrayEquals(sharedBefore, shared);
    }
  }

  @Test
  void aFieldTableLineSharesTheTableNamesWhilePutInOrder() {
    String[] names = {"a", "b", "c"};
    Attributes m = new Attributes(new Attributes.Expected(names));
    m.put("a", "1");
    m.put("b", "2");
    m.put("c", "3");
    m.put("b", "4");
    assertEquals(Map.of("a", "1", "b", "4", "c", "3"), m);
    m.put("extra_1", "5");
    m.remove("a");
    assertEquals(List.of("b", "c", "extra_1"), new ArrayList<>(m.keySet()));
    assertArrayEquals(new String[] {"a", "b", "c"}, names);
    Attributes skipping = new Attributes(new Attributes.Expected(names));
    skipping.put("a", "1");
    skipping.put("c", "3");
    skipping.put("b", "2");
    assertEquals(List.of("a", "c", "b"), new ArrayList<>(skipping.keySet()));
    assertArrayEquals(new String[] {"a", "b", "c"}, names);
  }

  /** Removes and rewrites entries chosen by {@code seed}, the same ones in both maps. */
  private static void iterateRemovingAndSetting(Map<String, String> m, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (Iterator<Map.Entry<String, String>> it = m.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, String> e = it.next();
      int choice = r.nextInt(4);
      if (choice == 0) {
        it.remove();
      } else if (choice == 1) {
        e.setValue(e.getValue() + "!");
      }
    }
  }

  @Test
  void keysWithEqualHashesStayApart() {
    // "Aa" and "BB" hash alike, and so do the 64 words of six of them: past the indexed size too
    List<String> words = new ArrayList<>();
    for (int w = 0; w < 64; w++) {
      StringBuilder b = new StringBuilder();
      for (int bit = 0; bit < 6; bit++) {
        b.append((w >> bit & 1) == 0 ? "Aa" : "BB");
      }
      words.add(b.toString());
    }
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> actual = new Attributes(4);
    for (int round = 0; round < 3; round++) {
      for (int w = 0; w < 64; w++) {
        String k = words.get(w * 7 % 64);
        assertEquals(expected.put(k, round + "/" + w), actual.put(k, round + "/" + w));
        String gone = words.get(w * 13 % 64);
        if (w % 3 == round) {
          assertEquals(expected.remove(gone), actual.remove(gone));
        }
        assertEquals(expected.get(gone), actual.get(gone));
        assertEquals(expected.size(), actual.size());
      }
      assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()));
    }
  }

  @Test
  void iteratorsFailFastAndRefuseASecondRemove() {
    Map<String, String> m = new Attributes(2);
    m.put("a", "1");
    m.put("b", "2");
    Iterator<Map.Entry<String, String>> it = m.entrySet().iterator();
    it.next();
    it.remove();
    assertThrows(IllegalStateException.class, it::remove);
    m.put("c", "3");
    assertThrows(ConcurrentModificationException.class, it::next);
  }
}
