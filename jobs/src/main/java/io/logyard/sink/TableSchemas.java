package io.logyard.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The table contracts: one BigQuery JSON schema per table in {@code schemas/}, loaded from the
 * classpath and turned into Spark types. A REPEATED RECORD of exactly {@code key} and
 * {@code value} is a Spark map (BigQuery has no map type); other REPEATED fields are arrays.
 */
public final class TableSchemas {
  public static final String LOG_RESULTS = "log_results";
  public static final String LOG_AGGREGATES = "log_aggregates";
  public static final String EMERGENCY_LOGS = "emergency_logs";
  public static final String QUARANTINE = "quarantine";
  public static final String LEDGER = "ledger";
  public static final List<String> TABLES = List.of(LOG_RESULTS, LOG_AGGREGATES, EMERGENCY_LOGS, QUARANTINE, LEDGER);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, StructType> CACHE = new ConcurrentHashMap<>();

  private TableSchemas() {}

  /** The Spark schema of {@code table}, from {@code schemas/<table>.json}. */
  public static StructType schema(String table) {
    return CACHE.computeIfAbsent(table, TableSchemas::load);
  }

  /** The raw BigQuery JSON schema of {@code table}. */
  public static JsonNode bigQuerySchema(String table) {
    String resource = "schemas/" + table + ".json";
    try (InputStream in = TableSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("no table contract " + resource + " on the classpath");
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static StructType load(String table) {
    return struct(bigQuerySchema(table), table);
  }

  private static StructType struct(JsonNode fields, String where) {
    List<StructField> out = new ArrayList<>();
    for (JsonNode f : fields) {
      String name = f.path("name").asText();
      String mode = f.path("mode").asText("NULLABLE").toUpperCase(Locale.ROOT);
      DataType type = type(f, where + "." + name);
      boolean repeated = mode.equals("REPEATED");
      if (repeated && !(type instanceof MapType)) {
        type = DataTypes.createArrayType(type, true);
      }
      out.add(new StructField(name, type, !mode.equals("REQUIRED"), Metadata.empty()));
    }
    return new StructType(out.toArray(new StructField[0]));
  }

  private static DataType type(JsonNode f, String where) {
    String t = f.path("type").asText().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "STRING" -> DataTypes.StringType;
      case "INT64", "INTEGER" -> DataTypes.LongType;
      case "FLOAT64", "FLOAT" -> DataTypes.DoubleType;
      case "BOOL", "BOOLEAN" -> DataTypes.BooleanType;
      case "TIMESTAMP" -> DataTypes.TimestampType;
      case "DATE" -> DataTypes.DateType;
      case "RECORD", "STRUCT" -> {
        StructType s = struct(f.path("fields"), where);
        boolean keyValue = f.path("mode").asText().equalsIgnoreCase("REPEATED")
            && s.fields().length == 2 && s.fields()[0].name().equals("key") && s.fields()[1].name().equals("value");
        yield keyValue ? DataTypes.createMapType(s.fields()[0].dataType(), s.fields()[1].dataType(), true) : s;
      }
      default -> throw new IllegalArgumentException(where + ": unsupported BigQuery type " + t);
    };
  }

  /**
   * Selects the contract's columns of {@code table} from {@code df}, in the contract's order and
   * cast to its types: what a sink writes is exactly the contract, whatever the plan produced.
   *
   * @throws IllegalArgumentException naming the contract columns {@code df} lacks
   */
  public static Dataset<Row> conform(Dataset<Row> df, String table) {
    StructType contract = schema(table);
    List<String> have = List.of(df.columns());
    List<String> missing = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (StructField f : contract.fields()) {
      if (!have.contains(f.name())) {
        missing.add(f.name());
      } else {
        cols.add(df.col(f.name()).cast(f.dataType()).as(f.name()));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(table + ": the data lacks contract columns " + missing);
    }
    return df.select(cols.toArray(new Column[0]));
  }

  /** The schema's shape without nullability, for comparing a written table with its contract. */
  public static String shape(StructType schema) {
    return schema.catalogString();
  }

  /**
   * {@code schema} with every field, array element and map value nullable: the schema Delta stores
   * for a table made by writing a data frame, as logyard's tables always were (a REQUIRED column
   * of the contract is not a Delta NOT NULL constraint on them).
   */
  public static StructType nullable(StructType schema) {
    StructField[] fields = new StructField[schema.fields().length];
    for (int i = 0; i < fields.length; i++) {
      StructField f = schema.fields()[i];
      fields[i] = new StructField(f.name(), nullableType(f.dataType()), true, f.metadata());
    }
    return new StructType(fields);
  }

  private static DataType nullableType(DataType type) {
    if (type instanceof StructType s) return nullable(s);
    if (type instanceof ArrayType a) return DataTypes.createArrayType(nullableType(a.elementType()), true);
    if (type instanceof MapType m) return DataTypes.createMapType(nullableType(m.keyType()), nullableType(m.valueType()), true);
    return type;
  }
}
