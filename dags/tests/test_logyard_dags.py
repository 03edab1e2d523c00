"""The DAGs' helpers on their own: settings, the configuration keys tasks read, the warehouse
reads over small Delta tables, the notifier, and the spark-submit command line each stage
would run (with the process itself replaced)."""

from __future__ import annotations

import json
import logging
import subprocess
from types import SimpleNamespace
from datetime import datetime, timedelta, timezone
from unittest import mock

import pytest
from arro3.core import Array, DataType, Table
from deltalake import write_deltalake

from conftest import DAGS, REPO
from logyard_dags import alerts, manifest, pipeline_config, settings, warehouse
from logyard_dags.settings import JAVA17_MODULE_FLAGS, SettingsError

UTC = timezone.utc


# --- settings --------------------------------------------------------------------------------


def test_settings_defaults_are_relative_to_the_checkout():
    s = settings.from_env({})
    assert s.home == REPO
    assert s.conf == str(REPO / "conf/local.yaml")
    assert s.jar == str(REPO / "jobs/target/logyard-jobs.jar")
    assert s.spark_jars == str(REPO / "jobs/target/spark-jars/*.jar")
    assert s.warehouse is None
    assert (s.schedule, s.catchup, s.retries, s.ingest_parallelism) == ("*/15 * * * *", True, 2, 4)
    assert s.start_date == datetime(2026, 11, 1, tzinfo=UTC)
    assert s.emergency_callback == "logyard_dags.alerts.log_emergencies"
    assert s.spark_conf == {k: " ".join(JAVA17_MODULE_FLAGS) for k in settings.JAVA_OPTION_KEYS}


def test_settings_from_environment(tmp_path):
    s = settings.from_env({
        "LOGYARD_HOME": str(tmp_path),
        "LOGYARD_CONF": "/etc/logyard/prod.yaml",
        "LOGYARD_JAR": "gs://bucket/logyard-jobs.jar",
        "LOGYARD_SPARK_JARS": " a.jar, ,b.jar ",
        "LOGYARD_START_DATE": "2026-11-20T10:00:00",
        "LOGYARD_CATCHUP": "no",
    })
    assert s.conf == "/etc/logyard/prod.yaml"
    assert s.jar == "gs://bucket/logyard-jobs.jar"
    assert s.spark_jars == "a.jar,b.jar"
    assert s.start_date == datetime(2026, 11, 20, 10, tzinfo=UTC)
    assert s.catchup is False
    assert s.resolve("var/warehouse") == str(tmp_path / "var/warehouse")
    assert s.resolve("file:/x") == "file:/x" and s.resolve("s3a://b/w") == "s3a://b/w"


@pytest.mark.parametrize("name,value", [
    ("LOGYARD_RETRIES", "-1"), ("LOGYARD_RETRIES", "two"), ("LOGYARD_CATCHUP", "maybe"),
    ("LOGYARD_START_DATE", "yesterday"), ("LOGYARD_SPARK_SUBMIT_CONF", "{"), ("LOGYARD_SPARK_SUBMIT_CONF", "[1]"),
])
def test_settings_errors_name_the_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        settings.from_env({name: value})


def test_module_flags_equal_the_poms():
    pom = (REPO / "pom.xml").read_text()
    flags = pom.split("<spark.jvm.flags>")[1].split("</spark.jvm.flags>")[0]
    assert " ".join(JAVA17_MODULE_FLAGS) == flags


# --- the configuration -----------------------------------------------------------------------


def _conf(tmp_path, text):
    path = tmp_path / "logyard.yaml"
    path.write_text(text)
    return settings.from_env({"LOGYARD_HOME": str(tmp_path), "LOGYARD_CONF": str(path)})


def test_local_yaml_as_tasks_read_it():
    assert pipeline_config.load(settings.from_env({}), env={}).settle_seconds == 0


def test_config_precedence_and_defaults(tmp_path):
    s = _conf(tmp_path, "warehouse: {path: wh}\nsources: [{name: a}, {name: b}]\n")
    assert pipeline_config.load(s, env={}).settle_seconds == 120
    assert pipeline_config.load(s, env={"LOGYARD_PIPELINE_SETTLE_SECONDS": "30"}).settle_seconds == 30


@pytest.mark.parametrize("text,problem", [
    ("warehouse: {path: w}\npipeline: {settle_seconds: soon}\nsources: [{name: a}]\n", "pipeline.settle_seconds"),
    ("warehouse: [\n", "not valid YAML"),
    ("- a list\n", "expected a mapping"),
])
def test_config_problems_name_file_and_key(tmp_path, text, problem):
    with pytest.raises(pipeline_config.PipelineConfigError, match=problem):
        pipeline_config.load(_conf(tmp_path, text), env={})


def test_missing_config_file_says_which_variable_to_set(tmp_path):
    s = settings.from_env({"LOGYARD_CONF": str(tmp_path / "nope.yaml")})
    with pytest.raises(pipeline_config.PipelineConfigError, match="no such file.*LOGYARD_CONF"):
        pipeline_config.load(s, env={})


# --- the warehouse ---------------------------------------------------------------------------


@pytest.mark.parametrize("end", [
    datetime(2026, 11, 20, 10, 15, tzinfo=timezone.utc),
    datetime(2026, 12, 31, 23, 59, tzinfo=timezone.utc),   # the settle time crosses a year
    datetime(2028, 2, 28, 23, 58, tzinfo=timezone.utc),    # and a leap day
])
def test_settle_follows_the_given_now_not_the_calendar(end):
    for offset, done in ((-1, False), (119, False), (120, True), (86_400 * 400, True)):
        assert pipeline_config.settled(end, 120, end + timedelta(seconds=offset)) == (done, end + timedelta(seconds=120))


@pytest.mark.parametrize("location,uri", [
    ("file:/tmp/wh/ledger", "/tmp/wh/ledger"), ("file:///tmp/wh/ledger/", "/tmp/wh/ledger"),
    ("s3a://bucket/wh/ledger", "s3://bucket/wh/ledger"), ("gs://bucket/wh/ledger", "gs://bucket/wh/ledger"),
])
def test_table_uri(location, uri):
    assert warehouse.table_uri(location) == uri


def _table(columns):
    return Table.from_pydict({name: Array(values, DataType.string()) for name, values in columns.items()})


@pytest.fixture
def small_warehouse(tmp_path):
    """A ledger of two lots and emergency rows of objects in both, at locations no rule of the
    DAG could guess (only a manifest says where they are); strings throughout (arro3 builds no
    timestamp arrays; the real schemas are exercised by the end-to-end test)."""
    write_deltalake(str(tmp_path / "objects-seen"), _table({
        "lot_id": ["ivl-A", "ivl-A", "ivl-A", "ivl-B"],
        "source_name": ["aws-app", "gcp-app", "gcp-app", "aws-app"],
        "uri": ["file:/l/a1", "file:/l/g1", "file:/l/g2", "file:/l/a2"],
        "state": ["pending", "ingested", "pending", "pending"],
    }))
    write_deltalake(str(tmp_path / "alarms"), _table({
        "timestamp": ["2026-11-20T10:02:00Z", "2026-11-20T10:01:00Z", "2026-11-20T10:03:00Z"],
        "provider": ["aws", "gcp", "aws"],
        "nodeName": ["n1", "n2", "n3"],
        "alert_level": ["CRITICAL", "INFO", "EMERGENCY"],
        "reason": ["level CRITICAL", "marker [SECURITY]", "level EMERGENCY"],
        "message": ["disk on fire", "[SECURITY] login storm", "down"],
        "event_id": ["e1", "e2", "e3"],
        "source_uri": ["file:/l/a1", "file:/l/g2", "file:/l/a2"],
        "project_id": ["p", "p", "p"], "region": ["r", "r", "r"], "hostname": ["h", "h", "h"],
    }))
    return {"ledger": "file:" + str(tmp_path / "objects-seen"), "emergency_logs": "file://" + str(tmp_path / "alarms")}


def test_emergencies_of_a_lot_only(small_warehouse):
    tables = (small_warehouse["ledger"], small_warehouse["emergency_logs"])
    total, rows = warehouse.emergencies(*tables, "ivl-A")
    assert total == 2
    assert [r["event_id"] for r in rows] == ["e2", "e1"]  # by time
    assert rows[1]["message"] == "disk on fire" and rows[1]["provider"] == "aws"
    assert warehouse.emergencies(*tables, "ivl-A", limit=1)[0] == 2
    assert len(warehouse.emergencies(*tables, "ivl-A", limit=1)[1]) == 1
    assert warehouse.emergencies(*tables, "ivl-'; DROP") == (0, [])


# --- the lot manifest: what the tasks after discover know ------------------------------------


def _manifest(lot_id="lot-000042", sources=(), tables=None, exports=()):
    """A manifest in LotManifest.java's shape (the end-to-end test reads one the jobs wrote)."""
    return {
        "manifest_version": manifest.VERSION, "lot_id": lot_id, "state": "pending",
        "interval": {"start": "2026-11-20T10:15:00Z", "end": "2026-11-20T10:30:00Z"},
        "sources": [{"source": name, "objects": n, "bytes": 100 * n} for name, n in sources],
        "waiting": 0, "tables": tables or {"ledger": "file:/nowhere/l", "emergency_logs": "file:/nowhere/e"},
        "exports": list(exports),
    }


def _pipeline_task(task_id):
    return _bag().dags["logyard_pipeline"].task_dict[task_id].python_callable


INTERVAL = {"data_interval_start": datetime(2026, 11, 20, 10, 15, tzinfo=UTC),
            "data_interval_end": datetime(2026, 11, 20, 10, 30, tzinfo=UTC)}


def test_plan_ingest_takes_the_sources_from_the_manifest(clean_env):
    """Only the sources the manifest lists, in its order, whatever the configuration and the
    ledger hold: the DAG does not look for pending objects itself."""
    plan = _pipeline_task("plan_ingest")
    commands = plan(lot=_manifest(sources=[("gcp-app", 2), ("not-in-local-yaml", 1)]), **INTERVAL)
    assert [c[c.index("--source") + 1] for c in commands] == ["gcp-app", "not-in-local-yaml"]
    assert all(c[0] == "ingest" and c[c.index("--interval-start") + 1] == "2026-11-20T10:15:00+00:00" for c in commands)
    assert plan(lot=_manifest(sources=[]), **INTERVAL) == []


@pytest.mark.parametrize("exports, runs", [((), False), (("parquet",), True), (("bigquery",), True), (("parquet", "bigquery"), True)])
def test_export_runs_when_the_manifest_lists_an_export(clean_env, exports, runs):
    assert _pipeline_task("exports_configured")(lot=_manifest(exports=exports)) is runs


def test_emergency_check_reads_the_lot_and_tables_the_manifest_names(clean_env, small_warehouse):
    """The lot id is not derived from the interval, the tables are not below a warehouse root:
    both come from the manifest."""
    from airflow.sdk.exceptions import AirflowFailException

    check = _pipeline_task("emergency_check")
    run = SimpleNamespace(dag_id="logyard_pipeline", run_id="r1")
    with pytest.raises(AirflowFailException, match="^2 emergency events in lot ivl-A, data interval 2026-11-20T10:15"):
        check(lot=_manifest("ivl-A", tables=small_warehouse), dag_run=run, **INTERVAL)
    assert check(lot=_manifest("ivl-C", tables=small_warehouse), dag_run=run, **INTERVAL) == 0


@pytest.mark.parametrize("doc, problem", [
    ({**_manifest(), "manifest_version": 2}, "version 2, this DAG reads version 1"),
    ({"lot_id": "x"}, "version None"),
    ({**_manifest(), "sources": [{"name": "a"}]}, "without a usable field"),
])
def test_a_manifest_of_another_version_or_shape_is_refused(doc, problem):
    with pytest.raises(manifest.ManifestError, match=problem):
        manifest.parse(doc)
    with pytest.raises(manifest.ManifestError, match="has no table 'quarantine'"):
        manifest.parse(_manifest()).table("quarantine")


# --- the notifier ----------------------------------------------------------------------------


def _report(total=2, rows=({"reason": "level CRITICAL"}, {"reason": "marker [SECURITY]"})):
    return alerts.EmergencyReport("logyard_pipeline", "run1", "ivl-A", datetime(2026, 11, 20, 10, tzinfo=UTC),
                                  datetime(2026, 11, 20, 10, 15, tzinfo=UTC), total, list(rows))


def test_report_summary():
    assert _report().summary() == (
        "2 emergency events in lot ivl-A, data interval 2026-11-20T10:00:00+00:00 to 2026-11-20T10:15:00+00:00 "
        "(level CRITICAL: 1, marker [SECURITY]: 1)")
    assert _report(total=5).summary().endswith("(first 2 by time: level CRITICAL: 1, marker [SECURITY]: 1)")


def test_default_notifier_logs_every_row(caplog):
    with caplog.at_level(logging.ERROR, logger="logyard_dags.alerts"):
        alerts.log_emergencies(_report())
    assert len(caplog.records) == 3 and "2 emergency events in lot ivl-A" in caplog.records[0].getMessage()


@pytest.mark.parametrize("path", ["logyard_dags.alerts.log_emergencies", "logyard_dags.alerts:log_emergencies"])
def test_resolve_callback(path):
    assert alerts.resolve_callback(path) is alerts.log_emergencies


@pytest.mark.parametrize("path,problem", [
    ("nothing", "not a dotted path"), ("no_such_module.f", "cannot import module"),
    ("logyard_dags.alerts.nope", "no callable 'nope'"), ("logyard_dags.alerts.log", "no callable 'log'"),
])
def test_resolve_callback_errors(path, problem):
    with pytest.raises(ValueError, match=problem):
        alerts.resolve_callback(path)


# --- the command lines spark-submit would run ------------------------------------------------


class FakePopen:
    """Stands in for subprocess.Popen in the hook's module only."""

    calls: list = []

    def __init__(self, cmd, **kwargs):
        FakePopen.calls.append((cmd, kwargs))
        self.stdout = iter(["logyard: done\n"])
        self.returncode = 0

    def wait(self):
        return 0


@pytest.fixture
def submitted(clean_env):
    clean_env.setenv("AIRFLOW_CONN_SPARK_DEFAULT", json.dumps({"conn_type": "spark", "host": "local[2]"}))
    FakePopen.calls = []
    with _popen(FakePopen):
        yield FakePopen.calls


def _popen(fake):
    from airflow.providers.apache.spark.hooks import spark_submit

    return mock.patch.object(spark_submit, "subprocess", SimpleNamespace(Popen=fake, PIPE=subprocess.PIPE, STDOUT=subprocess.STDOUT))


def _bag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_maintenance_submits_maintain(submitted):
    task = _bag().dags["logyard_maintenance"].task_dict["maintain"]
    task.execute(context={})
    (cmd, kwargs), = submitted
    flags = " ".join(JAVA17_MODULE_FLAGS)
    assert cmd == [
        "spark-submit", "--master", "local[2]",
        "--conf", f"spark.driver.extraJavaOptions={flags}", "--conf", f"spark.executor.extraJavaOptions={flags}",
        "--jars", str(REPO / "jobs/target/spark-jars/*.jar"), "--name", "logyard-maintain", "--class", "io.logyard.cli.Main",
        str(REPO / "jobs/target/logyard-jobs.jar"), "maintain", "--conf", str(REPO / "conf/local.yaml"),
    ]
    assert kwargs["cwd"] == str(REPO)


def test_connection_decides_the_master(submitted, clean_env):
    clean_env.setenv("AIRFLOW_CONN_SPARK_DEFAULT", json.dumps({"conn_type": "spark", "host": "yarn", "extra": {"deploy-mode": "cluster", "queue": "etl"}}))
    _bag().dags["logyard_maintenance"].task_dict["maintain"].execute(context={})
    (cmd, _), = submitted
    assert cmd[1:3] == ["--master", "yarn"]
    assert cmd[cmd.index("--queue") + 1] == "etl" and cmd[cmd.index("--deploy-mode") + 1] == "cluster"


def test_failed_submit_fails_the_task(submitted):
    class Failing(FakePopen):
        def wait(self):
            return 1

    with _popen(Failing):
        with pytest.raises(Exception, match="Cannot execute"):
            _bag().dags["logyard_maintenance"].task_dict["maintain"].execute(context={})


def test_discover_returns_the_manifest_the_job_wrote(submitted, clean_env, tmp_path):
    """The job writes the manifest where `--manifest` says (below LOGYARD_MANIFEST_DIR when set);
    the task returns it (its XCom) and removes the file."""
    written = _manifest("ivl-20261120T101500Z", sources=[("aws-app", 3)])

    class Writing(FakePopen):
        def __init__(self, cmd, **kwargs):
            super().__init__(cmd, **kwargs)
            with open(cmd[cmd.index("--manifest") + 1], "w") as f:
                json.dump(written, f)

    clean_env.setenv("LOGYARD_MANIFEST_DIR", str(tmp_path / "shared"))
    with _popen(Writing):
        assert _bag().dags["logyard_pipeline"].task_dict["discover"].execute(context={}) == written
    (cmd, _), = submitted
    path = cmd[cmd.index("--manifest") + 1]
    assert cmd[-2:] == ["--manifest", path] and path.startswith(str(tmp_path / "shared") + "/")
    assert list((tmp_path / "shared").iterdir()) == []

    clean_env.delenv("LOGYARD_MANIFEST_DIR")
    with pytest.raises(manifest.ManifestError, match="no manifest at .*LOGYARD_MANIFEST_DIR"):
        _bag().dags["logyard_pipeline"].task_dict["discover"].execute(context={})  # a driver that wrote none
