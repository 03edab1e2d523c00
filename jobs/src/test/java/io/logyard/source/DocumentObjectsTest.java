package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects whose records are not lines, read as a task reads them: a CloudTrail file (one JSON
 * document holding a Records array, gzip'd as AWS delivers it) gives one event per record, each
 * with its own event id, a bad record a quarantine row, and records read = parsed + quarantined
 * (the fixture holds four records, one with a bad eventTime).
 */
class DocumentObjectsTest {
  @TempDir Path dir;

  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));

  private List<ReadRows.Item> read(String format, Path file) {
    return ReadRows.read(List.of(LotReader.Range.whole(new SourceObject("s", file.toUri().toString(), 10, 0, null, Map.of()))).iterator(),
        Map.of("s", new LotReader.SourceSpec(format, Map.of(), Map.of(), new EventRow.SourceMeta("s", "aws", "1", "us-east-1", format))),
        ANONYMIZER, new LotReader.Run("run-1", 0L, 5, (level, message) -> null));
  }

  private static List<Row> parsed(List<ReadRows.Item> items) {
    return items.stream().filter(r -> r.kind().equals("P")).map(ReadRows.Item::row).toList();
  }

  @Test
  void aCloudTrailDocumentGivesOneEventPerRecord() throws IOException {
    Path gz = dir.resolve("123456789012_CloudTrail_us-east-1_20261120T1000Z_abc.json.gz");
    try (InputStream in = getClass().getResourceAsStream("/formats/aws-cloudtrail-document.json");
        var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      in.transferTo(out);
    }
    List<ReadRows.Item> rows = read("aws-cloudtrail", gz);
    List<Row> parsed = parsed(rows);
    StagedRows.RangeCounts counts = rows.stream().filter(r -> r.kind().equals("C")).findFirst().orElseThrow().counts();
    assertEquals(3, parsed.size(), rows.toString());
    assertEquals(3L, counts.parsed());
    assertEquals(1L, counts.quarantined());
    assertTrue(rows.stream().anyMatch(r -> r.kind().equals("Q")
        && ((String) r.get("reason")).startsWith("field 'eventTime': bad timestamp")), rows.toString());
    assertEquals(counts.linesRead(), counts.parsed() + counts.quarantined() + counts.skipped());
    assertEquals(3, new HashSet<>(parsed.stream().map(r -> r.<String>getAs("event_id")).toList()).size(), "one event id per record");
    assertTrue(parsed.stream().noneMatch(r -> String.valueOf((Object) r.getAs("attributes")).contains("AKIAIOSFODNN7EXAMPLE")),
        "access key ids are pseudonymized");
  }

  @Test
  void aCloudTrailDocumentOnOneLineToo() throws IOException {
    String doc = new String(getClass().getResourceAsStream("/formats/aws-cloudtrail-document.json").readAllBytes(), StandardCharsets.UTF_8)
        .replace("\n", " ");
    Path f = Files.writeString(dir.resolve("one-line.json"), doc + "\n");
    List<Row> parsed = parsed(read("aws-cloudtrail", f));
    assertEquals(3, parsed.size());
    assertEquals(3, new HashSet<>(parsed.stream().map(r -> r.<String>getAs("event_id")).toList()).size(), "one event id per record");
  }

  /** The documented id (DESIGN.md): a stable hash of the object's URI and the line's byte offset. */
  @Test
  void anEventIdIsTheHashOfTheObjectsUriAndTheLinesOffset() throws Exception {
    String first = "203.0.113.9 - - [20/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"curl/8\"";
    String second = "203.0.113.9 - - [20/Nov/2026:10:00:01 +0000] \"GET /b HTTP/1.1\" 200 5 \"-\" \"curl/8\"";
    Path f = Files.writeString(dir.resolve("access.log"), first + "\n" + second + "\n");
    List<Row> parsed = parsed(read("combined", f));
    assertEquals(2, parsed.size());
    String uri = f.toUri().toString();
    assertEquals(sha256Hex32(uri + ":0"), parsed.get(0).getAs("event_id"));
    assertEquals(sha256Hex32(uri + ":" + (first.length() + 1)), parsed.get(1).getAs("event_id"));
  }

  private static String sha256Hex32(String s) throws Exception {
    byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(d, 0, 16);
  }
}
