package io.logyard.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.spark.bigquery.repackaged.com.google.auth.oauth2.AccessToken;
import com.google.cloud.spark.bigquery.repackaged.com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.BigQuery;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Clustering;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Dataset;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.DatasetId;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Field;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.FieldList;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Schema;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Table;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.TableId;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.TableInfo;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.TableResult;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.TimePartitioning;
import io.logyard.config.LogyardConfig;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The BigQuery side of the table contracts, through the BigQuery client that the
 * spark-bigquery-connector's jar carries (repackaged; logyard adds no second copy of Google's
 * client libraries): credentials, the dataset, tables created from {@code schemas/*.json} (day
 * partitions on {@code event_date}, clustered by provider), schema comparison, and the DML that
 * the export runs. Every call reaches BigQuery; nothing here touches Spark.
 */
public final class BigQueryTables implements AutoCloseable {
  /** The connector's option naming the REST endpoint; the client honours it too (emulators, private endpoints). */
  public static final String HTTP_ENDPOINT_OPTION = "bigQueryHttpEndpoint";

  private final LogyardConfig.BigQuery config;
  private final BigQuery client;

  public BigQueryTables(LogyardConfig.BigQuery config) {
    this.config = config;
    BigQueryOptions.Builder b = BigQueryOptions.newBuilder()
        .setProjectId(Objects.requireNonNullElse(config.parentProject(), config.project()))
        .setLocation(config.location())
        .setCredentials(credentials(config));
    String endpoint = option(config, HTTP_ENDPOINT_OPTION);
    if (endpoint != null) b.setHost(endpoint);
    this.client = b.build().getService();
  }

  /** The access token of {@code bigquery.access_token_env}, or null. */
  public static String accessToken(LogyardConfig.BigQuery config) {
    if (config.accessTokenEnv() == null) return null;
    String token = System.getenv(config.accessTokenEnv());
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("bigquery.access_token_env: the environment variable " + config.accessTokenEnv() + " is not set");
    }
    return token.trim();
  }

  private static GoogleCredentials credentials(LogyardConfig.BigQuery config) {
    try {
      String token = accessToken(config);
      if (token != null) return GoogleCredentials.create(new AccessToken(token, null));
      if (config.credentialsFile() != null) {
        try (InputStream in = new FileInputStream(config.credentialsFile())) {
          return GoogleCredentials.fromStream(in).createScoped(List.of("https://www.googleapis.com/auth/bigquery"));
        }
      }
      return GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      throw new UncheckedIOException("BigQuery credentials: " + (config.credentialsFile() != null
          ? "cannot read the key file " + config.credentialsFile()
          : "no application default credentials (run 'gcloud auth application-default login', or set bigquery.credentials_file)")
          + ": " + e.getMessage(), e);
    }
  }

  /** A connector option from {@code bigquery.options}, matched case-insensitively. */
  static String option(LogyardConfig.BigQuery config, String name) {
    for (Map.Entry<String, String> e : config.options().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    }
    return null;
  }

  public BigQuery client() {
    return client;
  }

  public TableId tableId(String table) {
    return TableId.of(config.project(), config.dataset(), table);
  }

  /** {@code `project.dataset.table`}, quoted for SQL. */
  public String sqlName(String table) {
    return "`" + config.project() + "." + config.dataset() + "." + table + "`";
  }

  // ---------------------------------------------------------------- schemas

  /** The contract of {@code table} as a BigQuery schema. */
  public static Schema contract(String table) {
    return Schema.of(fields(TableSchemas.bigQuerySchema(table)));
  }

  private static List<Field> fields(JsonNode json) {
    List<Field> out = new ArrayList<>();
    for (JsonNode f : json) {
      String type = f.path("type").asText().toUpperCase(Locale.ROOT);
      Field.Builder b = type.equals("RECORD") || type.equals("STRUCT")
          ? Field.newBuilder(f.path("name").asText(), LegacySQLTypeName.RECORD, FieldList.of(fields(f.path("fields"))))
          : Field.newBuilder(f.path("name").asText(), StandardSQLTypeName.valueOf(standard(type)));
      b.setMode(Field.Mode.valueOf(f.path("mode").asText("NULLABLE").toUpperCase(Locale.ROOT)));
      if (f.hasNonNull("description")) b.setDescription(f.path("description").asText());
      out.add(b.build());
    }
    return out;
  }

  private static String standard(String type) {
    return switch (type) {
      case "INTEGER" -> "INT64";
      case "FLOAT" -> "FLOAT64";
      case "BOOLEAN" -> "BOOL";
      default -> type;
    };
  }

  /**
   * Differences between a table's schema and its contract, one line each ({@code
   * log_results.attributes.value: type INTEGER, contract STRING}); empty when they match.
   * Descriptions are not compared.
   */
  public static List<String> drift(String where, Schema actual, Schema contract) {
    List<String> out = new ArrayList<>();
    compare(where, actual == null ? FieldList.of() : actual.getFields(), contract.getFields(), out);
    return out;
  }

  private static void compare(String where, FieldList actual, FieldList contract, List<String> out) {
    List<String> names = new ArrayList<>();
    for (Field c : contract) {
      names.add(c.getName());
      Field a = find(actual, c.getName());
      String path = where + "." + c.getName();
      if (a == null) {
        out.add(path + ": missing");
        continue;
      }
      String at = standardName(a), ct = standardName(c);
      if (!at.equals(ct)) out.add(path + ": type " + at + ", contract " + ct);
      String am = mode(a), cm = mode(c);
      if (!am.equals(cm)) out.add(path + ": mode " + am + ", contract " + cm);
      if (c.getSubFields() != null && a.getSubFields() != null) compare(path, a.getSubFields(), c.getSubFields(), out);
    }
    for (Field a : actual) {
      if (!names.contains(a.getName())) out.add(where + "." + a.getName() + ": not in the contract");
    }
  }

  private static Field find(FieldList fields, String name) {
    for (Field f : fields) {
      if (f.getName().equalsIgnoreCase(name)) return f;
    }
    return null;
  }

  private static String standardName(Field f) {
    return f.getType().getStandardType().name();
  }

  private static String mode(Field f) {
    return f.getMode() == null ? "NULLABLE" : f.getMode().name();
  }

  // ---------------------------------------------------------------- dataset and tables

  public Dataset dataset() {
    return client.getDataset(DatasetId.of(config.project(), config.dataset()));
  }

  public Dataset createDataset() {
    return client.create(DatasetInfo.newBuilder(DatasetId.of(config.project(), config.dataset()))
        .setLocation(config.location())
        .setDescription("logyard: log tables exported from the Delta warehouse (see schemas/)")
        .build());
  }

  public Table table(String table) {
    return client.getTable(tableId(table));
  }

  /**
   * The definition logyard creates {@code table} with: the contract's schema, day partitions on
   * {@code event_date} (expiring after {@code retentionDays} when given) and clustering by
   * provider. The quarantine has no date to partition by and is only clustered.
   */
  public static StandardTableDefinition definition(String table, Integer retentionDays) {
    StandardTableDefinition.Builder b = StandardTableDefinition.newBuilder().setSchema(contract(table))
        .setClustering(Clustering.newBuilder().setFields(List.of("provider")).build());
    if (DeltaSink.PARTITIONS.containsKey(table)) {
      TimePartitioning.Builder p = TimePartitioning.newBuilder(TimePartitioning.Type.DAY).setField("event_date");
      if (retentionDays != null) p.setExpirationMs(retentionDays * 86_400_000L);
      b.setTimePartitioning(p.build());
    }
    return b.build();
  }

  public Table createTable(String table, Integer retentionDays, String description) {
    return client.create(TableInfo.newBuilder(tableId(table), definition(table, retentionDays)).setDescription(description).build());
  }

  /** Creates a table with {@code table}'s contract schema and nothing else, expiring in a day (staging). */
  public Table createStaging(String name, String table) {
    return client.create(TableInfo.newBuilder(tableId(name), StandardTableDefinition.of(contract(table)))
        .setExpirationTime(System.currentTimeMillis() + 86_400_000L)
        .setDescription("logyard export staging; dropped after the merge, expires by itself otherwise")
        .build());
  }

  public boolean drop(String name) {
    return client.delete(tableId(name));
  }

  /** Runs one statement; returns the rows DML changed (0 for other statements). */
  public long execute(String sql, Map<String, QueryParameterValue> parameters) {
    QueryJobConfiguration.Builder q = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false);
    parameters.forEach(q::addNamedParameter);
    try {
      var job = client.create(com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.JobInfo.of(q.build())).waitFor();
      if (job == null) throw new IllegalStateException("BigQuery job vanished: " + sql);
      if (job.getStatus().getError() != null) {
        throw new IllegalStateException("BigQuery: " + job.getStatus().getError().getMessage() + " in: " + sql);
      }
      var stats = (com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.JobStatistics.QueryStatistics) job.getStatistics();
      Long n = stats.getNumDmlAffectedRows();
      return n == null ? 0 : n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for BigQuery", e);
    }
  }

  /** Runs a query; for small results (counts, checks). */
  public TableResult query(String sql) {
    try {
      return client.query(QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).build());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for BigQuery", e);
    }
  }

  /** Whether the caller may create jobs (a dry-run query costs nothing). */
  public void dryRunQuery(String sql) {
    client.create(com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.JobInfo.of(
        QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).setDryRun(true).build()));
  }

  /** Permissions the caller holds on {@code table} among {@code wanted}. */
  public List<String> permissions(String table, List<String> wanted) {
    return client.testIamPermissions(tableId(table), wanted);
  }

  /** A short description of a BigQuery error, for reports. */
  public static String describe(RuntimeException e) {
    if (e instanceof BigQueryException b) {
      return b.getCode() + " " + (b.getReason() == null ? "" : b.getReason() + ": ") + b.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public void close() {}
}
