"""Where the warehouse is, and a local SparkSession that reads it.

The notebooks read the Delta tables that ``bin/logyard run`` writes under
``<warehouse>/<table>``. The Spark session is a plain PySpark one with Delta's jars taken from
the Maven build (``jobs/target/spark-jars/``), so nothing is downloaded at run time.
"""
from __future__ import annotations

import os
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession

#: The tables of the warehouse, as named in schemas/.
TABLES = ("log_results", "log_aggregates", "emergency_logs", "quarantine", "ledger")

#: Environment variable naming the warehouse; the demo's var/warehouse when unset.
WAREHOUSE_ENV = "LOGYARD_WAREHOUSE"

DELTA_JARS = ("delta-spark_2.12-3.3.3.jar", "delta-storage-3.3.3.jar")


def repo_root() -> Path:
    """The repository root: two levels above this package (notebooks/logyard_notebooks/)."""
    return Path(__file__).resolve().parents[2]


def warehouse_path(warehouse: str | os.PathLike | None = None) -> Path:
    """The warehouse directory: ``warehouse`` if given, else $LOGYARD_WAREHOUSE, else the
    demo's ``var/warehouse`` under the repository root. Relative paths are taken from the
    repository root, like bin/logyard's."""
    chosen = warehouse or os.environ.get(WAREHOUSE_ENV) or "var/warehouse"
    path = Path(chosen).expanduser()
    if not path.is_absolute():
        path = repo_root() / path
    return path


def delta_jars(root: Path | None = None) -> list[Path]:
    """Delta's jars as copied by the Maven build; fails with the command that makes them."""
    jar_dir = (root or repo_root()) / "jobs" / "target" / "spark-jars"
    jars = [jar_dir / name for name in DELTA_JARS]
    missing = [str(j) for j in jars if not j.is_file()]
    if missing:
        raise FileNotFoundError(
            f"Delta jars not found: {', '.join(missing)}; build them with "
            "`mvn -B -q -DskipTests package` (or `make build`) at the repository root")
    return jars


def spark_session(app_name: str = "logyard-notebooks") -> SparkSession:
    """A local SparkSession with Delta: local[2], bound to 127.0.0.1, UI off, 2 shuffle
    partitions, UTC. Returns the running session if there is one.

    On Java 17 Spark needs its --add-opens module flags; PySpark 3.5's launcher
    (spark-submit) already passes them to the driver JVM, so they are not repeated here.
    """
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    jars = ",".join(str(j) for j in delta_jars())
    log4j = repo_root() / "conf" / "log4j2.properties"
    return (
        SparkSession.builder.master("local[2]")
        .appName(app_name)
        .config("spark.jars", jars)
        # Spark, Hadoop and Delta speak up only for warnings, as in bin/logyard
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log4j.as_uri()}")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        # the warehouse's tables are small: rebuild each Delta snapshot with 2 tasks, not 50
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .getOrCreate()
    )


def read_table(spark: SparkSession, warehouse: str | os.PathLike, table: str) -> DataFrame:
    """One Delta table of the warehouse; fails with the path when the table is not there."""
    path = Path(warehouse) / table
    if not (path / "_delta_log").is_dir():
        raise FileNotFoundError(
            f"{table}: no Delta table at {path}; run `make demo` (or `bin/logyard run`) first, "
            f"or point ${WAREHOUSE_ENV} at a warehouse")
    return spark.read.format("delta").load(str(path))


def read_tables(spark: SparkSession, warehouse: str | os.PathLike,
                tables=TABLES) -> dict[str, DataFrame]:
    """The named tables of the warehouse, by name."""
    return {t: read_table(spark, warehouse, t) for t in tables}


def row_counts(tables: dict[str, DataFrame]):
    """Rows per table, as a pandas DataFrame (index: table)."""
    import pandas as pd

    return pd.DataFrame({"rows": [df.count() for df in tables.values()]},
                        index=pd.Index(list(tables), name="table"))
