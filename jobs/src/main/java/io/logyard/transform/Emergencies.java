package io.logyard.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Routes critical and security events to emergency_logs, in the run that reads them. */
public final class Emergencies {
  private Emergencies() {}

  /**
   * Input: log_results rows. Output: the emergency_logs columns — the seed's columns plus
   * event_id, source_uri and reason — for each event whose alert_level is one of {@code levels}
   * or whose message contains one of {@code markers}. reason says which rule matched, the level
   * first: {@code alert_level CRITICAL} or {@code message contains [SECURITY]}.
   */
  public static Dataset<Row> route(Dataset<Row> logResults, List<String> levels, List<String> markers) {
    Column byLevel = levels.isEmpty() ? lit(false) : col("alert_level").isin(levels.toArray());
    Column reason = when(byLevel, concat(lit("alert_level "), col("alert_level")));
    Column any = byLevel;
    for (String m : markers) {
      Column hit = col("message").contains(m);
      reason = reason.when(hit, lit("message contains " + m));
      any = any.or(hit);
    }
    return logResults.filter(any).select(
        col("project_id"), col("region"), col("nodeName"), col("timestamp"), col("version"), col("message"),
        col("sync_time"), col("remote_log_id"), col("hostname"), col("public_ip"), col("private_ip"),
        col("alert_level"), col("provider"), col("event_id"), col("source_uri"), reason.as("reason"),
        col("run_id"), col("event_date"));
  }
}
