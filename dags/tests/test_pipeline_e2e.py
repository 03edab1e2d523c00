"""End to end: `dag.test()` of logyard_pipeline for one data interval, with the real
spark-submit of the venv's PySpark running the built jobs jar, over logs that
`bin/logyard generate` writes into a temporary directory; then the tables' contents, read with
delta-rs at the locations the lot manifest of the real `discover` gives (the discover task's XCom,
which plan_ingest, exports_configured and emergency_check read). A second `dag.test()` of the
same interval must change nothing. The first run's `spark_default` points at a Spark standalone
cluster (a master and two workers, JVMs of their own started by `bin/spark-standalone` from the
venv's Spark distribution), the second's at local Spark (`local[2]`).

The generated logs hold emergency events, so each run ends with emergency_check failing after
the notifier was called: the loud failure is part of what is tested.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from conftest import DAGS, REPO

JAR = REPO / "jobs/target/logyard-jobs.jar"
SPARK_JARS = REPO / "jobs/target/spark-jars"
START = datetime(2026, 1, 10, 10, 0, tzinfo=timezone.utc)
END = START + timedelta(minutes=15)
LOT = "ivl-20260110T100000Z"
# one source per provider, both formats: four ingest tasks per run
SOURCES = ["aws-access", "gcp-app", "azure-access", "oci-app"]
PROVIDERS = {"aws", "gcp", "azure", "oci"}
TABLES = ["log_results", "quarantine", "emergency_logs", "log_aggregates", "ledger"]
# Twelve short-lived local JVMs on tiny data, where start-up dominates: the C1 compiler only,
# the serial GC, no code generation and single partitions cut the CPU each spark-submit needs
# by about half; Spark logs only warnings.
TEST_SPARK_CONF = {
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
    f"-Dlog4j2.configurationFile=file:{REPO}/conf/log4j2.properties",
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.codegen.factoryMode": "NO_CODEGEN",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.shuffle.partitions": "1",
    "spark.databricks.delta.snapshotPartitions": "1",
}


def _spark_default(master: str) -> str:
    return json.dumps({"conn_type": "spark", "host": master})


@pytest.fixture(scope="module")
def standalone_cluster(tmp_path_factory):
    """A master and two one-core workers on 127.0.0.1; yields the master URL and a function
    returning the applications the master finished."""
    where = tmp_path_factory.mktemp("cluster")
    script = str(REPO / "bin/spark-standalone")
    url = subprocess.run([script, "start", str(where), "--workers", "2", "--cores", "1", "--memory", "1500m"],
                         check=True, capture_output=True, text=True).stdout.strip()
    def finished_apps():
        port = (where / "master.webui").read_text().strip()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/", timeout=10) as r:
            return [a["name"] for a in json.load(r)["completedapps"]]

    try:
        yield url, finished_apps
    finally:
        subprocess.run([script, "stop", str(where)], check=False)


def _require_build():
    missing = [str(p) for p in (JAR, SPARK_JARS) if not p.exists()]
    if missing:
        pytest.fail(
            f"the jobs jar is not built ({', '.join(missing)} missing): run `mvn -B -DskipTests package` "
            "in the repository root (or `make build`) first; `make test` does it",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def airflow_db():
    from airflow.utils import db

    db.upgradedb()


@pytest.fixture(scope="module")
def pipeline_env(tmp_path_factory):
    _require_build()
    work = tmp_path_factory.mktemp("e2e")
    landing = work / "landing"
    subprocess.run(
        [str(REPO / "bin/logyard"), "generate", "--out", str(landing), "--start", START.isoformat(),
         "--minutes", "10", "--lines-per-minute", "5"],
        check=True, cwd=REPO, stdout=subprocess.DEVNULL,
    )
    files = sorted(p for p in landing.rglob("*") if p.is_file())
    assert files, "generate wrote nothing"
    for i, path in enumerate(files):  # modified within the tested interval, a second apart
        t = (START + timedelta(minutes=1, seconds=i)).timestamp()
        os.utime(path, (t, t))

    conf = yaml.safe_load((REPO / "conf/local.yaml").read_text())
    conf["warehouse"]["path"] = str(work / "warehouse")
    conf["pipeline"]["settle_seconds"] = 0
    conf["privacy"]["hmac_key_file"] = str(work / "secrets/hmac.key")
    conf["sources"] = [s for s in conf["sources"] if s["name"] in SOURCES]
    for s in conf["sources"]:
        s["uri"] = s["uri"].replace("var/landing", str(landing), 1)
    (work / "logyard.yaml").write_text(yaml.safe_dump(conf, sort_keys=False))

    pyspark_home = Path(importlib.util.find_spec("pyspark").origin).parent
    env = {
        "LOGYARD_CONF": str(work / "logyard.yaml"),
        # tasks get no instances for intervals before their start date
        "LOGYARD_START_DATE": (START - timedelta(days=1)).isoformat(),
        "LOGYARD_RETRIES": "0",
        "LOGYARD_SPARK_SUBMIT_CONF": json.dumps(TEST_SPARK_CONF),
        "LOGYARD_EMERGENCY_CALLBACK": "recording_callback.record",
        "LOGYARD_TEST_ALERTS": str(work / "alerts.jsonl"),
        "AIRFLOW_CONN_SPARK_DEFAULT": _spark_default("local[2]"),
        "SPARK_HOME": str(pyspark_home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "SPARK_LOCAL_IP": "127.0.0.1",
    }
    with pytest.MonkeyPatch.context() as mp:
        for name in [n for n in os.environ if n.startswith("LOGYARD_")]:
            mp.delenv(name)
        for k, v in env.items():
            mp.setenv(k, v)
        yield {"work": work, "warehouse": str(work / "warehouse"), "files": files, "alerts": work / "alerts.jsonl"}


def _run_pipeline():
    from airflow.dag_processing.dagbag import DagBag
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
    dag = bag.dags["logyard_pipeline"]
    started = time.monotonic()
    dr = dag.test(logical_date=END)
    elapsed = time.monotonic() - started
    with create_session() as session:
        tis = dr.get_task_instances(session=session)
        states = {}
        for ti in tis:
            key = ti.task_id if ti.map_index < 0 else f"{ti.task_id}[{ti.rendered_map_index or ti.map_index}]"
            states[key] = str(ti.state)
        manifest = session.scalars(XComModel.get_many(
            run_id=dr.run_id, dag_ids=dag.dag_id, task_ids="discover", key="return_value")).one()
        return {"state": str(dr.state), "interval": (dr.data_interval_start, dr.data_interval_end),
                "tasks": states, "seconds": elapsed, "manifest": XComModel.deserialize_value(manifest)}


def _counts(tables):
    from logyard_dags import warehouse

    counts = {t: warehouse.query(tables, f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in TABLES}
    counts["by_provider"] = {
        r["provider"]: r["n"]
        for r in warehouse.query(tables, "SELECT provider, count(*) AS n FROM log_results GROUP BY provider")
    }
    return counts


def _expected_tasks():
    tasks = {"wait_for_settle": "success", "discover": "success", "plan_ingest": "success",
             "aggregate": "success", "exports_configured": "success", "export": "skipped",
             "emergency_check": "failed"}
    tasks.update({f"ingest[{s}]": "success" for s in SOURCES})
    return tasks


def test_pipeline_end_to_end_and_rerun_changes_nothing(airflow_db, pipeline_env, standalone_cluster,
                                                      record_property, monkeypatch):
    from logyard_dags import manifest, warehouse

    master, finished_apps = standalone_cluster
    monkeypatch.setenv("AIRFLOW_CONN_SPARK_DEFAULT", _spark_default(master))
    first = _run_pipeline()
    # discover, an ingest per source and aggregate each ran as an application of the cluster
    assert len(finished_apps()) == 2 + len(SOURCES), finished_apps()
    record_property("first_dag_test_seconds", round(first["seconds"], 1))
    assert first["interval"] == (START, END)
    assert first["tasks"] == _expected_tasks(), first
    assert first["state"] == "failed"  # emergency_check, loudly

    # the manifest the real discover wrote, as the tasks after it read it
    lot_manifest = manifest.parse(first["manifest"])
    assert lot_manifest.lot_id == LOT
    assert [s.source for s in lot_manifest.sources] == SOURCES  # the configuration's order
    assert lot_manifest.exports == ()
    wh = lot_manifest.tables
    assert sorted(wh) == sorted(TABLES)
    assert all(location == f"file:{pipeline_env['warehouse']}/{t}" for t, location in wh.items())

    counts = _counts(wh)
    assert set(counts["by_provider"]) == PROVIDERS and all(n > 0 for n in counts["by_provider"].values()), counts

    ledger = warehouse.query(
        wh,
        "SELECT state, count(*) AS objects, sum(size) AS bytes, sum(lines_read) AS lines, sum(rows_parsed) AS parsed, "
        f"sum(rows_quarantined) AS quarantined, sum(lines_skipped) AS skipped FROM ledger WHERE lot_id = '{LOT}' "
        "GROUP BY state",
    )
    assert [r["state"] for r in ledger] == ["done"], ledger
    lot = ledger[0]
    configured = [f for f in pipeline_env["files"] if any(f"/{kind}/" in str(f) for kind in ("access", "app"))]
    assert 0 < lot["objects"] <= len(configured)
    assert sum(s.objects for s in lot_manifest.sources) == lot["objects"]
    assert sum(s.bytes for s in lot_manifest.sources) == lot["bytes"]
    assert lot["lines"] == lot["parsed"] + lot["quarantined"] + lot["skipped"], lot
    unbalanced = warehouse.query(
        wh, f"SELECT uri FROM ledger WHERE lot_id = '{LOT}' AND lines_read <> rows_parsed + rows_quarantined + lines_skipped",
    )
    assert unbalanced == []
    assert counts["log_results"] == lot["parsed"]
    assert counts["quarantine"] == lot["quarantined"]
    aggregated = warehouse.query(wh, "SELECT sum(log_count) AS n FROM log_aggregates")[0]["n"]
    timed = warehouse.query(wh, "SELECT count(*) AS n FROM log_results WHERE timestamp IS NOT NULL")[0]["n"]
    assert aggregated == timed

    total, _ = warehouse.emergencies(wh["ledger"], wh["emergency_logs"], LOT)
    assert total == counts["emergency_logs"] > 0
    alerts = [json.loads(line) for line in pipeline_env["alerts"].read_text().splitlines()]
    assert len(alerts) == 1
    assert alerts[0]["lot_id"] == LOT and alerts[0]["total"] == total
    assert alerts[0]["interval_start"] == START.isoformat() and alerts[0]["interval_end"] == END.isoformat()

    monkeypatch.setenv("AIRFLOW_CONN_SPARK_DEFAULT", _spark_default("local[2]"))
    second = _run_pipeline()
    record_property("second_dag_test_seconds", round(second["seconds"], 1))
    assert second["tasks"] == _expected_tasks(), second
    assert second["manifest"] == first["manifest"]  # the interval's lot, discovered anew
    assert _counts(wh) == counts
    assert [r["state"] for r in warehouse.query(wh, f"SELECT DISTINCT state FROM ledger WHERE lot_id = '{LOT}'")] == ["done"]
    assert len(pipeline_env["alerts"].read_text().splitlines()) == 2
    print(f"\ndag.test: first run {first['seconds']:.0f} s, second run {second['seconds']:.0f} s", file=sys.stderr)
