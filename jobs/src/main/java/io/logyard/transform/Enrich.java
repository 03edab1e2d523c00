package io.logyard.transform;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The silver tables' rows from a lot's staged rows ({@code source.StagedRows}), which the reader
 * made complete: anonymized, with the sources' metadata, routed to emergencies.
 */
public final class Enrich {
  private Enrich() {}

  /**
   * Input: quarantined staged rows. Output: the quarantine columns (source_uri, line_number,
   * byte_offset, format, reason, raw_line, run_id, provider, source_name); raw_line is already
   * redacted by the reader.
   */
  public static Dataset<Row> quarantine(Dataset<Row> quarantined) {
    return quarantined.select(
        col("source_uri"),
        col("line_number"),
        col("source_offset").as("byte_offset"),
        col("source_format").as("format"),
        col("reason"),
        col("raw_line"),
        col("run_id"),
        col("provider"),
        col("source_name"));
  }

  /**
   * Input: parsed staged rows. Output: the emergency_logs columns of those the reader routed to
   * emergencies (emergency_reason set; see {@link Emergencies}), the rule in {@code reason}.
   */
  public static Dataset<Row> emergencies(Dataset<Row> parsed) {
    return parsed.filter(col("emergency_reason").isNotNull()).withColumnRenamed("reason", "quarantine_reason")
        .withColumnRenamed("emergency_reason", "reason");
  }
}
