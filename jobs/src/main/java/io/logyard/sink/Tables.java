package io.logyard.sink;

import io.logyard.config.LogyardConfig;
import io.logyard.source.Locations;

/** Where each table lives under the configured warehouse: {@code <warehouse>/<table>}. */
public record Tables(String root) {
  public Tables(LogyardConfig config) {
    this(Locations.qualify(config.warehouse().path()));
  }

  public String path(String table) {
    return root.endsWith("/") ? root + table : root + "/" + table;
  }

  /**
   * The staging area of one ingest attempt, inside log_results' directory ({@code ingest-NAME}),
   * so that its parsed rows' files can become the table's: Delta reads only the files its log
   * names, and VACUUM removes what a killed attempt left (a name starting with {@code _} would
   * hide it from VACUUM).
   */
  public String staging(String name) {
    return path(io.logyard.sink.TableSchemas.LOG_RESULTS) + "/ingest-" + name;
  }
}
