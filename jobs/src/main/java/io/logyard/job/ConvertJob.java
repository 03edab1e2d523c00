package io.logyard.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import io.logyard.config.LogyardConfig;
import io.logyard.format.Field;
import io.logyard.format.LogFormat;
import io.logyard.privacy.Anonymizer;
import io.logyard.source.Discovery;
import io.logyard.source.Locations;
import io.logyard.source.LotReader;
import io.logyard.source.SourceObject;
import io.logyard.sink.Staging;
import io.logyard.source.EventRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code logyard convert}: raw logs of one format to typed Parquet, one column per field of the
 * format (what users did with Tessellate for S3 access logs, for Athena), plus source_uri and
 * line_number. Lines the format rejects go to a quarantine Parquet beside it, with the reason.
 */
public final class ConvertJob {
  private ConvertJob() {}

  public record Result(int objects, long lines, long parsed, long quarantined, long skipped) {}

  public static Result run(SparkSession spark, LogFormat format, Map<String, String> formatOptions, String input,
      String output, String quarantineOutput, boolean partitionByDate, Anonymizer anonymizer) {
    LogyardConfig.Source source = new LogyardConfig.Source("convert", "local", input, format.name(), null, null, null,
        formatOptions, Map.of(), LogyardConfig.Connection.NONE, LogyardConfig.Credentials.DEFAULT, 1, true);
    var hadoop = spark.sparkContext().hadoopConfiguration();
    List<SourceObject> objects = Discovery.list(source, hadoop, null).objects();
    if (objects.isEmpty() && isFile(input, hadoop)) {
      // a single file: listing below it finds nothing, so take the file itself
      objects = List.of(Discovery.stat(source, hadoop, Locations.qualify(input)));
    }
    if (objects.isEmpty()) throw new IllegalArgumentException("--input " + input + ": no files found");
    var spec = new LotReader.SourceSpec(format.name(), formatOptions, Map.of(),
        new EventRow.SourceMeta("convert", "local", null, null, format.name()));
    var run = new LotReader.Run("convert", 0L, 5, (level, message) -> null);
    // beside the output, not in it: writing the output replaces its folder
    String staging = output.replaceAll("/+$", "") + ".staging";
    List<SourceObject> read = objects;
    try (Staging staged = Staging.write(spark, staging, null, writers -> LotReader.read(spark, read, Map.of("convert", spec), anonymizer, run, writers))) {
      long lines = 0, parsed = 0, quarantined = 0, skipped = 0;
      for (Staging.ObjectCounts c : staged.counts()) {
        lines += c.linesRead();
        parsed += c.parsed();
        quarantined += c.quarantined();
        skipped += c.skipped();
      }
      Dataset<Row> typed = typed(staged.parsed(), format);
      if (partitionByDate) {
        typed.withColumn("date", to_date(col("timestamp"))).write().mode("overwrite").partitionBy("date").parquet(output);
      } else {
        typed.write().mode("overwrite").parquet(output);
      }
      staged.quarantined()
          .select(col("source_uri"), col("line_number"), col("source_offset").as("byte_offset"), col("reason"), col("raw_line"))
          .write().mode("overwrite").parquet(quarantineOutput);
      return new Result(objects.size(), lines, parsed, quarantined, skipped);
    }
  }

  private static boolean isFile(String input, org.apache.hadoop.conf.Configuration hadoop) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(Locations.qualify(input));
      return p.getFileSystem(hadoop).getFileStatus(p).isFile();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * Input: parsed staged rows. Output: one column per field of {@code format}, typed by the
   * field list (attributes are cast from their text), then source_uri and line_number.
   */
  public static Dataset<Row> typed(Dataset<Row> parsed, LogFormat format) {
    List<Column> cols = new ArrayList<>();
    for (Field f : format.fields()) {
      Column c = f.isAttribute() ? col("attributes").getItem(f.name()) : col(f.column());
      cols.add(c.cast(sparkType(f)).as(f.name()));
    }
    cols.add(col("source_uri"));
    cols.add(col("line_number"));
    return parsed.select(cols.toArray(new Column[0]));
  }

  private static String sparkType(Field f) {
    return switch (f.type()) {
      case STRING -> "string";
      case INT -> "int";
      case LONG -> "bigint";
      case DOUBLE -> "double";
      case TIMESTAMP -> "timestamp";
    };
  }
}
