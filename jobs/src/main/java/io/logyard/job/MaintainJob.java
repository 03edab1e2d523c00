package io.logyard.job;

import io.logyard.config.LogyardConfig;
import io.logyard.pipeline.Progress;
import io.logyard.sink.DeltaMaintenance;
import io.logyard.sink.DeltaSink;
import io.logyard.sink.ParquetSink;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code logyard maintain}: per table, retention (rows older than the configured days deleted,
 * a privacy requirement), then compaction (OPTIMIZE), then VACUUM, which physically removes the
 * files that retention and compaction left unreferenced once the table's
 * {@code delta.deletedFileRetentionDuration} has passed. The Parquet copies get the same
 * retention (their old date partitions are deleted). BigQuery enforces it itself through the
 * partition expiration {@code bigquery setup} sets.
 */
public final class MaintainJob {
  private MaintainJob() {}

  /**
   * @param retentionDays days of rows to keep per table (tables not listed keep everything)
   * @param today the UTC date retention counts back from; a table keeps rows of the last
   *     {@code days} dates up to and including today
   */
  public record Options(Map<String, Integer> retentionDays, boolean dryRun, LocalDate today) {}

  /** What was done (or, in a dry run, would be) to one table. */
  public record Report(String table, boolean exists, Integer retentionDays, LocalDate cutoff, long rowsDeleted,
      long filesBefore, long filesRemoved, long filesAdded, long filesVacuumed, int parquetPartitionsDeleted) {}

  public static List<Report> run(SparkSession spark, LogyardConfig config, Options options, Progress progress) {
    Tables tables = new Tables(config);
    List<Report> out = new ArrayList<>();
    for (String table : TableSchemas.TABLES) {
      String path = tables.path(table);
      Integer days = options.retentionDays().get(table);
      if (!DeltaSink.exists(spark, path)) {
        progress.say("%-15s not created yet", table);
        out.add(new Report(table, false, days, null, 0, 0, 0, 0, 0, 0));
        continue;
      }
      if (!options.dryRun()) DeltaSink.ensure(spark, path, table);
      LocalDate cutoff = days == null ? null : cutoff(options.today(), days);
      long deleted = 0;
      int parquetDropped = 0;
      if (cutoff != null) {
        deleted = DeltaMaintenance.deleteOlderThan(spark, path, table, cutoff, tables.path(TableSchemas.LEDGER), options.dryRun());
        progress.say("%-15s retention %d days: %s %d rows before %s", table, days, options.dryRun() ? "would delete" : "deleted", deleted, cutoff);
        if (config.outputs().parquet().enabled() && ParquetSink.TABLES.contains(table)) {
          parquetDropped = ParquetSink.dropBefore(spark, config.outputs().parquet().path(), table, cutoff, options.dryRun());
          progress.say("%-15s parquet: %s %d date partitions before %s", table, options.dryRun() ? "would delete" : "deleted", parquetDropped, cutoff);
        }
      }
      DeltaMaintenance.Files before = DeltaMaintenance.files(spark, path);
      long removed = 0, added = 0;
      if (options.dryRun()) {
        progress.say("%-15s optimize: %d files, %d bytes (a real run compacts each partition's small files)", table, before.files(), before.bytes());
      } else {
        DeltaMaintenance.Compaction c = DeltaMaintenance.optimize(spark, path);
        removed = c.filesRemoved();
        added = c.filesAdded();
        progress.say("%-15s optimize: %d files compacted into %d (%d files before)", table, removed, added, before.files());
      }
      long vacuumed = DeltaMaintenance.vacuum(spark, path, options.dryRun());
      progress.say("%-15s vacuum: %s %d unreferenced files older than the retention of deleted files", table,
          options.dryRun() ? "would delete" : "deleted", vacuumed);
      out.add(new Report(table, true, days, cutoff, deleted, before.files(), removed, added, vacuumed, parquetDropped));
    }
    return out;
  }

  /** The first day retention keeps: {@code days} days ending {@code today}, today included. */
  static LocalDate cutoff(LocalDate today, int days) {
    return today.minusDays(days - 1L);
  }
}
