package io.logyard.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which {@code LOGYARD_*} environment variables mean what. The rule, checked at start-up: a
 * variable whose name starts with {@code LOGYARD_} is
 *
 * <ol>
 *   <li>a configuration key: {@code LOGYARD_} + the key's path in capitals, each run of
 *       characters other than letters and digits written {@code _} ({@code pipeline.settle_seconds}
 *       is {@code LOGYARD_PIPELINE_SETTLE_SECONDS}, {@code sources[0].uri} is
 *       {@code LOGYARD_SOURCES_0_URI}); or
 *   <li>one of the {@link #NON_CONFIG_VARIABLES} below (launchers, Airflow, the default key); or
 *   <li>named by the configuration itself as holding a value ({@code privacy.hmac_key_env},
 *       {@code bigquery.access_token_env}, a source's {@code credentials.*_env}); or
 *   <li>reserved for tests: {@code LOGYARD_TEST_*}.
 * </ol>
 *
 * Anything else is refused like an unknown key in the file: a typo in a variable must not be
 * silently ignored.
 */
public final class ConfigEnvironment {
  public static final String PREFIX = "LOGYARD_";
  public static final String TEST_PREFIX = "LOGYARD_TEST_";

  /** Variables that are not configuration keys, with who reads them. */
  public static final Map<String, String> NON_CONFIG_VARIABLES = new TreeMap<>(Map.ofEntries(
      Map.entry("LOGYARD_HMAC_KEY", "the default privacy.hmac_key_env: the pseudonymization key"),
      Map.entry("LOGYARD_DEBUG", "the command line: print the stack trace of a failure"),
      Map.entry("LOGYARD_DRIVER_MEMORY", "bin/logyard: heap of the local JVM"),
      Map.entry("LOGYARD_JAVA_OPTS", "bin/logyard: extra JVM options (a collector named here replaces the default ParallelGC)"),
      Map.entry("LOGYARD_HOME", "Airflow: the logyard checkout"),
      Map.entry("LOGYARD_CONF", "Airflow: the configuration file passed as --conf"),
      Map.entry("LOGYARD_JAR", "Airflow: the jobs jar"),
      Map.entry("LOGYARD_SPARK_JARS", "Airflow: extra jars for --jars"),
      Map.entry("LOGYARD_WAREHOUSE", "Airflow and notebooks: passed as --warehouse"),
      Map.entry("LOGYARD_SPARK_SUBMIT_CONF", "Airflow: extra Spark properties for every job"),
      Map.entry("LOGYARD_SCHEDULE", "Airflow: cron of the pipeline's data intervals"),
      Map.entry("LOGYARD_START_DATE", "Airflow: first data interval"),
      Map.entry("LOGYARD_CATCHUP", "Airflow: run every missed interval"),
      Map.entry("LOGYARD_RETRIES", "Airflow: retries of each task"),
      Map.entry("LOGYARD_INGEST_PARALLELISM", "Airflow: ingest tasks of one run at a time"),
      Map.entry("LOGYARD_MAINTENANCE_SCHEDULE", "Airflow: cron of the maintenance DAG"),
      Map.entry("LOGYARD_EMERGENCY_CALLBACK", "Airflow: the emergency notifier"),
      Map.entry("LOGYARD_MANIFEST_DIR", "Airflow: where discover writes the lot manifest (shared with the driver in cluster deploy mode)")));

  private ConfigEnvironment() {}

  /** The variable that sets the key at {@code path}: {@code sources[0].uri} → {@code LOGYARD_SOURCES_0_URI}. */
  public static String variable(String path) {
    return PREFIX + path.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "").toUpperCase(Locale.ROOT);
  }

  /** Whether a {@code LOGYARD_*} variable is allowed without being a configuration key (rules 2 and 4). */
  static boolean exempt(String name) {
    return NON_CONFIG_VARIABLES.containsKey(name) || name.startsWith(TEST_PREFIX);
  }
}
