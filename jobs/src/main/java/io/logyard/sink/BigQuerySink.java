package io.logyard.sink;

import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.StandardSQLTypeName;
import io.logyard.config.LogyardConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a lot's slice of a table to BigQuery through the spark-bigquery-connector, replacing
 * what an earlier export of the same slice wrote.
 *
 * <p>How a rerun stays exact: the connector loads the slice's rows into a staging table of the
 * contract's schema ({@code _logyard_stage_<table>_<lot>}, direct or indirect write as
 * configured); then one MERGE statement deletes the target's rows of the slice (by
 * {@code source_uri}, or by {@code time_window} for log_aggregates, restricted to the slice's
 * {@code event_date} partitions so BigQuery prunes the rest) and inserts the staged rows. A
 * MERGE is a single atomic DML statement: readers see the old slice or the new one, and a
 * crash before it leaves the target untouched (the staging table expires by itself a day later).
 */
public final class BigQuerySink {
  /** The form the BigQuery client accepts for TIMESTAMP query parameters. */
  private static final java.time.format.DateTimeFormatter TIMESTAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(java.time.ZoneOffset.UTC);

  private final LogyardConfig.BigQuery config;

  public BigQuerySink(LogyardConfig.BigQuery config) {
    this.config = config;
  }

  /**
   * The rows a lot owns in a table.
   *
   * @param column {@code source_uri} or {@code time_window}
   * @param keys the lot's objects (URIs) or windows
   * @param dates the partitions to restrict the delete to; null for an unpartitioned table
   */
  public record Slice(String column, List<?> keys, Collection<LocalDate> dates) {
    public static Slice objects(Collection<String> uris, Collection<LocalDate> dates) {
      return new Slice("source_uri", List.copyOf(uris), dates);
    }

    public static Slice windows(Collection<Instant> windows, Collection<LocalDate> dates) {
      return new Slice("time_window", List.copyOf(windows), dates);
    }
  }

  /** What one {@link #replace} did: rows inserted, and rows of the slice deleted first. */
  public record Replaced(long inserted, long deleted) {}

  /** The connector options every write and read uses: credentials, billing project, endpoints. */
  public Map<String, String> connectorOptions() {
    Map<String, String> o = new LinkedHashMap<>(config.options());
    // the project billed for the connector's jobs; without it the connector looks for one in the environment
    o.put("parentProject", config.parentProject() != null ? config.parentProject() : config.project());
    String token = BigQueryTables.accessToken(config);
    if (token != null) {
      o.put("gcpAccessToken", token);
    } else if (config.credentialsFile() != null) {
      o.put("credentialsFile", config.credentialsFile());
    }
    return o;
  }

  /** Replaces the slice's rows of {@code table} with {@code rows} (which must all belong to the slice). */
  public Replaced replace(SparkSession spark, Dataset<Row> rows, String table, String lotId, Slice slice) {
    try (BigQueryTables bq = new BigQueryTables(config)) {
      if (bq.table(table) == null) bq.createTable(table, null, "logyard " + table + " (schemas/" + table + ".json)");
      String staging = "_logyard_stage_" + table + "_" + lotId.replaceAll("[^A-Za-z0-9_]", "_");
      bq.drop(staging);
      bq.createStaging(staging, table);
      try {
        Dataset<Row> typed = bigQueryShape(spark, TableSchemas.conform(rows, table), table);
        long inserted = typed.count();
        if (inserted > 0) write(typed, bq.tableId(staging).getProject() + "." + config.dataset() + "." + staging);
        long changed = bq.execute(merge(bq, table, staging, slice), parameters(slice));
        return new Replaced(inserted, Math.max(0, changed - inserted));
      } finally {
        bq.drop(staging);
      }
    }
  }

  /**
   * The rows in the BigQuery contract's exact shape: map columns become what BigQuery stores
   * them as, an array of key/value structs (REPEATED RECORD key, value), so that both write
   * methods load them as such (a Parquet MAP would not load into it); and the contract's
   * nullability, so that REQUIRED columns load as REQUIRED.
   */
  static Dataset<Row> bigQueryShape(SparkSession spark, Dataset<Row> conformed, String table) {
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    List<StructField> fields = new ArrayList<>();
    for (StructField f : TableSchemas.schema(table).fields()) {
      if (f.dataType() instanceof MapType m) {
        StructType entry = new StructType()
            .add("key", m.keyType(), false)
            .add("value", m.valueType(), m.valueContainsNull());
        cols.add(functions.map_entries(functions.col(f.name())).as(f.name()));
        fields.add(new StructField(f.name(), DataTypes.createArrayType(entry, false), f.nullable(), f.metadata()));
      } else {
        cols.add(functions.col(f.name()));
        fields.add(f);
      }
    }
    Dataset<Row> shaped = conformed.select(cols.toArray(new org.apache.spark.sql.Column[0]));
    return spark.createDataFrame(shaped.javaRDD(), new StructType(fields.toArray(new StructField[0])));
  }

  private void write(Dataset<Row> rows, String table) {
    DataFrameWriter<Row> w = rows.write().format("bigquery")
        .option("table", table)
        .option("writeMethod", config.writeMethod())
        .option("createDisposition", "CREATE_NEVER")
        .option("intermediateFormat", "parquet")
        .option("enableListInference", "true");
    if (config.temporaryGcsBucket() != null) w = w.option("temporaryGcsBucket", config.temporaryGcsBucket());
    w.options(connectorOptions()).mode(SaveMode.Append).save();
  }

  /**
   * {@code MERGE target USING staging ON FALSE}: no staged row matches, so every staged row is
   * inserted and every target row of the slice (not matched by source) deleted, in one statement.
   */
  static String merge(BigQueryTables bq, String table, String staging, Slice slice) {
    List<String> cols = new ArrayList<>();
    for (StructField f : TableSchemas.schema(table).fields()) cols.add("`" + f.name() + "`");
    String inList = String.join(", ", cols);
    String values = String.join(", ", cols.stream().map(c -> "S." + c).toList());
    String scope = "T." + slice.column() + " IN UNNEST(@keys)" + (slice.dates() == null ? "" : " AND T.event_date IN UNNEST(@dates)");
    return "MERGE " + bq.sqlName(table) + " T USING " + bq.sqlName(staging) + " S ON FALSE"
        + " WHEN NOT MATCHED BY SOURCE AND " + scope + " THEN DELETE"
        + " WHEN NOT MATCHED THEN INSERT (" + inList + ") VALUES (" + values + ")";
  }

  static Map<String, QueryParameterValue> parameters(Slice slice) {
    Map<String, QueryParameterValue> p = new LinkedHashMap<>();
    if (slice.column().equals("time_window")) {
      p.put("keys", QueryParameterValue.array(
          slice.keys().stream().map(k -> TIMESTAMP.format((Instant) k)).toArray(String[]::new), StandardSQLTypeName.TIMESTAMP));
    } else {
      p.put("keys", QueryParameterValue.array(slice.keys().stream().map(Object::toString).toArray(String[]::new), StandardSQLTypeName.STRING));
    }
    if (slice.dates() != null) {
      p.put("dates", QueryParameterValue.array(slice.dates().stream().map(LocalDate::toString).toArray(String[]::new), StandardSQLTypeName.DATE));
    }
    return p;
  }
}
