package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.LogyardConfig;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every object key a store allows ({@code :}, spaces, {@code %}, {@code #}, {@code ?}, {@code +},
 * unicode) round-trips from a listing through the ledger's URI string to reading; and an object
 * that cannot be opened or read is reported unread, never counted as read.
 */
class ObjectKeysTest {
  /** Keys the stores allow and Hadoop paths trip on. */
  static final List<String> ODD_NAMES = List.of(
      "ts 2026-11-20T10:00:00.log", "10:00:00_10:59:59_S0.log", "pct%41%2F.log", "hash#1.log", "q?x=1&y.log",
      "plus+1 2.log", "ünï-日本.log", "[br]{ce}'quote'.log");
  static final String LINE = "203.0.113.9 - - [20/Nov/2026:10:00:0%d +0000] \"GET /a HTTP/1.1\" 200 12 \"-\" \"ua\"\n";

  @TempDir Path root;

  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));

  private static String lines(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.append(LINE.formatted(i % 10));
    return b.toString();
  }

  private LogyardConfig.Source source() {
    return new LogyardConfig.Source("s", "aws", root.toString(), "combined", "{yyyy}/{mm}/{dd}/{*}", null, null, Map.of(), Map.of(),
        LogyardConfig.Connection.NONE, LogyardConfig.Credentials.DEFAULT, 1, false);
  }

  /** Reads {@code objects} as one task would: per URI, what the reader made of it. */
  static Map<String, List<ReadRows.Item>> read(List<SourceObject> objects) {
    Map<String, List<ReadRows.Item>> out = new TreeMap<>();
    for (ReadRows.Item r : ReadRows.read(objects.stream().map(LotReader.Range::whole).iterator(),
        Map.of("s", new LotReader.SourceSpec("combined", Map.of(), Map.of(), new EventRow.SourceMeta("s", "aws", null, null, "combined"))),
        ANONYMIZER, new LotReader.Run("run-1", 0L, 5, (level, message) -> null))) {
      out.computeIfAbsent(r.uri(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  private static List<String> kinds(List<ReadRows.Item> rows) {
    return rows.stream().map(ReadRows.Item::kind).toList();
  }

  @Test
  void everyKeyTheStoreAllowsIsListedAndRead() throws IOException {
    Path day = Files.createDirectories(root.resolve("2026/11/20"));
    for (String name : ODD_NAMES) Files.writeString(day.resolve(name), lines(5));
    Discovery.Listing listing = Discovery.list(source(), new Configuration(),
        new Discovery.Window(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20)));
    List<String> names = listing.objects().stream().map(o -> o.uri().substring(o.uri().lastIndexOf('/') + 1)).sorted().toList();
    assertEquals(ODD_NAMES.stream().sorted().toList(), names);

    // the ledger keeps only the URI string: read from a copy rebuilt from it
    List<SourceObject> fromLedger = listing.objects().stream()
        .map(o -> new SourceObject(o.sourceName(), new String(o.uri().toCharArray()), o.size(), o.modificationTime(), null, Map.of()))
        .toList();
    Map<String, List<ReadRows.Item>> read = read(fromLedger);
    assertEquals(ODD_NAMES.size(), read.size());
    read.forEach((uri, rows) -> {
      ReadRows.Item last = rows.get(rows.size() - 1);
      assertEquals("C", last.kind(), uri + ": " + rows);
      assertEquals(5L, last.counts().linesRead(), uri + " lines read");
      assertEquals(5L, last.counts().parsed(), uri + " parsed: " + rows);
    });
  }

  @Test
  void anObjectThatCannotBeOpenedIsUnreadNotDone() throws IOException {
    Path day = Files.createDirectories(root.resolve("2026/11/20"));
    Files.writeString(day.resolve("ok.log"), lines(2));
    List<SourceObject> objects = List.of(
        new SourceObject("s", day.resolve("gone:1.log").toUri().toString(), 10, 0, null, Map.of()),
        new SourceObject("s", day.resolve("ok.log").toUri().toString(), 10, 0, null, Map.of()));
    Map<String, List<ReadRows.Item>> read = read(objects);
    List<ReadRows.Item> gone = read.entrySet().stream().filter(e -> e.getKey().contains("gone")).findFirst().orElseThrow().getValue();
    assertEquals(List.of("U"), kinds(gone), gone.toString());
    assertTrue(gone.get(0).unread().reason().contains("FileNotFoundException"), gone.get(0).unread().reason());
    List<ReadRows.Item> ok = read.entrySet().stream().filter(e -> e.getKey().endsWith("ok.log")).findFirst().orElseThrow().getValue();
    assertEquals(List.of("P", "P", "C"), kinds(ok));
  }

  @Test
  void aTruncatedGzipIsDamagedContentAndCounted() throws IOException {
    Path day = Files.createDirectories(root.resolve("2026/11/20"));
    Path gz = day.resolve("t.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(lines(200).getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(all, all.length / 2));
    List<ReadRows.Item> rows = read(List.of(new SourceObject("s", gz.toUri().toString(), 10, 0, null, Map.of()))).values().iterator().next();
    ReadRows.Item last = rows.get(rows.size() - 1);
    assertEquals("C", last.kind(), rows.toString());
    StagedRows.RangeCounts counts = last.counts();
    assertEquals(1L, counts.quarantined(), "the rest of the object is one quarantined line");
    assertEquals(counts.linesRead(), counts.parsed() + counts.quarantined());
    assertFalse(kinds(rows).contains("U"));
  }

  @Test
  void aStorageFailurePartWayIsUnreadNotDamage() throws IOException {
    LotReader.StorageStream s = new LotReader.StorageStream(new java.io.InputStream() {
      int n;

      @Override
      public int read() throws IOException {
        if (n++ < 3) return 'x';
        throw new java.net.SocketException("Connection reset");
      }
    });
    assertEquals('x', s.read());
    try {
      s.readAllBytes();
    } catch (IOException expected) {
      // the stream's failure is remembered: it is the store's, not the content's
    }
    assertTrue(s.failed());
  }
}
