package io.logyard.privacy;

import io.logyard.format.Field;
import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import java.util.List;

/** A format that only declares a field list: for applying a policy to hand-made events. */
record DeclaredFormat(String name, List<Field> fields) implements LogFormat {

  @Override
  public LogEvent parse(String line) {
    throw new UnsupportedOperationException("declares fields only");
  }
}
