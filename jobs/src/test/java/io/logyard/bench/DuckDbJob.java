package io.logyard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The benchmark's anchor: DuckDB doing logyard's job on the same combined-log files, on the same
 * cores: read every line (gzip), parse it (one regular expression), mask the client address
 * (IPv4 to /24, IPv6 to /64), write the parsed rows and 5-minute aggregates to Parquet, count
 * what did not parse. Prints {@code lines=N parsed=N quarantined=N} for the harness to check
 * against logyard's counts. Run in its own process, so its CPU time and peak memory are its own.
 *
 * <p>Arguments: input glob, output folder, threads.
 */
public final class DuckDbJob {
  private DuckDbJob() {}

  private static final String COMBINED =
      "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"(\\S+) (\\S+)[^\"]*\" (\\d{3}) (\\d+|-) \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\"";

  public static void main(String[] args) throws Exception {
    String input = args[0];
    String out = args[1];
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads = " + threads);
      s.execute("SET preserve_insertion_order = false");
      s.execute("CREATE TEMP VIEW raw AS SELECT line FROM read_csv('" + input + "', columns = {'line': 'VARCHAR'}, "
          + "delim = '\\x01', quote = '', escape = '', header = false, auto_detect = false, compression = 'gzip', "
          + "strict_mode = false, null_padding = true)");
      s.execute("CREATE TEMP VIEW parsed AS SELECT line, regexp_extract(line, '" + COMBINED.replace("'", "''") + "', "
          + "['ip', 'user', 'ts', 'method', 'path', 'status', 'bytes', 'referrer', 'agent']) AS m FROM raw");
      // one pass over the files: every line parsed and masked once, then written twice
      s.execute("CREATE TEMP TABLE events AS SELECT m.ip <> '' AS ok, "
          + "CASE WHEN m.ip LIKE '%:%' THEN regexp_replace(m.ip, '^([0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F]*).*$', '\\1::') "
          + "ELSE regexp_replace(m.ip, '\\.\\d+$', '.0') END AS client_ip, "
          + "try_strptime(m.ts, '%d/%b/%Y:%H:%M:%S %z') AS ts, m.method AS http_method, m.path AS endpoint, "
          + "TRY_CAST(m.status AS INTEGER) AS http_status, TRY_CAST(m.bytes AS BIGINT) AS response_bytes, "
          + "m.referrer AS referrer, m.agent AS user_agent FROM parsed");
      s.execute("COPY (SELECT * EXCLUDE (ok) FROM events WHERE ok) TO '" + out + "/rows' (FORMAT parquet, PER_THREAD_OUTPUT true, OVERWRITE true)");
      s.execute("COPY (SELECT time_bucket(INTERVAL 5 MINUTE, ts) AS time_window, count(*) AS log_count, "
          + "count(*) FILTER (WHERE http_status >= 500) AS error_count, avg(response_bytes) AS avg_response_bytes, "
          + "sum(response_bytes) AS total_response_bytes FROM events WHERE ok GROUP BY ALL) TO '" + out + "/aggregates.parquet' (FORMAT parquet)");
      try (ResultSet r = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE ok) FROM events")) {
        r.next();
        long lines = r.getLong(1);
        long parsed = r.getLong(2);
        System.out.println("lines=" + lines + " parsed=" + parsed + " quarantined=" + (lines - parsed));
      }
    }
  }
}
