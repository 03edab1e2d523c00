package io.logyard.job;

import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Field;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.FieldList;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Schema;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.spark.bigquery.repackaged.com.google.cloud.bigquery.Table;
import io.logyard.config.LogyardConfig;
import io.logyard.sink.BigQueryTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code logyard bigquery setup} and {@code check}: the dataset and tables of the export, made
 * from the contracts in {@code schemas/} or compared with them. Both return a report of lines
 * marked {@code OK}, {@code WARN} or {@code FAIL}; a FAIL means the export would not work (or
 * would write the wrong shape).
 */
public final class BigQueryAdminJob {
  private BigQueryAdminJob() {}

  /** One line of a report. */
  public record Line(String status, String subject, String text) {
    static Line ok(String subject, String text) {
      return new Line("OK", subject, text);
    }

    static Line warn(String subject, String text) {
      return new Line("WARN", subject, text);
    }

    static Line fail(String subject, String text) {
      return new Line("FAIL", subject, text);
    }
  }

  public static boolean failed(List<Line> report) {
    return report.stream().anyMatch(l -> l.status().equals("FAIL"));
  }

  /**
   * Creates the dataset and the tables that are missing; adds contract columns missing from an
   * existing table (BigQuery adds NULLABLE and REPEATED columns in place); reports any other
   * difference from the contract as a failure, changing nothing else.
   */
  public static List<Line> setup(LogyardConfig config) {
    LogyardConfig.BigQuery c = config.bigquery();
    List<Line> out = new ArrayList<>();
    try (BigQueryTables bq = new BigQueryTables(c)) {
      String ds = c.project() + ":" + c.dataset();
      var dataset = bq.dataset();
      if (dataset == null) {
        bq.createDataset();
        out.add(Line.ok("dataset " + ds, "created in " + c.location()));
      } else if (!c.location().equalsIgnoreCase(Objects.toString(dataset.getLocation(), ""))) {
        out.add(Line.fail("dataset " + ds, "is in " + dataset.getLocation() + ", the configuration says " + c.location()));
      } else {
        out.add(Line.ok("dataset " + ds, "exists in " + dataset.getLocation()));
      }
      for (String table : c.tables()) {
        Integer days = config.retention().get(table);
        Table t = bq.table(table);
        if (t == null) {
          bq.createTable(table, days, "logyard " + table + " (schemas/" + table + ".json)");
          out.add(Line.ok(table, "created: " + layout(table, days)));
          continue;
        }
        Schema contract = BigQueryTables.contract(table);
        Schema actual = t.getDefinition().getSchema();
        List<Field> missing = new ArrayList<>();
        for (Field f : contract.getFields()) {
          if (actual == null || find(actual.getFields(), f.getName()) == null) missing.add(f);
        }
        boolean addable = missing.stream().allMatch(f -> f.getMode() != Field.Mode.REQUIRED);
        if (!missing.isEmpty() && addable) {
          List<Field> fields = new ArrayList<>(actual == null ? List.of() : actual.getFields());
          fields.addAll(missing);
          t.toBuilder().setDefinition(((StandardTableDefinition) t.getDefinition()).toBuilder().setSchema(Schema.of(fields)).build())
              .build().update();
          out.add(Line.ok(table, "added columns " + missing.stream().map(Field::getName).toList()));
          t = bq.table(table);
        }
        out.addAll(compare(table, t, days));
      }
    }
    return out;
  }

  /** Compares the dataset and tables with the contracts and checks what the export needs to be allowed. */
  public static List<Line> check(LogyardConfig config) {
    LogyardConfig.BigQuery c = config.bigquery();
    List<Line> out = new ArrayList<>();
    out.add(Line.ok("credentials", c.accessTokenEnv() != null ? "access token from $" + c.accessTokenEnv()
        : c.credentialsFile() != null ? "service-account key " + c.credentialsFile() : "application default credentials"));
    try (BigQueryTables bq = new BigQueryTables(c)) {
      String ds = c.project() + ":" + c.dataset();
      var dataset = bq.dataset();
      if (dataset == null) {
        out.add(Line.fail("dataset " + ds, "does not exist (or is not visible to these credentials): run 'logyard bigquery setup'"));
        return out;
      }
      out.add(c.location().equalsIgnoreCase(Objects.toString(dataset.getLocation(), ""))
          ? Line.ok("dataset " + ds, "exists in " + dataset.getLocation())
          : Line.fail("dataset " + ds, "is in " + dataset.getLocation() + ", the configuration says " + c.location()));
      try {
        bq.dryRunQuery("SELECT 1");
        out.add(Line.ok("jobs", "may run query and load jobs in " + Objects.requireNonNullElse(c.parentProject(), c.project())));
      } catch (RuntimeException e) {
        out.add(Line.fail("jobs", "cannot create jobs (needs roles/bigquery.jobUser): " + BigQueryTables.describe(e)));
      }
      for (String table : c.tables()) {
        Table t = bq.table(table);
        if (t == null) {
          out.add(Line.fail(table, "does not exist: run 'logyard bigquery setup'"));
          continue;
        }
        out.addAll(compare(table, t, config.retention().get(table)));
        List<String> wanted = List.of("bigquery.tables.get", "bigquery.tables.getData", "bigquery.tables.updateData", "bigquery.tables.update");
        try {
          List<String> held = bq.permissions(table, wanted);
          List<String> lacking = wanted.stream().filter(p -> !held.contains(p)).toList();
          out.add(lacking.isEmpty() ? Line.ok(table, "permissions " + wanted)
              : Line.fail(table, "lacks permissions " + lacking + " (roles/bigquery.dataEditor on the dataset grants them)"));
        } catch (RuntimeException e) {
          out.add(Line.warn(table, "could not test permissions: " + BigQueryTables.describe(e)));
        }
      }
      if (c.writeMethod().equals(LogyardConfig.BigQuery.INDIRECT)) {
        out.add(Line.ok("write method", "indirect: staging files in gs://" + c.temporaryGcsBucket()
            + " (the job's service account needs roles/storage.objectAdmin on it)"));
      } else {
        out.add(Line.ok("write method", "direct: Storage Write API (needs bigquery.tables.updateData, which dataEditor grants)"));
      }
    } catch (RuntimeException e) {
      out.add(Line.fail("bigquery", "cannot reach BigQuery: " + BigQueryTables.describe(e)));
    }
    return out;
  }

  private static List<Line> compare(String table, Table t, Integer days) {
    List<Line> out = new ArrayList<>();
    List<String> drift = BigQueryTables.drift(table, t.getDefinition().getSchema(), BigQueryTables.contract(table));
    if (drift.isEmpty()) {
      out.add(Line.ok(table, "schema matches schemas/" + table + ".json"));
    } else {
      drift.forEach(d -> out.add(Line.fail(table, "schema drift: " + d)));
    }
    StandardTableDefinition def = t.getDefinition();
    StandardTableDefinition want = BigQueryTables.definition(table, days);
    String have = describe(def), expected = describe(want);
    out.add(have.equals(expected) ? Line.ok(table, have) : Line.warn(table, have + "; logyard creates it " + expected));
    return out;
  }

  private static String layout(String table, Integer days) {
    return describe(BigQueryTables.definition(table, days));
  }

  private static String describe(StandardTableDefinition def) {
    var p = def.getTimePartitioning();
    var cl = def.getClustering();
    String partitioned = p == null ? "not partitioned" : "partitioned by " + p.getType() + " on " + Objects.toString(p.getField(), "_PARTITIONTIME")
        + (p.getExpirationMs() == null ? "" : ", partitions expire after " + p.getExpirationMs() / 86_400_000L + " days");
    return partitioned + ", " + (cl == null || cl.getFields() == null || cl.getFields().isEmpty() ? "not clustered" : "clustered by " + cl.getFields());
  }

  private static Field find(FieldList fields, String name) {
    for (Field f : fields) {
      if (f.getName().equalsIgnoreCase(name)) return f;
    }
    return null;
  }
}
