package io.logyard.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Delta's per-file statistics ({@code numRecords}, {@code minValues}, {@code maxValues},
 * {@code nullCount}) of a Parquet file, read from its footer: the row count is exact, and every
 * bound given holds every value of the file, so data skipping stays correct. Bounds are given only
 * where the footer has them: strings up to {@value #STRING_PREFIX} characters (Delta keeps
 * prefixes of that length; a longer one is left out), whole numbers, and timestamps written as
 * INT64 microseconds (widened to the millisecond Delta keeps: min down, max up).
 */
final class FooterStats {
  static final int STRING_PREFIX = 32;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private FooterStats() {}

  /** The statistics JSON of {@code file} for the top-level {@code columns} it holds. */
  static String json(Configuration hadoop, Path file, Collection<String> columns) {
    ParquetMetadata footer;
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, hadoop))) {
      footer = reader.getFooter();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the footer of " + file, e);
    }
    long rows = 0;
    Map<String, Statistics<?>> merged = new LinkedHashMap<>();
    Map<String, Boolean> complete = new LinkedHashMap<>();
    for (BlockMetaData block : footer.getBlocks()) {
      rows += block.getRowCount();
      for (ColumnChunkMetaData c : block.getColumns()) {
        if (c.getPath().size() != 1 || !columns.contains(c.getPath().toArray()[0])) continue;
        String name = c.getPath().toArray()[0];
        Statistics<?> s = c.getStatistics();
        if (s == null || !s.isNumNullsSet()) {
          complete.put(name, false);
          continue;
        }
        complete.putIfAbsent(name, true);
        merged.computeIfAbsent(name, n -> Statistics.createStats(c.getPrimitiveType())).mergeStatistics(s);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("numRecords", rows);
    ObjectNode min = out.putObject("minValues");
    ObjectNode max = out.putObject("maxValues");
    ObjectNode nulls = out.putObject("nullCount");
    merged.forEach((name, s) -> {
      if (!complete.get(name)) return;
      nulls.put(name, s.getNumNulls());
      if (s.hasNonNullValue()) bounds(name, s, min, max);
    });
    try {
      return JSON.writeValueAsString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void bounds(String name, Statistics<?> s, ObjectNode min, ObjectNode max) {
    PrimitiveType type = s.type();
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BINARY -> {
        if (!(logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation)) return;
        String lo = ((Binary) s.genericGetMin()).toStringUsingUTF8();
        String hi = ((Binary) s.genericGetMax()).toStringUsingUTF8();
        if (lo.length() > STRING_PREFIX || hi.length() > STRING_PREFIX) return;
        min.put(name, lo);
        max.put(name, hi);
      }
      case INT32 -> {
        if (logical != null && !(logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation)) return;
        min.put(name, (Integer) s.genericGetMin());
        max.put(name, (Integer) s.genericGetMax());
      }
      case INT64 -> {
        long lo = (Long) s.genericGetMin(), hi = (Long) s.genericGetMax();
        if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
          min.put(name, lo);
          max.put(name, hi);
        } else if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
            && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS && t.isAdjustedToUTC()) {
          min.put(name, MILLIS.format(Instant.ofEpochMilli(Math.floorDiv(lo, 1000L))));
          max.put(name, MILLIS.format(Instant.ofEpochMilli(Math.floorDiv(hi + 999L, 1000L))));
        }
      }
      default -> { }
    }
  }
}
