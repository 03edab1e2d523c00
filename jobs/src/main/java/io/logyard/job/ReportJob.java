package io.logyard.job;

import io.logyard.sink.Tables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code logyard report}: a short picture of what the pipeline produced — rows per table and
 * per provider, the busiest endpoints, the emergencies, and why lines were quarantined.
 */
public final class ReportJob {
  private ReportJob() {}

  /** The report's sections, by title, in order; each a small query over the registered tables. */
  public static Map<String, Dataset<Row>> sections(SparkSession spark, Tables tables, int top) {
    List<String> present = QueryJob.register(spark, tables);
    Map<String, Dataset<Row>> s = new LinkedHashMap<>();
    if (present.isEmpty()) return s;
    StringBuilder counts = new StringBuilder();
    for (String t : present) {
      if (counts.length() > 0) counts.append(" UNION ALL ");
      counts.append("SELECT '").append(t).append("' AS table, count(*) AS rows FROM ").append(t);
    }
    s.put("Rows per table", spark.sql(counts.toString()));
    s.put("Rows per provider", spark.sql(
        "SELECT r.provider, r.events, coalesce(q.quarantined, 0) AS quarantined, coalesce(e.emergencies, 0) AS emergencies "
            + "FROM (SELECT provider, count(*) AS events FROM log_results GROUP BY provider) r "
            + "LEFT JOIN (SELECT provider, count(*) AS quarantined FROM quarantine GROUP BY provider) q ON r.provider = q.provider "
            + "LEFT JOIN (SELECT provider, count(*) AS emergencies FROM emergency_logs GROUP BY provider) e ON r.provider = e.provider "
            + "ORDER BY r.provider"));
    s.put("Top endpoints", spark.sql(
        "SELECT endpoint, count(*) AS requests, sum(CASE WHEN http_status >= 500 THEN 1 ELSE 0 END) AS errors_5xx "
            + "FROM log_results WHERE endpoint IS NOT NULL GROUP BY endpoint ORDER BY requests DESC, endpoint LIMIT " + top));
    s.put("Emergencies by reason", spark.sql(
        "SELECT reason, count(*) AS events FROM emergency_logs GROUP BY reason ORDER BY events DESC, reason"));
    s.put("Latest emergencies", spark.sql(
        "SELECT timestamp, provider, nodeName, alert_level, substring(message, 1, 70) AS message "
            + "FROM emergency_logs ORDER BY timestamp DESC, event_id LIMIT " + top));
    s.put("Quarantine reasons", spark.sql(
        "SELECT format, regexp_replace(reason, '[0-9]+', 'N') AS reason, count(*) AS lines FROM quarantine "
            + "GROUP BY 1, 2 ORDER BY lines DESC, reason LIMIT " + top));
    return s;
  }
}
