package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line longer than the reader takes is quarantined with only its head, and that head is never
 * cut inside a word: a fragment of an e-mail address, an address or a key would escape the
 * scrubber.
 */
class LongLineTest {
  @TempDir Path dir;

  private static final Anonymizer ANONYMIZER =
      new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
  private static final Map<String, LotReader.SourceSpec> SPECS = Map.of("s", new LotReader.SourceSpec("combined", Map.of(), Map.of(),
      new EventRow.SourceMeta("s", "aws", null, "us-east-1", "combined")));
  private static final String GOOD = "198.51.100.7 - - [20/Nov/2026:10:00:00 +0000] \"GET /x HTTP/1.1\" 200 5 \"-\" \"ua\"\n";

  @Test
  void theHeadOfATooLongLineEndsBetweenWords() throws IOException {
    StringBuilder b = new StringBuilder(GOOD);
    // the 200th character of each long line falls inside an e-mail address, an IPv4 address, an access key id
    for (String planted : List.of("someone.long@example.com", "203.0.113.77", "AKIAIOSFODNN7EXAMPLE")) {
      String head = "x".repeat(190) + " ";
      b.append(head).append(planted).append(' ').append("y".repeat(LotReader.MAX_LINE_BYTES)).append('\n');
    }
    b.append(GOOD);
    Path f = Files.writeString(dir.resolve("access.log"), b);
    SourceObject o = new SourceObject("s", f.toUri().toString(), Files.size(f), 0, null, Map.of());

    List<ReadRows.Item> items = ReadRows.read(List.of(LotReader.Range.whole(o)).iterator(), SPECS, ANONYMIZER,
        new LotReader.Run("run-1", 0L, 5, (level, message) -> null));

    List<ReadRows.Item> quarantined = items.stream().filter(i -> i.kind().equals("Q")).toList();
    assertEquals(3, quarantined.size(), items.toString());
    for (ReadRows.Item q : quarantined) {
      String raw = (String) q.get("raw_line");
      assertTrue(((String) q.get("reason")).startsWith("line longer than "), q.toString());
      assertEquals("x".repeat(190) + " ", raw, "the word under the cut is dropped whole");
    }
    StagedRows.RangeCounts counts = items.stream().filter(i -> i.kind().equals("C")).findFirst().orElseThrow().counts();
    assertEquals(5, counts.linesRead());
    assertEquals(2, counts.parsed());
    assertEquals(3, counts.quarantined());
    assertFalse(items.toString().contains("example.com"));
    assertFalse(items.toString().contains("AKIAIOSF"));
  }
}
