package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.config.LogyardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Date-prefix listing on the local filesystem: which folders are listed, which objects are found. */
class DiscoveryTest {
  @TempDir Path root;
  private static final Discovery.Window NOV_20_21 = new Discovery.Window(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));

  private void touch(String rel) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "x\n");
  }

  private Discovery.Listing list(String template, boolean full) {
    var s = new LogyardConfig.Source("s", "aws", root.toString(), "combined", template, null, null, Map.of(), Map.of(),
        LogyardConfig.Connection.NONE, LogyardConfig.Credentials.DEFAULT, 2, full);
    return Discovery.list(s, new Configuration(), NOV_20_21);
  }

  private static List<String> names(Discovery.Listing l) {
    return l.objects().stream().map(o -> o.uri().substring(o.uri().lastIndexOf('/') + 1)).sorted().toList();
  }

  @Test
  void listsOnlyTheWindowsDatePrefixesBelowVariableFolders() throws IOException {
    touch("us-east-1/access/2026/11/19/n1-a.log");
    touch("us-east-1/access/2026/11/20/n1-b.log");
    touch("us-east-1/access/2026/11/21/n1-c.log.gz");
    touch("eu-west-1/access/2026/11/21/n2-d.log");
    touch("eu-west-1/app/2026/11/21/n2-e.log");
    touch("eu-west-1/access/2026/11/21/.n2-f.log.tmp");
    Discovery.Listing l = list("{region}/access/{yyyy}/{mm}/{dd}/{node}-{*}", false);
    assertEquals(List.of("n1-b.log", "n1-c.log.gz", "n2-d.log"), names(l));
    assertEquals(4, l.prefixes().size(), l.prefixes().toString());
    assertTrue(l.prefixes().stream().noneMatch(p -> p.contains("/19")), l.prefixes().toString());
    assertEquals("4 date prefixes for 2026-11-20..2026-11-21", l.how());
    assertEquals(Map.of("region", "us-east-1", "yyyy", "2026", "mm", "11", "dd", "20", "node", "n1"), l.objects().stream()
        .filter(o -> o.uri().endsWith("n1-b.log")).findFirst().orElseThrow().vars());
  }

  @Test
  void datePartsSharingAFolderAndHoursBelowTheDay() throws IOException {
    touch("2026-11-19/n1-a.log");
    touch("2026-11-21/n1-b.log");
    assertEquals(List.of("n1-b.log"), names(list("{yyyy}-{mm}-{dd}/{node}-{*}", false)));
    touch("y=2026/m=11/d=20/h=23/n1-c.log");
    touch("y=2026/m=11/d=18/h=01/n1-d.log");
    Discovery.Listing hours = list("y={yyyy}/m={mm}/d={dd}/h={hh}/{node}-{*}", false);
    assertEquals(List.of("n1-c.log"), names(hours));
    assertEquals(2, hours.prefixes().size(), "the day folders, not 48 hour folders");
  }

  @Test
  void aDateInTheFileNameFiltersItsFolder() throws IOException {
    touch("logs/n1-20261119.log");
    touch("logs/n1-20261121.log");
    assertEquals(List.of("n1-20261121.log"), names(list("logs/{node}-{yyyy}{mm}{dd}.log", false)));
  }

  @Test
  void withoutDatePartsOrWithFullListingEverythingIsListed() throws IOException {
    touch("2026/11/01/n1-a.log");
    touch("2026/11/21/n1-b.log");
    Discovery.Listing noDates = list("{*}/{*}/{*}/{node}-{*}", false);
    assertEquals(List.of("n1-a.log", "n1-b.log"), names(noDates));
    assertEquals("full listing: the path template has no date parts ({yyyy}/{mm}/{dd})", noDates.how());
    assertEquals(List.of("n1-a.log", "n1-b.log"), names(list("{yyyy}/{mm}/{dd}/{node}-{*}", true)));
  }

  @Test
  void aRootWhosePathHasBlanksAndPercentSignsIsListedAndItsObjectsStatAndBelongToIt() throws IOException {
    Path odd = root.resolve("my logs 100%");
    for (String name : List.of("a b.log", "x%20y.log", "ü-ñ.log", "colon:name.log")) {
      Files.createDirectories(odd);
      Files.writeString(odd.resolve(name), "x\n");
    }
    var s = new LogyardConfig.Source("s", "local", odd.toString(), "combined", null, null, null, Map.of(), Map.of(),
        LogyardConfig.Connection.NONE, LogyardConfig.Credentials.DEFAULT, 2, true);
    assertEquals("file:" + odd, Locations.qualify(odd.toString()), "written as Hadoop writes paths");
    List<SourceObject> listed = Discovery.list(s, new Configuration(), NOV_20_21).objects();
    assertEquals(List.of("a b.log", "colon:name.log", "x%20y.log", "ü-ñ.log"), names(Discovery.list(s, new Configuration(), NOV_20_21)));
    for (SourceObject o : listed) {
      assertTrue(Discovery.owns(s, o.uri()), o.uri());
      assertEquals(o.uri(), Discovery.stat(s, new Configuration(), o.uri()).uri());
    }
    String plainPath = odd.resolve("a b.log").toString();
    assertEquals("file:" + plainPath, Discovery.stat(s, new Configuration(), Locations.qualify(plainPath)).uri(),
        "a local path given to --reprocess names the object the ledger has");
  }

  @Test
  void aMissingRootIsEmpty() {
    var s = new LogyardConfig.Source("s", "aws", root.resolve("nothing").toString(), "combined", "{yyyy}/{mm}/{dd}/{*}", null, null,
        Map.of(), Map.of());
    assertEquals(List.of(), Discovery.list(s, new Configuration(), NOV_20_21).objects());
  }

  @Test
  void windowEndsTodayAndCountsTodayAsADay() {
    assertEquals(NOV_20_21, Discovery.Window.endingOn(LocalDate.of(2026, 11, 21), 2));
  }

  @Test
  void etagsCompareBareWhateverHadoopLineListedThem() {
    assertEquals("7f53", Discovery.bareEtag("\"7f53\""), "S3A 3.4 keeps the quotes");
    assertEquals("7f53", Discovery.bareEtag("7f53"), "S3A 3.3 drops them");
    assertEquals("7f53", Discovery.bareEtag("W/\"7f53\""));
    assertEquals(null, Discovery.bareEtag("\"\""));
    SourceObject now = new SourceObject("s", "s3a://b/k", 10, 1000, "7f53", Map.of());
    assertTrue(new Ledger.Seen(10, 1000, "\"7f53\"").sameAs(now), "a ledger etag with quotes is the same version");
    assertTrue(!new Ledger.Seen(10, 1000, "\"0000\"").sameAs(now), "another etag is another version");
  }
}
