package io.logyard.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    GeneratorOptions d = GeneratorOptions.defaults();
    assertEquals(List.of(Provider.AWS, Provider.GCP, Provider.AZURE, Provider.OCI), d.providers());
    assertEquals("2026-11-20T10:00:00Z", d.start().toString());
    assertEquals(30, d.minutes());
    assertEquals(40, d.linesPerMinute());
    assertEquals(42, d.seed());
    assertEquals(0.01, d.malformedRate());
    assertEquals(0.005, d.emergencyRate());
    assertEquals(0.01, d.securityRate());
    assertEquals(2, d.nodesPerProvider());
  }

  @Test
  void badValuesNameTheirOption() {
    GeneratorOptions d = GeneratorOptions.defaults();
    assertMessage("--minutes", () -> d.withMinutes(-1));
    assertMessage("--minutes", () -> d.withMinutes(0));
    assertMessage("--lines-per-minute", () -> d.withLinesPerMinute(0));
    assertMessage("--lines-per-minute", () -> d.withLinesPerMinute(Integer.MAX_VALUE));
    assertMessage("--nodes-per-provider", () -> d.withNodesPerProvider(0));
    assertMessage("--malformed-rate", () -> d.withMalformedRate(1.5));
    assertMessage("--malformed-rate", () -> d.withMalformedRate(Double.NaN));
    assertMessage("--emergency-rate", () -> d.withEmergencyRate(-0.1));
    assertMessage("--security-rate", () -> d.withSecurityRate(2));
    assertMessage("--providers", () -> d.withProviders(List.of()));
    assertMessage("--providers", () -> d.withProviders(List.of(Provider.AWS, Provider.AWS)));
  }

  @Test
  void providersAreNamedCaseInsensitively() {
    assertEquals(Provider.AZURE, Provider.fromId(" Azure"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Provider.fromId("ibm"));
    assertTrue(e.getMessage().contains("aws, gcp, azure, oci"), e.getMessage());
  }

  private static void assertMessage(String option, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().startsWith(option + ":"), e.getMessage());
  }
}
