package io.logyard.it;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.SparkTestSession;
import io.logyard.cli.Main;
import io.logyard.job.Tables;
import io.logyard.sink.TableSchemas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Four providers in one run: S3 and OCI on two S3 servers that both hold a bucket named
 * {@code logyard-logs} but take different key pairs, GCS on fake-gcs-server, Azure on Azurite.
 * All objects are read in the same Spark job; a setting of one source reaching another's
 * filesystem would read the wrong server or fail its authentication.
 */
class MultiCloudIT {
  @Test
  void everyProviderIsReadInTheSameRunWithItsOwnSettings() throws Exception {
    Path dir = Files.createTempDirectory("logyard-multicloud");
    try (FourStores stores = new FourStores(dir)) {
      Path conf = stores.config("multicloud", dir.resolve("warehouse"), List.of("aws", "oci", "gcp", "azure"));
      String out = cli("run", "--conf", conf.toString());
      assertTrue(out.contains("lot-000001: " + stores.objects + " objects"), out);

      SparkSession spark = SparkTestSession.get();
      Tables tables = new Tables(dir.resolve("warehouse").toString());
      Dataset<Row> ledger = spark.read().format("delta").load(tables.path(TableSchemas.LEDGER));
      Dataset<Row> results = spark.read().format("delta").load(tables.path(TableSchemas.LOG_RESULTS));
      for (var e : stores.records.entrySet()) {
        Row r = ledger.filter(col("provider").equalTo(e.getKey()))
            .selectExpr("sum(lines_read)", "sum(rows_parsed) + sum(rows_quarantined) + sum(lines_skipped)", "sum(rows_parsed)").first();
        assertEquals(e.getValue(), r.getLong(0), e.getKey() + ": every line read");
        assertEquals(r.getLong(0), r.getLong(1), e.getKey() + ": lines_read = parsed + quarantined + skipped");
        assertEquals(r.getLong(2), results.filter(col("provider").equalTo(e.getKey())).count(), e.getKey() + ": rows");
      }
    }
  }

  private static String cli(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute(args);
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    assertEquals(0, code, () -> String.join(" ", args) + " printed:\n" + out);
    return out;
  }
}
