package io.logyard.source;

import io.logyard.privacy.Anonymizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Function1;

/** What one reading task makes of its ranges, in the order it makes it, without Spark: for the reader's tests. */
final class ReadRows {
  private ReadRows() {}

  /** One thing the reader made: a parsed row ("P"), a quarantined line ("Q"), a range's counts ("C") or its unread mark ("U"). */
  record Item(String kind, Row row, StagedRows.RangeCounts counts, StagedRows.Unread unread) {
    /** The row's value of {@code column}, null when its kind has no such column. */
    Object get(String column) {
      return row == null || !Arrays.asList(row.schema().fieldNames()).contains(column) ? null : row.getAs(column);
    }

    String uri() {
      return counts != null ? counts.uri() : unread != null ? unread.uri() : row.getAs("source_uri");
    }

    @Override
    public String toString() {
      return kind + " " + (row != null ? row : counts != null ? counts : unread);
    }
  }

  static List<Item> read(Iterator<LotReader.Range> ranges, Map<String, LotReader.SourceSpec> specs, Anonymizer anonymizer,
      LotReader.Run run) {
    Function1<Object, Object> parsed = CatalystTypeConverters.createToScalaConverter(StagedRows.PARSED);
    Function1<Object, Object> quarantined = CatalystTypeConverters.createToScalaConverter(StagedRows.QUARANTINED);
    List<Item> out = new ArrayList<>();
    LotReader.ObjectRows reader = new LotReader.ObjectRows(specs, Map.of(), anonymizer, run);
    reader.readAll(ranges, new StagedRows.Sink() {
      @Override
      public void parsed(InternalRow row, Integer day) {
        out.add(new Item("P", (Row) parsed.apply(row), null, null));
      }

      @Override
      public void quarantined(InternalRow row) {
        out.add(new Item("Q", (Row) quarantined.apply(row), null, null));
      }

      @Override
      public void counts(StagedRows.RangeCounts c) {
        out.add(new Item("C", null, c, null));
      }

      @Override
      public void unread(StagedRows.Unread u) {
        out.add(new Item("U", null, null, u));
      }
    });
    reader.closeFileSystems();
    return out;
  }
}
