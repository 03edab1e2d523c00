package io.logyard.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logyard.SparkTestSession;
import io.logyard.sink.TableSchemas;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class AggregatesTest {
  private final SparkSession spark = SparkTestSession.get();

  /** A log_results row with only what aggregation reads; the rest of the contract is null. */
  private static Row event(String node, String time, Integer status, String endpoint, Long bytes, String level, String message) {
    StructType s = TableSchemas.schema(TableSchemas.LOG_RESULTS);
    Object[] v = new Object[s.fields().length];
    v[s.fieldIndex("project_id")] = "p";
    v[s.fieldIndex("region")] = "r";
    v[s.fieldIndex("nodeName")] = node;
    v[s.fieldIndex("provider")] = "aws";
    v[s.fieldIndex("hostname")] = null;
    v[s.fieldIndex("timestamp")] = time == null ? null : Timestamp.from(Instant.parse(time));
    v[s.fieldIndex("http_status")] = status == null ? null : status.longValue();
    v[s.fieldIndex("endpoint")] = endpoint;
    v[s.fieldIndex("response_bytes")] = bytes;
    v[s.fieldIndex("alert_level")] = level;
    v[s.fieldIndex("message")] = message;
    v[s.fieldIndex("event_id")] = node + time + endpoint;
    v[s.fieldIndex("source_uri")] = "file:/x";
    v[s.fieldIndex("source_offset")] = 0L;
    return org.apache.spark.sql.RowFactory.create(v);
  }

  @Test
  void fiveMinuteWindowsPerNodeWithStatusEndpointAndErrorFigures() {
    List<Row> rows = new ArrayList<>();
    rows.add(event("n1", "2026-11-20T10:00:01Z", 200, "/a", 100L, "INFO", "GET /a"));
    rows.add(event("n1", "2026-11-20T10:04:59Z", 200, "/a", 300L, "INFO", "GET /a"));
    rows.add(event("n1", "2026-11-20T10:03:00Z", 503, "/b", null, "ERROR", "GET /b"));
    rows.add(event("n1", "2026-11-20T10:05:00Z", 404, "/c", 10L, "WARN", "GET /c"));
    rows.add(event("n2", "2026-11-20T10:01:00Z", null, null, null, "CRITICAL", "disk full"));
    rows.add(event("n2", null, 200, "/x", 1L, "INFO", "no time"));
    Dataset<Row> lr = spark.createDataFrame(rows, TableSchemas.schema(TableSchemas.LOG_RESULTS));

    Dataset<Row> agg = TableSchemas.conform(Aggregates.windows(lr, 5, 1, 20), TableSchemas.LOG_AGGREGATES);
    List<Row> out = agg.orderBy("nodeName", "time_window").collectAsList();
    assertEquals(3, out.size());

    Row first = out.get(0);
    assertEquals(Timestamp.from(Instant.parse("2026-11-20T10:00:00Z")), first.getAs("time_window"));
    assertEquals(3L, (long) first.getAs("log_count"));
    assertEquals(1L, (long) first.getAs("error_count"));
    assertEquals(400L, (long) first.getAs("total_response_bytes"));
    assertEquals(200.0, (double) first.getAs("avg_response_bytes"), 1e-9);
    assertEquals(Map.of("200", 2L, "503", 1L), scala.collection.JavaConverters.mapAsJavaMap(first.getAs("status_counts")));
    List<Row> top = first.getList(first.fieldIndex("endpoint_counts"));
    assertEquals(1, top.size(), "only the top endpoint is kept");
    assertEquals("/a", top.get(0).getString(0));
    assertEquals(2L, top.get(0).getLong(1));
    assertEquals(List.of("GET /b"), first.getList(first.fieldIndex("messages")));

    assertEquals(Timestamp.from(Instant.parse("2026-11-20T10:05:00Z")), out.get(1).getAs("time_window"));
    Row n2 = out.get(2);
    assertEquals("n2", n2.getAs("nodeName"));
    assertEquals(1L, (long) n2.getAs("log_count"), "the event without a timestamp is left out");
    assertEquals(1L, (long) n2.getAs("error_count"));
    assertEquals(List.of("disk full"), n2.getList(n2.fieldIndex("messages")));
    assertNull(n2.getAs("status_counts"), "no HTTP status in the window: no map");
    assertNull(n2.getAs("endpoint_counts"), "no endpoint in the window: no list");
    assertNull(n2.getAs("total_response_bytes"), "no byte count in the window");
    assertNull(n2.getAs("avg_response_bytes"));

    // the events are read once (counted as they pass, below the one scan of the figures), and each
    // window's figures come from aggregations, not a join
    String plan = agg.queryExecution().executedPlan().toString();
    assertEquals(1, plan.split("Scan", -1).length - 1, plan);
    assertEquals(0, plan.split("Join", -1).length - 1, plan);
  }

  @Test
  void theBusiestEndpointsTiesByNameAndTheFirstDistinctErrorMessagesInOrder() {
    List<Row> rows = new ArrayList<>();
    String[] endpoints = {"/b", "/b", "/a", "/a", "/c", "/d", "/d", "/d"};
    String[] messages = {"zeta", "alpha", "alpha", "mid", "beta", null, null, null};
    for (int i = 0; i < endpoints.length; i++) {
      String time = "2026-11-20T10:0" + i + ":00Z";
      rows.add(event("n1", time, 500 + (i % 2), endpoints[i], (long) i, messages[i] == null ? "INFO" : "ERROR",
          messages[i] == null ? "ok" : messages[i]));
    }
    Dataset<Row> lr = spark.createDataFrame(rows, TableSchemas.schema(TableSchemas.LOG_RESULTS));

    List<Row> out = TableSchemas.conform(Aggregates.windows(lr, 10, 3, 2), TableSchemas.LOG_AGGREGATES).collectAsList();
    assertEquals(1, out.size());
    Row w = out.get(0);
    assertEquals(8L, (long) w.getAs("log_count"));
    assertEquals(8L, (long) w.getAs("error_count"), "status 500 and 501 are errors whatever the level");
    assertEquals(28L, (long) w.getAs("total_response_bytes"));
    assertEquals(3.5, (double) w.getAs("avg_response_bytes"), 1e-9);
    assertEquals(Map.of("500", 4L, "501", 4L), scala.collection.JavaConverters.mapAsJavaMap(w.getAs("status_counts")));
    List<String> top = new ArrayList<>();
    for (Row e : w.<Row>getList(w.fieldIndex("endpoint_counts"))) top.add(e.getString(0) + "=" + e.getLong(1));
    assertEquals(List.of("/d=3", "/a=2", "/b=2"), top, "busiest first, ties by name, at most 3");
    assertEquals(List.of("alpha", "beta"), w.getList(w.fieldIndex("messages")), "distinct, sorted, at most 2");
  }

  @Test
  void manyWindowsOfDistinctEndpointsAreSummedExactlyOneWindowAtATime() {
    // 300 windows of 5 distinct endpoints, more groups than Spark sums in memory per task (128):
    // the rest are sorted and summed one group at a time
    List<Row> rows = new ArrayList<>();
    Instant start = Instant.parse("2026-11-20T00:00:00Z");
    for (int w = 0; w < 300; w++) {
      for (int k = 0; k < 5; k++) {
        for (int i = 0; i <= k; i++) {
          rows.add(event("n1", start.plusSeconds(300L * w + i).toString(), 200, "/e" + w + "-" + k, 1L, "INFO", "ok"));
        }
      }
    }
    Dataset<Row> lr = spark.createDataFrame(rows, TableSchemas.schema(TableSchemas.LOG_RESULTS));
    List<Row> out = Aggregates.windows(lr, 5, 2, 20).orderBy("time_window").collectAsList();
    assertEquals(300, out.size());
    for (int w = 0; w < 300; w++) {
      Row r = out.get(w);
      assertEquals(Timestamp.from(start.plusSeconds(300L * w)), r.getAs("time_window"));
      assertEquals(15L, (long) r.getAs("log_count"));
      List<String> top = new ArrayList<>();
      for (Row e : r.<Row>getList(r.fieldIndex("endpoint_counts"))) top.add(e.getString(0) + "=" + e.getLong(1));
      assertEquals(List.of("/e" + w + "-4=5", "/e" + w + "-3=4"), top);
    }
  }
}
