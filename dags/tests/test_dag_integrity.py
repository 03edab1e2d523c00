"""The DAG files import cleanly and follow the house rules (DESIGN.md, Style: DAGs): one DAG per
file, doc_md, an owner, retries, tags, explicit catchup; and the pipeline has the shape the
jobs expect."""

from __future__ import annotations

import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest
from airflow.dag_processing.dagbag import DagBag

from conftest import DAGS, REPO

DAG_FILES = sorted(p for p in DAGS.glob("*.py"))
SPARK_TASKS = {"logyard_pipeline": ["discover", "ingest", "aggregate", "export"], "logyard_maintenance": ["maintain"]}


@pytest.fixture
def bag(clean_env):
    return DagBag(dag_folder=str(DAGS))


def test_dag_files_import_without_errors(bag):
    assert bag.import_errors == {}
    assert set(bag.dag_ids) == {"logyard_pipeline", "logyard_maintenance"}


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_one_dag_per_file_with_explicit_catchup_doc_and_tags(path: Path):
    calls = [
        node
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "DAG"
    ]
    assert len(calls) == 1, f"{path.name}: expected exactly one DAG(...), found {len(calls)}"
    keywords = {k.arg for k in calls[0].keywords}
    for required in ("dag_id", "catchup", "doc_md", "tags", "default_args", "schedule", "start_date", "max_active_runs"):
        assert required in keywords, f"{path.name}: DAG(...) without {required}="


def test_policies(bag):
    for dag_id, dag in bag.dags.items():
        assert dag.doc_md and dag.doc_md.strip().startswith(f"# {dag_id}"), dag_id
        assert dag.tags and "logyard" in dag.tags, dag_id
        assert dag.max_active_runs == 1, dag_id
        assert dag.dagrun_timeout is not None, dag_id
        for t in dag.tasks:
            assert t.owner == "logyard", f"{dag_id}.{t.task_id}"
            assert t.retries >= 1, f"{dag_id}.{t.task_id} has no retries"


def test_pipeline_shape(bag):
    dag = bag.dags["logyard_pipeline"]
    assert dag.catchup is True
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.timetable.expression == "*/15 * * * *"
    chain = ["wait_for_settle", "discover", "plan_ingest", "ingest", "aggregate", "exports_configured", "export", "emergency_check"]
    # the tasks after discover that read its lot manifest depend on it directly too
    readers = {"discover": {"exports_configured", "emergency_check"}}
    for up, down in zip(chain, chain[1:]):
        assert dag.task_dict[up].downstream_task_ids == {down} | readers.get(up, set()), f"{up} -> {dag.task_dict[up].downstream_task_ids}"
    assert dag.task_dict["ingest"].is_mapped
    assert dag.task_dict["ingest"].max_active_tis_per_dagrun == 4
    assert dag.task_dict["aggregate"].trigger_rule == "none_failed"
    assert dag.task_dict["emergency_check"].trigger_rule == "none_failed"


def test_maintenance_shape(bag):
    dag = bag.dags["logyard_maintenance"]
    assert dag.catchup is False
    assert [t.task_id for t in dag.tasks] == ["maintain"]
    assert dag.timetable.expression == "0 3 * * *"


def _spark_kwargs(task):
    return task.partial_kwargs if task.is_mapped else task.__dict__


def test_spark_tasks_submit_the_jar_through_spark_default(bag):
    pom = (REPO / "pom.xml").read_text()
    flags = re.search(r"<spark.jvm.flags>(.*)</spark.jvm.flags>", pom).group(1)
    for dag_id, task_ids in SPARK_TASKS.items():
        for task_id in task_ids:
            task = bag.dags[dag_id].task_dict[task_id]
            kw = _spark_kwargs(task)
            where = f"{dag_id}.{task_id}"
            assert type(task).__name__ in ("LogyardSparkSubmitOperator", "DiscoverOperator", "MappedOperator"), where
            assert kw["application"] == str(REPO / "jobs/target/logyard-jobs.jar"), where
            assert kw["_java_class" if not task.is_mapped else "java_class"] == "io.logyard.cli.Main", where
            assert kw["_conn_id" if not task.is_mapped else "conn_id"] == "spark_default", where
            assert kw["jars"] == str(REPO / "jobs/target/spark-jars/*.jar"), where
            assert kw["cwd"] == str(REPO), where
            for key in ("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions"):
                assert kw["conf"][key] == flags, f"{where}: {key} differs from pom.xml's spark.jvm.flags"


def test_stage_command_lines(bag):
    conf = str(REPO / "conf/local.yaml")
    interval = ["--interval-start", "{{ data_interval_start | ts }}", "--interval-end", "{{ data_interval_end | ts }}"]
    pipeline = bag.dags["logyard_pipeline"]
    for command in ("discover", "aggregate", "export"):
        assert pipeline.task_dict[command].application_args == [command, "--conf", conf] + interval
    assert bag.dags["logyard_maintenance"].task_dict["maintain"].application_args == ["maintain", "--conf", conf]


def test_environment_configures_the_dags(clean_env, tmp_path):
    clean_env.setenv("LOGYARD_HOME", str(tmp_path))
    clean_env.setenv("LOGYARD_CONF", "conf/prod.yaml")
    clean_env.setenv("LOGYARD_WAREHOUSE", "s3a://bucket/warehouse")
    clean_env.setenv("LOGYARD_SCHEDULE", "0 * * * *")
    clean_env.setenv("LOGYARD_CATCHUP", "false")
    clean_env.setenv("LOGYARD_RETRIES", "5")
    clean_env.setenv("LOGYARD_INGEST_PARALLELISM", "2")
    clean_env.setenv("LOGYARD_SPARK_JARS", "")
    clean_env.setenv("LOGYARD_SPARK_SUBMIT_CONF", '{"spark.executor.memory": "4g", "spark.driver.extraJavaOptions": "-Dx=1"}')
    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
    dag = bag.dags["logyard_pipeline"]
    assert dag.timetable.expression == "0 * * * *"
    assert dag.catchup is False
    discover = dag.task_dict["discover"]
    assert discover.retries == 5
    assert dag.task_dict["ingest"].max_active_tis_per_dagrun == 2
    assert discover.retry_delay == timedelta(minutes=2)
    assert discover.application_args[:5] == ["discover", "--conf", str(tmp_path / "conf/prod.yaml"), "--warehouse", "s3a://bucket/warehouse"]
    assert discover.application == str(tmp_path / "jobs/target/logyard-jobs.jar")
    assert discover.jars is None
    assert discover.conf["spark.executor.memory"] == "4g"
    assert discover.conf["spark.driver.extraJavaOptions"].endswith("=false -Dx=1")
    assert discover.conf["spark.executor.extraJavaOptions"].endswith("=false")


def test_bad_environment_is_an_import_error_naming_the_variable(clean_env):
    clean_env.setenv("LOGYARD_CATCHUP", "sometimes")
    bag = DagBag(dag_folder=str(DAGS))
    assert len(bag.import_errors) == 2
    assert all("LOGYARD_CATCHUP" in e for e in bag.import_errors.values())
