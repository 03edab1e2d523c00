package io.logyard.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldTableTest {
  private final FieldTable table = FieldTable.builder()
      .attribute("a", FieldType.STRING, "kept")
      .column("status", FieldType.STRING, (ev, v, n, c) -> Scan.httpStatus(ev, v, "status", c))
      .attribute("bytes", FieldType.LONG, "kept and a column", (ev, v, n, c) -> ev.responseBytes = n)
      .build();

  @Test
  void fillsColumnsKeepsAttributesAndExtras() throws MalformedLineException {
    LogEvent ev = new LogEvent();
    String[] values = {"x", "404", "12", "more", "", "last"};
    for (int i = 0; i < values.length; i++) {
      table.set(i, ev, values[i], i + 1);
    }
    assertEquals(404, ev.httpStatus);
    assertEquals(12L, ev.responseBytes);
    assertEquals(Map.of("a", "x", "bytes", "12", "extra_1", "more", "extra_3", "last"),
        ev.attributes);
  }

  @Test
  void valuesInPlaceKeepTheirTextAndDashOrEmptyIsAbsent() throws MalformedLineException {
    String line = "x 007 0 999 1000 - 65535";
    for (String number : new String[] {"007", "0", "999", "1000", "-", "", "65535"}) {
      LogEvent ev = new LogEvent();
      int from = line.indexOf(number.isEmpty() ? "x" : number);
      table.set(2, ev, line, from, from + number.length(), from + 1);
      boolean absent = number.isEmpty() || number.equals("-");
      assertEquals(absent ? Map.of() : Map.of("bytes", number), ev.attributes);
      assertEquals(absent ? null : Long.valueOf(number), ev.responseBytes);
    }
  }

  @Test
  void numbersAndStatusAreValidatedWithTheFieldAndColumn() {
    MalformedLineException e = assertThrows(MalformedLineException.class,
        () -> table.set(2, new LogEvent(), "12k", 9));
    assertEquals("expected a number for bytes at column 9, found '12k'", e.reason());
    e = assertThrows(MalformedLineException.class, () -> table.set(1, new LogEvent(), "OK", 3));
    assertEquals("expected the status at column 3, found 'OK'", e.reason());
  }

  @Test
  void namesIndicesAndDeclaredAttributes() {
    assertEquals(1, table.index("status"));
    assertEquals("extra field 2", table.name(4));
    assertEquals(List.of("a", "bytes"), table.attributes().stream().map(Field::name).toList());
    assertThrows(IllegalArgumentException.class, () -> FieldTable.builder()
        .attribute("a", FieldType.STRING, "x").attribute("a", FieldType.STRING, "y").build());
  }

  @Test
  void aUsualValueIsTheDeclaredConstantAndAnyOtherStillReads() throws MalformedLineException {
    FieldTable t = FieldTable.builder()
        .attribute("action", FieldType.STRING, "ACCEPT or REJECT").values("ACCEPT", "REJECT")
        .build();
    String line = "x ACCEPT REJECTED ACCEPt";
    LogEvent ev = new LogEvent();
    t.set(0, ev, line, 2, 8, 3);
    assertSame("ACCEPT", ev.attributes.get("action"), "no copy of a usual value");
    for (String other : new String[] {"REJECTED", "ACCEPt"}) {
      LogEvent e = new LogEvent();
      int from = line.indexOf(other);
      t.set(0, e, line, from, from + other.length(), from + 1);
      assertEquals(other, e.attributes.get("action"));
    }
  }
}
