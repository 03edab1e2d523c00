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
from logyard_dags import alerts, pipeline_config, settings, warehouse
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
    cfg = pipeline_config.load(settings.from_env({}), env={})
    import yaml
    declared = tuple(s["name"] for s in yaml.safe_load((REPO / "conf/local.yaml").read_text())["sources"])
    assert cfg.source_names[:2] == ("aws-access", "aws-app") and cfg.source_names == declared
    assert cfg.settle_seconds == 0
    assert cfg.bigquery_enabled is False
    assert cfg.warehouse == str(REPO / "var/warehouse")


@pytest.mark.parametrize("text, exports", [
    ("bigquery: {enabled: false}\n", False),
    ("bigquery: {enabled: true}\n", True),
    ("outputs: {parquet: {path: var/parquet}}\n", True),
])
def test_export_runs_when_bigquery_or_parquet_copies_are_configured(tmp_path, text, exports):
    cfg = pipeline_config.load(_conf(tmp_path, "warehouse: {path: wh}\n" + text + "sources: [{name: a}]\n"), env={})
    assert cfg.exports is exports


def test_config_precedence_and_defaults(tmp_path):
    s = _conf(tmp_path, "warehouse: {path: wh}\nbigquery: {enabled: true}\nsources: [{name: a}, {name: b}]\n")
    cfg = pipeline_config.load(s, env={})
    assert (cfg.source_names, cfg.settle_seconds, cfg.bigquery_enabled) == (("a", "b"), 120, True)
    assert cfg.warehouse == str(tmp_path / "wh")
    cfg = pipeline_config.load(s, env={"LOGYARD_WAREHOUSE_PATH": "s3a://b/w", "LOGYARD_BIGQUERY_ENABLED": "false",
                                       "LOGYARD_PIPELINE_SETTLE_SECONDS": "30"})
    assert (cfg.warehouse, cfg.bigquery_enabled, cfg.settle_seconds) == ("s3a://b/w", False, 30)
    flag = settings.from_env({"LOGYARD_HOME": str(tmp_path), "LOGYARD_CONF": s.conf, "LOGYARD_WAREHOUSE": "/w"})
    assert pipeline_config.load(flag, env={"LOGYARD_WAREHOUSE_PATH": "s3a://b/w"}).warehouse == "/w"


@pytest.mark.parametrize("text,problem", [
    ("sources: [{name: a}]\n", "warehouse.path: missing value"),
    ("warehouse: {path: w}\n", "sources: at least one source"),
    ("warehouse: {path: w}\nsources: [{provider: aws}]\n", r"sources\[0\].name: missing value"),
    ("warehouse: {path: w}\npipeline: {settle_seconds: soon}\nsources: [{name: a}]\n", "pipeline.settle_seconds"),
    ("warehouse: {path: w}\nbigquery: {enabled: perhaps}\nsources: [{name: a}]\n", "bigquery.enabled"),
    ("warehouse: [\n", "not valid YAML"),
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


def test_lot_id_is_the_jobs():
    assert warehouse.lot_id(datetime(2026, 11, 20, 10, 15, tzinfo=UTC)) == "ivl-20261120T101500Z"
    with pytest.raises(ValueError):
        warehouse.lot_id(datetime(2026, 11, 20, 10, 15))


@pytest.mark.parametrize("root,uri", [
    ("file:/tmp/wh", "/tmp/wh/ledger"), ("file:///tmp/wh/", "/tmp/wh/ledger"),
    ("s3a://bucket/wh", "s3://bucket/wh/ledger"), ("gs://bucket/wh", "gs://bucket/wh/ledger"),
])
def test_table_uri(root, uri):
    assert warehouse.table_uri(root, "ledger") == uri


def _table(columns):
    return Table.from_pydict({name: Array(values, DataType.string()) for name, values in columns.items()})


@pytest.fixture
def small_warehouse(tmp_path):
    """A ledger of two lots and emergency rows of objects in both; strings throughout (arro3
    builds no timestamp arrays; the real schemas are exercised by the end-to-end test)."""
    write_deltalake(str(tmp_path / "ledger"), _table({
        "lot_id": ["ivl-A", "ivl-A", "ivl-A", "ivl-B"],
        "source_name": ["aws-app", "gcp-app", "gcp-app", "aws-app"],
        "uri": ["file:/l/a1", "file:/l/g1", "file:/l/g2", "file:/l/a2"],
        "state": ["pending", "ingested", "pending", "pending"],
    }))
    write_deltalake(str(tmp_path / "emergency_logs"), _table({
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
    return "file:" + str(tmp_path)


def test_pending_sources(small_warehouse):
    assert warehouse.pending_sources(small_warehouse, "ivl-A") == {"aws-app", "gcp-app"}
    assert warehouse.pending_sources(small_warehouse, "ivl-C") == set()


def test_emergencies_of_a_lot_only(small_warehouse):
    total, rows = warehouse.emergencies(small_warehouse, "ivl-A")
    assert total == 2
    assert [r["event_id"] for r in rows] == ["e2", "e1"]  # by time
    assert rows[1]["message"] == "disk on fire" and rows[1]["provider"] == "aws"
    assert warehouse.emergencies(small_warehouse, "ivl-A", limit=1)[0] == 2
    assert len(warehouse.emergencies(small_warehouse, "ivl-A", limit=1)[1]) == 1
    assert warehouse.emergencies(small_warehouse, "ivl-'; DROP") == (0, [])


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
