package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.format.LogFormats;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain object read as byte ranges, as the tasks read them one after the other, cut at every
 * possible size: the rows, event ids, offsets and counts are the ones of the object read whole,
 * every line read once, whether it straddles a boundary, ends in CRLF, is empty or is the last
 * one without a newline; and each range's line count numbers the next range's lines.
 */
class SplitRangesTest {
  @TempDir Path dir;

  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  private static final Map<String, LotReader.SourceSpec> SPECS = Map.of("s", new LotReader.SourceSpec("combined", Map.of(), Map.of(),
      new EventRow.SourceMeta("s", "aws", null, "us-east-1", "combined")));

  /** Combined lines of different lengths, one with CRLF, an empty one, a bad one, the last without a newline. */
  static String content(int lines) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      if (i == 3) {
        b.append("not a log line\n");
        continue;
      }
      if (i == 6) {
        b.append("\n");
        continue;
      }
      b.append("198.51.100.").append(i).append(" - - [20/Nov/2026:10:").append(String.format("%02d", i % 60))
          .append(":00 +0000] \"GET /").append("p".repeat(i % 7)).append(" HTTP/1.1\" 200 ").append(i).append(" \"-\" \"ua\"")
          .append(i == 4 ? "\r\n" : i == lines - 1 ? "" : "\n");
    }
    return b.toString();
  }

  /** The rows of the ranges, read in order by one reader; line numbers counted from the object's start. */
  private static List<String> read(List<LotReader.Range> ranges, long[] counts) {
    List<String> out = new ArrayList<>();
    long linesBefore = 0;
    List<ReadRows.Item> range = new ArrayList<>();
    for (ReadRows.Item r : ReadRows.read(ranges.iterator(), SPECS, ANONYMIZER, new LotReader.Run("run-1", 0L, 5, (level, message) -> null))) {
      if (!r.kind().equals("C")) {
        range.add(r);
        continue;
      }
      for (ReadRows.Item x : range) {
        out.add(x.kind() + " " + ((long) x.get("line_number") + linesBefore) + " @" + x.get("source_offset")
            + " " + x.get("event_id") + " " + x.get("client_ip") + " " + x.get("endpoint") + " " + x.get("reason")
            + " " + x.get("raw_line"));
      }
      range.clear();
      linesBefore += r.counts().lines();
      counts[0] += r.counts().linesRead();
      counts[1] += r.counts().parsed();
      counts[2] += r.counts().quarantined();
      counts[3] += r.counts().skipped();
    }
    assertTrue(range.isEmpty(), "every range ends with its counts");
    return out;
  }

  @Test
  void everySplitSizeReadsEveryLineOnceWithTheWholeObjectsRows() throws IOException {
    String text = content(12);
    Path f = Files.writeString(dir.resolve("access.log"), text);
    SourceObject o = new SourceObject("s", f.toUri().toString(), Files.size(f), 0, null, Map.of());
    long[] wholeCounts = new long[4];
    List<String> whole = read(List.of(LotReader.Range.whole(o)), wholeCounts);
    assertEquals(List.of(12L, 10L, 2L, 0L), List.of(wholeCounts[0], wholeCounts[1], wholeCounts[2], wholeCounts[3]), whole.toString());
    assertTrue(whole.stream().anyMatch(r -> r.startsWith("Q 4 ")), "the bad line is line 4: " + whole);
    assertTrue(whole.stream().anyMatch(r -> r.startsWith("P 12 ")), "the last line, without newline, is read: " + whole);

    for (long split = 1; split <= text.length(); split++) {
      List<LotReader.Range> ranges = LotReader.ranges(List.of(o), x -> true, split);
      assertEquals((text.length() + split - 1) / split, ranges.size());
      long[] counts = new long[4];
      List<String> rows = read(ranges, counts);
      assertEquals(whole, rows, "split size " + split);
      assertEquals(List.of(wholeCounts[0], wholeCounts[1], wholeCounts[2]), List.of(counts[0], counts[1], counts[2]), "split size " + split);
    }
  }

  @Test
  void rangesCoverTheObjectAndTheLastOneReadsToItsEnd() {
    SourceObject o = new SourceObject("s", "file:/x.log", 1000, 0, null, Map.of());
    List<LotReader.Range> r = LotReader.ranges(List.of(o), x -> true, 300);
    assertEquals(4, r.size());
    assertEquals(0, r.get(0).start());
    for (int i = 1; i < r.size(); i++) assertEquals(r.get(i - 1).end(), r.get(i).start());
    assertEquals(Long.MAX_VALUE, r.get(3).end());
    assertEquals(List.of(LotReader.Range.whole(o)), LotReader.ranges(List.of(o), x -> false, 300), "not splittable: whole");
    assertEquals(List.of(LotReader.Range.whole(o)), LotReader.ranges(List.of(o), x -> true, 1000), "not bigger than a task: whole");
  }

  @Test
  void formatsThatCarryStateFromLineToLineAreNotSplittable() {
    Map<String, Boolean> expected = new TreeMap<>(Map.of(
        "combined", true, "json", true, "s3-access", true, "gcs-usage", true,
        "aws-cloudfront", false, "aws-vpc-flow", false, "aws-cloudtrail", false, "azure-monitor", false));
    Map<String, Boolean> actual = new TreeMap<>();
    expected.keySet().forEach(n -> actual.put(n, LogFormats.create(n, Map.of()).splittable()));
    assertEquals(expected, actual);
  }
}
