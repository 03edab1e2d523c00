package io.logyard.format;

/**
 * Splits the space-separated lines of the AWS access logs (S3, ALB, Classic ELB): runs of spaces
 * separate values, a value may be quoted with {@code "} (backslash escapes inside), one field may
 * be bracketed ({@code [time]}), and {@code -} means absent. Each value goes to a
 * {@link FieldTable} by position.
 */
final class SpacedFields {
  private SpacedFields() {}

  /**
   * Hands every value of {@code line} to {@code table}.
   *
   * @param bracketed the position of the field written in brackets, or -1
   * @return the number of values found
   */
  static int scan(String line, FieldTable table, int bracketed, LogEvent ev)
      throws MalformedLineException {
    int end = Scan.trimEnd(line);
    int p = Scan.skipSpaces(line, 0, end);
    if (p >= end) {
      throw Scan.malformed("empty line");
    }
    int field = 0;
    while (p < end) {
      char c = line.charAt(p);
      int from;
      int to;
      int next;
      if (field == bracketed && c == '[') {
        to = line.indexOf(']', p + 1);
        if (to < 0 || to >= end) {
          throw Scan.malformed("expected ']' closing the " + table.name(field)
              + " opened at column " + (p + 1));
        }
        from = p + 1;
        next = to + 1;
      } else if (c == '"') {
        to = Scan.closingQuote(line, p + 1, end);
        if (to < 0) {
          throw Scan.malformed("unterminated quoted " + table.name(field)
              + " starting at column " + (p + 1));
        }
        from = p + 1;
        next = to + 1;
      } else {
        from = p;
        to = Scan.tokenEnd(line, p, end);
        next = to;
      }
      if (field == bracketed && c != '[' && to > from && !Scan.isDash(line, from, to)) {
        throw Scan.malformed("expected '[' opening the " + table.name(field) + " at column "
            + (p + 1) + ", found " + Scan.found(line, p, to));
      }
      table.set(field, ev, line, from, to, p + 1);
      field++;
      p = Scan.skipSpaces(line, next, end);
      if (next < end && line.charAt(next) != ' ') {
        throw Scan.malformed("expected ' ' after the " + table.name(field - 1) + " at column "
            + (next + 1) + ", found " + Scan.found(line, next, end));
      }
    }
    return field;
  }
}
