"""Shared fixtures: one local SparkSession per pytest session, and a warehouse written by the
real pipeline (bin/logyard generate + run into a temporary directory), made once when a test
asks for it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1]
ROOT = NOTEBOOKS.parent
sys.path.insert(0, str(NOTEBOOKS))

from logyard_notebooks import session  # noqa: E402


@pytest.fixture(scope="session")
def spark():
    spark = session.spark_session("logyard-notebooks-tests")
    yield spark
    spark.stop()


def _local_conf(tmp: Path) -> Path:
    """conf/local.yaml with its var/ paths moved under ``tmp`` (as the Java end-to-end test
    does), so the pipeline reads and writes there and nothing touches the demo's var/."""
    text = (ROOT / "conf" / "local.yaml").read_text()
    conf = tmp / "local.yaml"
    conf.write_text(text.replace("var/", f"{tmp}/var/"))
    return conf


@pytest.fixture(scope="session")
def pipeline_warehouse(tmp_path_factory) -> Path:
    """A warehouse produced by the pipeline over a little generated data: 4 providers, one
    node each, 10 minutes at 8 lines a minute, with more emergencies and security events
    than the default so that every chart has something to draw."""
    tmp = tmp_path_factory.mktemp("pipeline")
    logyard = str(ROOT / "bin" / "logyard")
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
    subprocess.run(
        [logyard, "generate", "--out", str(tmp / "var" / "landing"), "--minutes", "10",
         "--lines-per-minute", "8", "--nodes-per-provider", "1",
         "--emergency-rate", "0.05", "--security-rate", "0.05"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    run = subprocess.run([logyard, "run", "--conf", str(_local_conf(tmp))],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, f"bin/logyard run failed:\n{run.stdout}\n{run.stderr}"
    warehouse = tmp / "var" / "warehouse"
    for table in session.TABLES:
        assert (warehouse / table / "_delta_log").is_dir(), f"pipeline wrote no {table}"
    return warehouse
