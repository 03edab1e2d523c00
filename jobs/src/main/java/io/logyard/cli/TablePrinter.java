package io.logyard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints query results: an aligned text table, or one JSON object per row. */
final class TablePrinter {
  private static final int MAX_CELL = 80;

  private TablePrinter() {}

  static void json(Dataset<Row> df, int limit, PrintWriter out) {
    for (String line : df.limit(limit).toJSON().collectAsList()) out.println(line);
    out.flush();
  }

  static void table(Dataset<Row> df, int limit, PrintWriter out) {
    String[] names = df.columns();
    List<Row> rows = df.limit(limit + 1).collectAsList();
    boolean more = rows.size() > limit;
    if (more) rows = rows.subList(0, limit);
    List<String[]> cells = new ArrayList<>();
    int[] width = new int[names.length];
    for (int i = 0; i < names.length; i++) width[i] = names[i].length();
    for (Row r : rows) {
      String[] c = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        c[i] = cell(r.get(i));
        width[i] = Math.max(width[i], c[i].length());
      }
      cells.add(c);
    }
    out.println(line(names, width));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    out.println(rule);
    for (String[] c : cells) out.println(line(c, width));
    out.println("(" + rows.size() + (more ? "+ rows, showing the first " + limit + "; use --limit" : rows.size() == 1 ? " row" : " rows") + ")");
    out.flush();
  }

  private static String line(String[] c, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      if (i > 0) b.append(" | ");
      b.append(c[i]).append(" ".repeat(width[i] - c[i].length()));
    }
    return b.toString().stripTrailing();
  }

  private static String cell(Object v) {
    String s;
    if (v == null) {
      s = "NULL";
    } else if (v instanceof scala.collection.Map<?, ?> m) {
      s = m.mkString("{", ", ", "}").replace(" -> ", "=");
    } else if (v instanceof scala.collection.Seq<?> seq) {
      s = seq.mkString("[", ", ", "]");
    } else {
      s = v.toString();
    }
    s = s.replace('\n', ' ').replace('\t', ' ');
    return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
  }
}
