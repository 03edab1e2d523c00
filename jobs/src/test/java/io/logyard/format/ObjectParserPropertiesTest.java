package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Every format's object parser, fed a real fixture with lines cut, dropped and spliced: every
 * line is accounted for (records = parsed + quarantined, plus skipped headers), no exception
 * escapes, and no reason is an internal error.
 */
class ObjectParserPropertiesTest {
  private static final List<String> FIXTURES = List.of("aws-cloudtrail-document.json",
      "azure-monitor-records.json", "aws-cloudfront-v24.log", "aws-vpc-flow-custom.log");

  @Property(tries = 300)
  void mutatedObjectsAreFullyAccountedFor(@ForAll long seed) {
    Random r = new Random(seed);
    List<String> names = new ArrayList<>(LogFormats.names());
    String name = names.get(r.nextInt(names.size()));
    List<String> source = new ArrayList<>(Fixtures.lines(name + ".log"));
    if (r.nextBoolean()) {
      source = new ArrayList<>(Fixtures.lines(FIXTURES.get(r.nextInt(FIXTURES.size()))));
    }
    for (int i = 0; i < 3 && !source.isEmpty(); i++) {
      int at = r.nextInt(source.size());
      String line = source.get(at);
      switch (r.nextInt(3)) {
        case 0:
          source.set(at, line.substring(0, r.nextInt(line.length() + 1)));
          break;
        case 1:
          source.remove(at);
          break;
        default:
          source.add(r.nextInt(source.size() + 1), line);
          break;
      }
    }
    LogFormat f = LogFormats.create(name, Map.of());
    ObjectSinkRecorder rec = ObjectSinkRecorder.read(f, source);
    for (String reason : rec.reasons) {
      assertFalse(reason.startsWith("internal parser error"), name + ": " + reason);
    }
    for (int i = 0; i < rec.records.size(); i++) {
      assertEquals(i + 1L, rec.records.get(i), name + ": records numbered in order");
    }
  }
}
