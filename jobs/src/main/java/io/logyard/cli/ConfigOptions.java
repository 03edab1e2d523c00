package io.logyard.cli;

import io.logyard.config.ConfigLoader;
import io.logyard.config.LogyardConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that reads the configuration shares. */
public final class ConfigOptions {
  @Option(names = {"-c", "--conf"}, paramLabel = "FILE",
      description = "Configuration file (YAML). Default: the embedded conf/local.yaml.")
  String conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one configuration value, e.g. --set warehouse.path=/tmp/wh, --set sources[0].uri=s3a://b/p, "
          + "--set spark.conf.spark.sql.shuffle.partitions=8. Repeatable; a key that does not exist is refused. "
          + "Wins over environment variables (LOGYARD_<KEY>, e.g. LOGYARD_WAREHOUSE_PATH) and the file.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--warehouse", paramLabel = "PATH", description = "Shortcut for --set warehouse.path=PATH.")
  String warehouse;

  public LogyardConfig load() {
    Map<String, String> o = new LinkedHashMap<>(overrides);
    if (warehouse != null) o.put("warehouse.path", warehouse);
    return ConfigLoader.load(conf == null ? ConfigLoader.EMBEDDED : conf, o);
  }
}
