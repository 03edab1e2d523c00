"""Deployment settings of the logyard DAGs, from environment variables only.

Read when a DAG file is parsed, so nothing here may touch the network, an Airflow Variable or a
connection: only ``os.environ`` and path arithmetic. Relative paths resolve against
``LOGYARD_HOME``, the directory spark-submit is started in (see ``operators``).

==============================  ===============================================================
variable                        meaning (default)
==============================  ===============================================================
LOGYARD_HOME                    the logyard checkout (the parent of this dags/ folder)
LOGYARD_CONF                    pipeline configuration YAML (``conf/local.yaml``)
LOGYARD_JAR                     the jobs jar (``jobs/target/logyard-jobs.jar``)
LOGYARD_SPARK_JARS              extra jars for ``--jars``, comma-separated; globs allowed
                                (``jobs/target/spark-jars/*.jar``: Delta); empty for none
LOGYARD_WAREHOUSE               passed as ``--warehouse`` when set (else the config decides)
LOGYARD_SPARK_SUBMIT_CONF       JSON object of extra Spark properties for every job;
                                ``spark.{driver,executor}.extraJavaOptions`` are appended to
                                the Java 17 module flags, not replacing them
LOGYARD_SCHEDULE                cron of the pipeline's data intervals (``*/15 * * * *``)
LOGYARD_START_DATE              first data interval, ISO-8601 (``2026-11-01T00:00:00Z``)
LOGYARD_CATCHUP                 run every missed interval (``true``)
LOGYARD_RETRIES                 retries of each task (``2``)
LOGYARD_INGEST_PARALLELISM      ingest tasks of one run at a time (``4``); each local
                                spark-submit is a whole Spark driver
LOGYARD_MAINTENANCE_SCHEDULE    cron of the maintenance DAG (``0 3 * * *``)
LOGYARD_EMERGENCY_CALLBACK      dotted path of the emergency notifier
                                (``logyard_dags.alerts.log_emergencies``)
LOGYARD_MANIFEST_DIR            where ``discover`` writes the lot manifest for the tasks after
                                it; a directory the Spark driver and the worker share (unset:
                                the worker's temporary directory, enough when the driver runs
                                on the worker: local and client deploy mode)
==============================  ===============================================================
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping

# The module flags Spark's launcher passes on Java 17 (JavaModuleOptions); the same list as
# <spark.jvm.flags> in the root pom.xml (a test keeps the two equal).
JAVA17_MODULE_FLAGS = (
    "-XX:+IgnoreUnrecognizedVMOptions",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
    "-Djdk.reflect.useDirectMethodHandle=false",
)

JAVA_OPTION_KEYS = ("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")

MAIN_CLASS = "io.logyard.cli.Main"
SPARK_CONN_ID = "spark_default"
DEFAULT_CALLBACK = "logyard_dags.alerts.log_emergencies"


class SettingsError(ValueError):
    """A LOGYARD_* variable has a value the DAGs cannot use; the message names it."""


@dataclass(frozen=True)
class Settings:
    home: Path
    conf: str
    jar: str
    spark_jars: str
    warehouse: str | None
    spark_conf: Mapping[str, str]
    schedule: str
    start_date: datetime
    catchup: bool
    retries: int
    ingest_parallelism: int
    maintenance_schedule: str
    emergency_callback: str
    manifest_dir: str | None = None

    def resolve(self, path: str) -> str:
        """A path of the configuration as spark-submit sees it: relative ones against home."""
        if "://" in path or path.startswith("file:") or os.path.isabs(path):
            return path
        return str(self.home / path)


def _path(env: Mapping[str, str], name: str, home: Path, default: str) -> str:
    value = env.get(name) or default
    return value if os.path.isabs(value) or "://" in value else str(home / value)


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name}: expected true or false, found {value!r}")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if value is None or value == "":
        return default
    try:
        n = int(value)
    except ValueError:
        raise SettingsError(f"{name}: expected a whole number, found {value!r}") from None
    if n < 0:
        raise SettingsError(f"{name}: must not be negative, found {n}")
    return n


def _date(env: Mapping[str, str], name: str, default: datetime) -> datetime:
    value = env.get(name)
    if not value:
        return default
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise SettingsError(f"{name}: expected an ISO-8601 time such as 2026-11-01T00:00:00Z, found {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _spark_conf(env: Mapping[str, str], name: str) -> dict[str, str]:
    flags = " ".join(JAVA17_MODULE_FLAGS)
    conf = {key: flags for key in JAVA_OPTION_KEYS}
    raw = env.get(name)
    if not raw:
        return conf
    try:
        extra = json.loads(raw)
    except json.JSONDecodeError as e:
        raise SettingsError(f"{name}: not valid JSON ({e.msg} at character {e.pos})") from None
    if not isinstance(extra, dict):
        raise SettingsError(f'{name}: expected a JSON object such as {{"spark.executor.memory": "4g"}}')
    for key, value in extra.items():
        conf[key] = f"{conf[key]} {value}" if key in JAVA_OPTION_KEYS else str(value)
    return conf


def from_env(env: Mapping[str, str] | None = None) -> Settings:
    """The settings the environment gives; every problem names its variable."""
    env = os.environ if env is None else env
    home = Path(env.get("LOGYARD_HOME") or Path(__file__).resolve().parents[2])
    jars = env.get("LOGYARD_SPARK_JARS")
    if jars is None:
        jars = str(home / "jobs/target/spark-jars/*.jar")
    warehouse = env.get("LOGYARD_WAREHOUSE") or None
    return Settings(
        home=home,
        conf=_path(env, "LOGYARD_CONF", home, "conf/local.yaml"),
        jar=_path(env, "LOGYARD_JAR", home, "jobs/target/logyard-jobs.jar"),
        spark_jars=",".join(j.strip() for j in jars.split(",") if j.strip()),
        warehouse=warehouse,
        spark_conf=_spark_conf(env, "LOGYARD_SPARK_SUBMIT_CONF"),
        schedule=env.get("LOGYARD_SCHEDULE") or "*/15 * * * *",
        start_date=_date(env, "LOGYARD_START_DATE", datetime(2026, 11, 1, tzinfo=timezone.utc)),
        catchup=_bool(env, "LOGYARD_CATCHUP", True),
        retries=_int(env, "LOGYARD_RETRIES", 2),
        ingest_parallelism=max(1, _int(env, "LOGYARD_INGEST_PARALLELISM", 4)),
        maintenance_schedule=env.get("LOGYARD_MAINTENANCE_SCHEDULE") or "0 3 * * *",
        emergency_callback=env.get("LOGYARD_EMERGENCY_CALLBACK") or DEFAULT_CALLBACK,
        manifest_dir=_path(env, "LOGYARD_MANIFEST_DIR", home, "") if env.get("LOGYARD_MANIFEST_DIR") else None,
    )
