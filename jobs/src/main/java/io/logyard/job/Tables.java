package io.logyard.job;

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

  /** The staging area of one ingest, below the warehouse ({@code _staging/NAME}: hidden from readers). */
  public String staging(String name) {
    return path("_staging/" + name);
  }
}
