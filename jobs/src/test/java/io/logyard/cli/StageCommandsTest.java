package io.logyard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logyard.Cli;
import io.logyard.SparkTestSession;
import io.logyard.sink.TableSchemas;
import io.logyard.sink.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler's three stage commands: only ingest, which reads log lines, needs the pseudonymization key. */
class StageCommandsTest {
  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();
  private static final Instant MTIME = Instant.parse("2026-11-20T12:07:00Z");
  private static final String NOW = "2026-11-20T13:07:00Z";

  private Path config(String name, String privacy) throws IOException {
    Path conf = dir.resolve(name);
    Files.writeString(conf, """
        warehouse: {path: %s}
        pipeline: {settle_seconds: 0}
        privacy: %s
        sources:
          - {name: web, provider: local, uri: %s, format: combined, full_listing: true}
        """.formatted(dir.resolve("warehouse"), privacy, dir.resolve("landing")));
    return conf;
  }

  @Test
  void discoverAndAggregateRunWithoutAKeyAndIngestSaysItNeedsOne() throws IOException {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Path log = landing.resolve("a.log");
    Files.writeString(log, """
        203.0.113.9 - - [20/Nov/2026:12:01:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "t"
        203.0.113.10 - - [20/Nov/2026:12:02:00 +0000] "GET /b HTTP/1.1" 503 7 "-" "t"
        """);
    Files.setLastModifiedTime(log, FileTime.from(MTIME));
    // no key anywhere: an unset variable, a missing file that is not to be created
    String noKey = config("nokey.yaml", "{hmac_key_env: LOGYARD_TEST_UNSET_KEY_VARIABLE, hmac_key_file: %s, hmac_key_create: false}"
        .formatted(dir.resolve("missing.key"))).toString();
    String withKey = config("key.yaml", "{hmac_key_file: %s, hmac_key_create: true}".formatted(dir.resolve("hmac.key"))).toString();

    String planned = Cli.run(0, "discover", "--conf", noKey, "--now", NOW);
    assertTrue(planned.contains("\"lot_id\" : \"lot-000001\"") || planned.contains("\"lot_id\":\"lot-000001\""), planned);

    Cli.Result refused = Cli.capture("ingest", "--conf", noKey, "--lot", "lot-000001", "--now", NOW);
    assertNotEquals(0, refused.code());
    assertTrue((refused.out() + refused.err()).contains("privacy.hmac_key_file: " + dir.resolve("missing.key") + " does not exist"), refused.out() + refused.err());
    assertFalse(Files.exists(dir.resolve("missing.key")), "the key file is not created");

    Cli.run(0, "ingest", "--conf", withKey, "--lot", "lot-000001", "--now", NOW);
    String aggregated = Cli.run(0, "aggregate", "--conf", noKey, "--lot", "lot-000001", "--now", NOW);
    assertTrue(aggregated.contains("lot-000001: 1 aggregate rows in 1 windows; lot done"), aggregated);

    Tables tables = new Tables(dir.resolve("warehouse").toString());
    assertEquals(2L, spark.read().format("delta").load(tables.path(TableSchemas.LOG_RESULTS)).count());
    assertEquals(2L, spark.read().format("delta").load(tables.path(TableSchemas.LOG_AGGREGATES))
        .selectExpr("sum(log_count)").first().getLong(0));
    assertEquals(1L, spark.read().format("delta").load(tables.path(TableSchemas.LEDGER))
        .filter("lot_id = 'lot-000001' AND state = 'done' AND lines_read = 2").count());
  }
}
