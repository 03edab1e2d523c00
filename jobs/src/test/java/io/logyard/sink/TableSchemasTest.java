package io.logyard.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TableSchemasTest {
  @Test
  void everyTableHasAContractOnTheClasspath() {
    for (String t : TableSchemas.TABLES) {
      assertTrue(TableSchemas.schema(t).fields().length > 5, t);
    }
  }

  @Test
  void logResultsStartsWithTheSeedColumnsInTheirOrder() {
    String[] names = TableSchemas.schema(TableSchemas.LOG_RESULTS).fieldNames();
    String[] seed = {"project_id", "region", "nodeName", "timestamp", "version", "message", "sync_time",
        "remote_log_id", "hostname", "public_ip", "private_ip", "alert_level", "provider"};
    for (int i = 0; i < seed.length; i++) assertEquals(seed[i], names[i]);
  }

  @Test
  void bigQueryTypesBecomeSparkTypes() {
    StructType lr = TableSchemas.schema(TableSchemas.LOG_RESULTS);
    assertEquals(DataTypes.TimestampType, lr.apply("timestamp").dataType());
    assertEquals(DataTypes.LongType, lr.apply("http_status").dataType());
    assertEquals(DataTypes.DoubleType, lr.apply("latency_ms").dataType());
    assertEquals(DataTypes.DateType, lr.apply("event_date").dataType());
    assertTrue(lr.apply("attributes").dataType() instanceof MapType);
    assertFalse(lr.apply("event_id").nullable());
    StructType agg = TableSchemas.schema(TableSchemas.LOG_AGGREGATES);
    assertEquals(DataTypes.createArrayType(DataTypes.StringType, true), agg.apply("messages").dataType());
    assertEquals(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true), agg.apply("status_counts").dataType());
    ArrayType endpoints = (ArrayType) agg.apply("endpoint_counts").dataType();
    assertEquals("struct<endpoint:string,count:bigint>", endpoints.elementType().catalogString());
  }
}
