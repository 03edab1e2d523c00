package io.logyard.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logyard.source.LotReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmergenciesTest {
  private final LotReader.EmergencyRouter router = Emergencies.router(List.of("CRITICAL", "EMERGENCY"), List.of("[SECURITY]", "[AUDIT]"));

  @Test
  void byLevelOrSecurityMarkerWithTheReasonLevelFirst() {
    assertEquals("alert_level CRITICAL", router.reason("CRITICAL", "db down"));
    assertEquals("alert_level EMERGENCY", router.reason("EMERGENCY", "[SECURITY] both"));
    assertEquals("message contains [SECURITY]", router.reason("INFO", "[SECURITY] 5 failed logins"));
    assertEquals("message contains [AUDIT]", router.reason(null, "x [AUDIT] y"));
    assertNull(router.reason("ERROR", "plain error"));
    assertNull(router.reason(null, null));
  }
}
