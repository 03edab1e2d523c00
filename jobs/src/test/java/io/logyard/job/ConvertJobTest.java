package io.logyard.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logyard.SparkTestSession;
import io.logyard.format.Field;
import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertJobTest {
  @TempDir Path dir;

  @Test
  void typedParquetOneColumnPerFieldPartitionedByDateWithQuarantineBeside() throws IOException {
    SparkSession spark = SparkTestSession.get();
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("a.log"), String.join("\n",
        "203.0.113.57 - - [20/Nov/2026:10:00:03 +0000] \"GET /a HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"",
        "garbage",
        "198.51.100.2 - - [21/Nov/2026:00:00:01 +0000] \"GET /b HTTP/1.1\" 404 - \"-\" \"curl/8.0\"") + "\n",
        StandardCharsets.UTF_8);
    LogFormat combined = LogFormats.create("combined", Map.of());
    Anonymizer anonymizer = new Anonymizer(PrivacyPolicy.defaults("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    String out = dir.resolve("out").toString();
    String q = dir.resolve("q").toString();

    ConvertJob.Result r = ConvertJob.run(spark, combined, Map.of(), in.toString(), out, q, true, anonymizer);
    assertEquals(new ConvertJob.Result(1, 3, 2, 1, 0), r);

    Dataset<Row> parquet = spark.read().parquet(out);
    List<String> expected = new ArrayList<>();
    for (Field f : combined.fields()) expected.add(f.name());
    expected.add("source_uri");
    expected.add("line_number");
    expected.add("date");
    assertEquals(expected, List.of(parquet.columns()));
    assertEquals("bigint", parquet.schema().apply("response_bytes").dataType().simpleString().replace("long", "bigint"));
    assertEquals(2, parquet.count());
    assertEquals(1, parquet.filter("date = DATE'2026-11-21'").count());
    assertEquals(0, parquet.filter("client_ip = '203.0.113.57'").count(), "the privacy policy applies");
    Row bad = spark.read().parquet(q).first();
    assertEquals(2L, bad.getLong(bad.fieldIndex("line_number")));

    ConvertJob.Result single = ConvertJob.run(spark, combined, Map.of(), in.resolve("a.log").toString(),
        dir.resolve("out2").toString(), dir.resolve("q2").toString(), false, anonymizer);
    assertEquals(new ConvertJob.Result(1, 3, 2, 1, 0), single, "a single file is converted too");
  }
}
