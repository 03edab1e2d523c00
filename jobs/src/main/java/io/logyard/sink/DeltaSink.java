package io.logyard.sink;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the Delta tables, one commit per write: a lot's rows are appended idempotently
 * ({@link #write}: Delta's txnAppId/txnVersion), replacing in the same commit only the rows of
 * objects read before; aggregates replace the windows the lot touched ({@link #replace}). A
 * rerun or a resumed run leaves the table as one clean run would, never appending twice.
 */
public final class DeltaSink {
  /** Partition columns per table; tables not listed are not partitioned. */
  public static final Map<String, List<String>> PARTITIONS = Map.of(
      TableSchemas.LOG_RESULTS, List.of("event_date"),
      TableSchemas.EMERGENCY_LOGS, List.of("event_date"),
      TableSchemas.LOG_AGGREGATES, List.of("event_date"),
      TableSchemas.LEDGER, List.of("key_day"));

  /**
   * Table properties every logyard table gets at creation (and existing tables get on their next
   * {@link #ensure}). All are properties of OSS Delta 3.3; jobs/README.md's "Delta tables" explains them.
   * <ul>
   *   <li>{@code delta.appendOnly=false}: writes replace a lot's slice and retention deletes old rows.
   *   <li>{@code delta.logRetentionDuration=interval 30 days}: history (time travel, DESCRIBE HISTORY)
   *       kept for a month of audits.
   *   <li>{@code delta.deletedFileRetentionDuration=interval 7 days}: VACUUM removes files unreferenced
   *       for a week, so rows deleted by retention are physically gone at most 7 days (plus the
   *       maintenance schedule) later, while readers that started before a commit keep working.
   *   <li>{@code delta.autoOptimize.optimizeWrite=true}: one shuffle before each write so a lot writes
   *       few, larger files per partition.
   *   <li>{@code delta.autoOptimize.autoCompact=false}: compaction is a scheduled {@code logyard
   *       maintain} (OPTIMIZE), not an extra commit racing the parallel ingest writers.
   *   <li>{@code delta.enableDeletionVectors=false}: retention deletes drop whole date partitions
   *       (metadata only), so deletion vectors buy little and would raise the reader protocol for
   *       engines reading the tables directly.
   * </ul>
   */
  public static final Map<String, String> PROPERTIES = new java.util.TreeMap<>(Map.of(
      "delta.appendOnly", "false",
      "delta.logRetentionDuration", "interval 30 days",
      "delta.deletedFileRetentionDuration", "interval 7 days",
      "delta.autoOptimize.optimizeWrite", "true",
      "delta.autoOptimize.autoCompact", "false",
      "delta.enableDeletionVectors", "false"));

  /**
   * Columns whose min/max/null counts Delta records per data file ({@code
   * delta.dataSkippingStatsColumns}), for the tables of a lot's rows: the columns queries and
   * logyard's own writes filter on. By default Delta computes them for the first 32 columns,
   * messages, user agents and event ids included, which cost a sixth of a lot's write and skip
   * nothing. Tables not listed keep Delta's default (they are small).
   */
  public static final Map<String, String> STATS_COLUMNS = Map.of(
      TableSchemas.LOG_RESULTS, "timestamp,provider,service,source_format,alert_level,http_status,nodeName,source_uri",
      TableSchemas.EMERGENCY_LOGS, "timestamp,provider,alert_level,nodeName,source_uri");

  /** {@link #PROPERTIES} and, for a table in {@link #STATS_COLUMNS}, its stats columns. */
  public static Map<String, String> properties(String table) {
    Map<String, String> out = new java.util.TreeMap<>(PROPERTIES);
    if (STATS_COLUMNS.containsKey(table)) out.put("delta.dataSkippingStatsColumns", STATS_COLUMNS.get(table));
    return out;
  }

  private DeltaSink() {}

  /**
   * Creates {@code table} at {@code path}, empty, with its contract schema and {@link #PROPERTIES},
   * if it does not exist; sets properties an existing table lacks.
   */
  public static void ensure(SparkSession spark, String path, String table) {
    if (exists(spark, path)) {
      Map<String, String> missing = missingProperties(spark, path, table);
      if (!missing.isEmpty()) {
        Retry.onConflict("setting the table properties of " + table, () -> spark.sql(
            "ALTER TABLE delta.`" + path.replace("`", "``") + "` SET TBLPROPERTIES (" + propertyList(missing) + ")"));
      }
      return;
    }
    create(spark, path, table);
  }

  /**
   * Whether a Delta table is at {@code path}: one metadata call on its {@code _delta_log}, no
   * log replay (the question every command asks of every table it touches).
   */
  public static boolean exists(SparkSession spark, String path) {
    try {
      Path log = new Path(path, "_delta_log");
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(log) && fs.listStatusIterator(log).hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + path, e);
    }
  }

  /** Creates {@code table} at {@code path} as {@link #ensure} does, unless a table is there. */
  public static void create(SparkSession spark, String path, String table) {
    if (exists(spark, path)) return;
    // one commit of the table's metadata: no Spark job (writing an empty data frame ran one per
    // table; a first run's five creations took 0.6 s less this way)
    Retry.onConflict("creating " + table, () -> {
      var builder = io.delta.tables.DeltaTable.createIfNotExists(spark).location(path)
          .addColumns(TableSchemas.nullable(TableSchemas.schema(table)))
          .partitionedBy(PARTITIONS.getOrDefault(table, List.of()).toArray(new String[0]));
      for (Map.Entry<String, String> p : properties(table).entrySet()) {
        builder = builder.property(p.getKey(), p.getValue());
      }
      builder.execute();
      return null;
    });
  }

  /** The table's properties, as its latest snapshot's metadata holds them (no data files are listed). */
  public static Map<String, String> properties(SparkSession spark, String path) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES delta.`" + path.replace("`", "``") + "`").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  private static Map<String, String> missingProperties(SparkSession spark, String path, String table) {
    Map<String, String> have = properties(spark, path);
    Map<String, String> missing = new java.util.TreeMap<>();
    properties(table).forEach((k, v) -> {
      if (!v.equals(have.get(k))) missing.put(k, v);
    });
    return missing;
  }

  private static String propertyList(Map<String, String> props) {
    StringBuilder b = new StringBuilder();
    props.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append('\'').append(k).append("' = '").append(v).append('\''));
    return b.toString();
  }

  /**
   * Replaces the rows of {@code table} matching {@code predicate} with {@code rows}, atomically.
   * Every row written must match the predicate (Delta checks it).
   *
   * @return the number of rows written
   */
  public static long replace(SparkSession spark, Dataset<Row> rows, String path, String table, String predicate) {
    create(spark, path, table);
    Dataset<Row> conformed = TableSchemas.conform(rows, table);
    String tag = "logyard:" + java.util.UUID.randomUUID();
    return Retry.onConflict("writing " + table, () -> {
      conformed.write().format("delta")
          .mode("overwrite")
          .option("replaceWhere", predicate)
          .option("userMetadata", tag)
          .save(path);
      return outputRows(spark, path, tag);
    });
  }

  /**
   * How {@link #write} commits a lot's rows.
   *
   * @param txnAppId with {@code txnVersion}: Delta's idempotent write; a commit with an app id
   *     and a version not above the last one the table recorded for that app id is skipped, so a
   *     retried or resumed write cannot append twice
   * @param replaceWhere null to append only; else the rows this commit deletes, in the same
   *     commit (the rows written need not match it)
   */
  public record Write(String txnAppId, long txnVersion, String replaceWhere) {}

  /**
   * Appends {@code rows} to {@code table} in one commit, deleting the rows matching
   * {@code w.replaceWhere()} in the same commit. Reads nothing of the table but the partitions
   * the predicate names.
   */
  public static void write(SparkSession spark, Dataset<Row> rows, String path, String table, Write w) {
    create(spark, path, table);
    Dataset<Row> conformed = TableSchemas.conform(rows, table);
    Retry.onConflict("writing " + table, () -> {
      var writer = conformed.write().format("delta")
          .option("txnAppId", w.txnAppId())
          .option("txnVersion", w.txnVersion())
          // the rows come in tasks of about the same size already: no shuffle before writing
          .option("optimizeWrite", "false");
      if (w.replaceWhere() == null) {
        writer.mode("append").save(path);
      } else {
        // the new rows include objects read for the first time, outside the predicate
        String check = "spark.databricks.delta.replaceWhere.constraintCheck.enabled";
        spark.conf().set(check, "false");
        try {
          writer.mode("overwrite").option("replaceWhere", w.replaceWhere()).save(path);
        } finally {
          spark.conf().unset(check);
        }
      }
      return null;
    });
  }

  /** A Parquet file to add to a table as it is, with its partition values (null: no value). */
  public record DataFile(Path path, long size, long modificationTime, Map<String, String> partitionValues) {}

  /**
   * Adds {@code files}, which lie inside {@code table}'s directory and hold its columns, to the
   * table in one commit, as an append would have written them, with Delta's per-file statistics
   * of {@link #STATS_COLUMNS} read from their footers: the rows are not read or written again.
   * The commit carries {@code w}'s idempotent-write id and is skipped, like {@link #write}'s, when
   * the table already recorded that id at that version.
   *
   * @return false when the commit was skipped
   * @throws IllegalArgumentException if {@code w} would delete rows or a file lies outside the table
   */
  public static boolean commit(SparkSession spark, List<DataFile> files, String path, String table, Write w) {
    if (w.replaceWhere() != null) throw new IllegalArgumentException("commit adds files only: use write to replace rows");
    create(spark, path, table);
    var hadoop = spark.sparkContext().hadoopConfiguration();
    java.net.URI root = qualified(new Path(path + "/"), hadoop).toUri();
    List<String> columns = STATS_COLUMNS.containsKey(table) ? List.of(STATS_COLUMNS.get(table).split(",")) : List.of();
    List<org.apache.spark.sql.delta.actions.Action> adds = new java.util.ArrayList<>();
    for (DataFile f : files) {
      java.net.URI file = root.relativize(qualified(f.path(), hadoop).toUri());
      if (file.isAbsolute()) throw new IllegalArgumentException(f.path() + " is not inside the table at " + path);
      String stats = FooterStats.json(hadoop, f.path(), columns);
      adds.add(new org.apache.spark.sql.delta.actions.AddFile(file.toString(), scalaMap(f.partitionValues()),
          f.size(), f.modificationTime(), true, stats, null, null, scala.Option.empty(), scala.Option.empty(), scala.Option.empty()));
    }
    var log = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path);
    List<String> partitions = PARTITIONS.getOrDefault(table, List.of());
    return Retry.onConflict("committing " + table, () -> {
      var txn = log.startTransaction();
      if (txn.txnVersion(w.txnAppId()) >= w.txnVersion()) return false;
      List<org.apache.spark.sql.delta.actions.Action> actions = new java.util.ArrayList<>(adds);
      actions.add(new org.apache.spark.sql.delta.actions.SetTransaction(w.txnAppId(), w.txnVersion(),
          scala.Option.apply(System.currentTimeMillis())));
      txn.commit(scala.collection.JavaConverters.asScalaBuffer(actions).toSeq(),
          new org.apache.spark.sql.delta.DeltaOperations.Write(org.apache.spark.sql.SaveMode.Append,
              scala.Option.apply(scala.collection.JavaConverters.asScalaBuffer(partitions).toSeq()), scala.Option.empty(),
              scala.Option.empty()));
      return true;
    });
  }

  private static Path qualified(Path p, org.apache.hadoop.conf.Configuration hadoop) {
    try {
      return p.getFileSystem(hadoop).makeQualified(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + p, e);
    }
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> m) {
    scala.collection.immutable.Map<String, String> out = scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, String> e : m.entrySet()) out = out.updated(e.getKey(), e.getValue());
    return out;
  }

  /**
   * The app ids of the idempotent writes ({@link Write#txnAppId}) {@code table} recorded that
   * start with {@code prefix}, from the table's latest snapshot (which the write that follows
   * loads anyway); empty when there is no table.
   */
  public static java.util.Set<String> txnAppIds(SparkSession spark, String path, String prefix) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    if (!exists(spark, path)) return out;
    var txns = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path)
        .update(false, scala.Option.empty(), scala.Option.empty()).transactions();
    txns.keys().foreach(k -> k.startsWith(prefix) ? out.add(k) : false);
    return out;
  }

  /**
   * Of {@code windows} ({@code minutes} wide), those that rows of a file of the table at
   * {@code path} other than {@code ownFileNames} may hold, as the files' timestamp statistics say:
   * only the files of the windows' {@code event_date} partitions are looked at (in the latest
   * snapshot, which the write before loaded), and a file without statistics may hold any window
   * of its day.
   */
  public static java.util.TreeSet<java.time.Instant> windowsOfOtherFiles(SparkSession spark, String path,
      java.util.Collection<java.time.Instant> windows, int minutes, java.util.Collection<String> ownFileNames) {
    java.util.TreeSet<java.time.Instant> all = new java.util.TreeSet<>(windows);
    java.util.TreeSet<java.time.Instant> shared = new java.util.TreeSet<>();
    if (all.isEmpty()) return shared;
    java.util.Set<String> own = new java.util.HashSet<>(ownFileNames);
    java.util.List<String> dayValues = days(all).stream().map(java.time.LocalDate::toString).toList();
    var files = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty())
        .allFiles().toDF()
        .filter(org.apache.spark.sql.functions.col("partitionValues").getItem("event_date").isin(dayValues.toArray()))
        .select(org.apache.spark.sql.functions.col("path"), org.apache.spark.sql.functions.col("partitionValues").getItem("event_date"),
            org.apache.spark.sql.functions.get_json_object(org.apache.spark.sql.functions.col("stats"), "$.minValues.timestamp"),
            org.apache.spark.sql.functions.get_json_object(org.apache.spark.sql.functions.col("stats"), "$.maxValues.timestamp"))
        .collectAsList();
    java.time.Duration width = java.time.Duration.ofMinutes(minutes);
    for (Row f : files) {
      String name = f.getString(0).substring(f.getString(0).lastIndexOf('/') + 1);
      if (own.contains(name)) continue;
      java.time.Instant dayStart = java.time.LocalDate.parse(f.getString(1)).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      java.time.Instant min = statInstant(f.getString(2), dayStart);
      java.time.Instant max = statInstant(f.getString(3), dayStart.plus(java.time.Duration.ofDays(1)));
      // the windows [w, w + width) that meet [min, max]
      shared.addAll(all.subSet(min.minus(width), false, max, true));
    }
    return shared;
  }

  /** A timestamp statistic, or {@code otherwise} when the file has none (or none that parses). */
  private static java.time.Instant statInstant(String value, java.time.Instant otherwise) {
    if (value == null) return otherwise;
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return otherwise;
    }
  }

  /**
   * Rows that the commit tagged {@code tag} wrote, from the Delta log's operation metrics (no
   * data is read). The tag finds our commit among concurrent writers' commits.
   */
  static long outputRows(SparkSession spark, String path, String tag) {
    List<Row> mine = DeltaTable.forPath(spark, path).history(50)
        .filter(org.apache.spark.sql.functions.col("userMetadata").equalTo(tag))
        .select("operationMetrics").collectAsList();
    if (mine.isEmpty()) return 0L;
    scala.collection.Map<String, String> metrics = mine.get(0).getMap(0);
    return metrics == null || metrics.get("numOutputRows").isEmpty() ? 0L : Long.parseLong(metrics.get("numOutputRows").get());
  }

  /** The partition columns of the table at {@code path}, from its latest snapshot's metadata. */
  public static List<String> partitionColumns(SparkSession spark, String path) {
    return scala.collection.JavaConverters.seqAsJavaList(
        org.apache.spark.sql.delta.DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty())
            .metadata().partitionColumns());
  }

  /**
   * Rewrites the table at {@code path} with {@code table}'s contract schema and partitioning, in
   * one commit: its rows as they are, a contract column it lacks null. For a table written before
   * its contract named a partition column.
   */
  public static void repartition(SparkSession spark, String path, String table) {
    org.apache.spark.sql.types.StructType schema = TableSchemas.schema(table);
    Dataset<Row> rows = read(spark, path);
    java.util.Set<String> have = new java.util.HashSet<>(java.util.Arrays.asList(rows.columns()));
    org.apache.spark.sql.Column[] columns = java.util.Arrays.stream(schema.fields())
        .map(f -> have.contains(f.name()) ? org.apache.spark.sql.functions.col(f.name())
            : org.apache.spark.sql.functions.lit(null).cast(f.dataType()).as(f.name()))
        .toArray(org.apache.spark.sql.Column[]::new);
    Retry.onConflict("repartitioning " + table, () -> {
      rows.select(columns).write().format("delta").mode("overwrite").option("overwriteSchema", "true")
          .partitionBy(PARTITIONS.getOrDefault(table, List.of()).toArray(new String[0])).save(path);
      return null;
    });
  }

  /**
   * The largest value of {@code column} in each data file of the table at {@code path}, from
   * the files' statistics (no data file is read; strings are cut to Delta's 32 characters);
   * empty when a file has no statistics for it.
   */
  public static java.util.Optional<List<String>> maxValues(SparkSession spark, String path, String column) {
    return columnStats(spark, path, column).map(ColumnStats::maxes);
  }

  /** A column's smallest and largest value in each data file that has one, and the table's rows. */
  public record ColumnStats(List<String> mins, List<String> maxes, long rows) {}

  /**
   * {@code column}'s statistics in every data file of the table at {@code path} (one look at the
   * latest snapshot; no data file is read); empty when a file has none.
   */
  public static java.util.Optional<ColumnStats> columnStats(SparkSession spark, String path, String column) {
    org.apache.spark.sql.Column stats = org.apache.spark.sql.functions.col("stats");
    List<Row> files = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty())
        .allFiles().toDF()
        .select(stats,
            org.apache.spark.sql.functions.get_json_object(stats, "$.minValues." + column),
            org.apache.spark.sql.functions.get_json_object(stats, "$.maxValues." + column),
            org.apache.spark.sql.functions.get_json_object(stats, "$.nullCount." + column),
            org.apache.spark.sql.functions.get_json_object(stats, "$.numRecords"))
        .collectAsList();
    List<String> mins = new java.util.ArrayList<>();
    List<String> maxes = new java.util.ArrayList<>();
    long rows = 0;
    for (Row f : files) {
      if (f.isNullAt(0) || f.isNullAt(3) || f.isNullAt(4)) return java.util.Optional.empty();
      // a file whose values are all null has no min or max
      if (f.isNullAt(2) && !f.getString(3).equals(f.getString(4))) return java.util.Optional.empty();
      if (!f.isNullAt(1)) mins.add(f.getString(1));
      if (!f.isNullAt(2)) maxes.add(f.getString(2));
      rows += Long.parseLong(f.getString(4));
    }
    return java.util.Optional.of(new ColumnStats(mins, maxes, rows));
  }

  /** The table at {@code path}, as its latest version holds it (every read of a logyard table goes through here). */
  public static Dataset<Row> read(SparkSession spark, String path) {
    return spark.read().format("delta").load(path);
  }

  /** The rows of the table at {@code path} in the {@code event_date} partitions of {@code days}. */
  public static Dataset<Row> readDays(SparkSession spark, String path, java.util.Collection<java.time.LocalDate> days) {
    return read(spark, path)
        .filter(org.apache.spark.sql.functions.col("event_date").isin(days.stream().map(java.sql.Date::valueOf).toArray()));
  }

  /** The log_aggregates rows of {@code windows} (their days' partitions only). */
  public static Dataset<Row> readWindows(SparkSession spark, String path, java.util.Collection<java.time.Instant> windows) {
    return readDays(spark, path, days(windows))
        .filter(org.apache.spark.sql.functions.col("time_window").isin(windows.stream().map(java.sql.Timestamp::from).toArray()));
  }

  /**
   * The predicate of {@link #readWindows} for {@link #replace}, the days first so Delta prunes
   * partitions: the windows (starts, {@code minutes} long) as ranges of consecutive windows. Delta
   * checks the predicate on every row it writes, interpreted: an {@code IN} list of each window
   * made that check cost rows × windows (a lot of a year of days: 105,120 windows, minutes).
   */
  public static String inWindows(java.util.Collection<java.time.Instant> windows, int minutes) {
    StringBuilder b = new StringBuilder(inDates("event_date", days(windows))).append(" AND (");
    java.util.List<java.time.Instant> sorted = new java.util.ArrayList<>(new java.util.TreeSet<>(windows));
    java.time.Duration step = java.time.Duration.ofMinutes(minutes);
    boolean first = true;
    for (int i = 0; i < sorted.size(); ) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j).plus(step).equals(sorted.get(j + 1))) j++;
      b.append(first ? "" : " OR ");
      if (i == j) {
        b.append("time_window = TIMESTAMP '").append(sorted.get(i)).append('\'');
      } else {
        b.append("(time_window >= TIMESTAMP '").append(sorted.get(i)).append("' AND time_window <= TIMESTAMP '")
            .append(sorted.get(j)).append("')");
      }
      first = false;
      i = j + 1;
    }
    return b.append(')').toString();
  }

  /** The UTC days of {@code times}. */
  public static java.util.TreeSet<java.time.LocalDate> days(java.util.Collection<java.time.Instant> times) {
    java.util.TreeSet<java.time.LocalDate> out = new java.util.TreeSet<>();
    times.forEach(t -> out.add(t.atZone(java.time.ZoneOffset.UTC).toLocalDate()));
    return out;
  }

  /** A SQL {@code IN} list of DATE literals. */
  public static String inDates(String column, java.util.Collection<java.time.LocalDate> days) {
    StringBuilder b = new StringBuilder(column).append(" IN (");
    boolean first = true;
    for (java.time.LocalDate d : days) {
      b.append(first ? "" : ", ").append("DATE '").append(d).append('\'');
      first = false;
    }
    return b.append(')').toString();
  }

  /** A SQL {@code IN} list of string literals, quotes escaped. */
  public static String inList(String column, java.util.Collection<String> values) {
    StringBuilder b = new StringBuilder(column).append(" IN (");
    boolean first = true;
    for (String v : values) {
      if (!first) b.append(", ");
      b.append('\'').append(v.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
      first = false;
    }
    return b.append(')').toString();
  }
}
