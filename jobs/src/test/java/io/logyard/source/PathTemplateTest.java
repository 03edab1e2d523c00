package io.logyard.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
  @Test
  void capturesVariablesAndDateParts() {
    PathTemplate t = PathTemplate.compile("{region}/access/{yyyy}/{mm}/{dd}/{node}-{*}");
    assertEquals(Map.of("region", "us-east-1", "yyyy", "2026", "mm", "11", "dd", "20", "node", "aws-node-1"),
        t.match("us-east-1/access/2026/11/20/aws-node-1-20261120T1000.log.gz"));
  }

  @Test
  void rejectsKeysThatDoNotFit() {
    PathTemplate t = PathTemplate.compile("y={yyyy}/m={mm}/d={dd}/{node}-{*}");
    assertNull(t.match("y=2026/m=11/node-1.log"));
    assertNull(t.match("y=26/m=11/d=20/node-1.log"));
    assertNull(t.match("y=2026/m=11/d=20/extra/node-1.log"));
  }

  @Test
  void gzipVariantOfAnExactNameMatches() {
    PathTemplate t = PathTemplate.compile("{yyyy}/{node}.log");
    assertEquals("n1", t.match("2026/n1.log.gz").get("node"));
  }

  @Test
  void explainsBadTemplates() {
    assertEquals("variable {node} appears twice",
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.compile("{node}/{node}")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> PathTemplate.compile("{yyyy/{mm}"));
    assertThrows(IllegalArgumentException.class, () -> PathTemplate.compile("/abs/{node}"));
  }
}
