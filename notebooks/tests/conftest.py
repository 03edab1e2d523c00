"""Shared fixtures: one local SparkSession per pytest session, and a warehouse written by the
real pipeline (bin/logyard generate + run into a temporary directory).

The pipeline takes a minute or more, so when any collected test needs its warehouse it is
started in the background as soon as collection ends, and the tests that need it run last:
the unit tests run meanwhile."""
from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1]
ROOT = NOTEBOOKS.parent
sys.path.insert(0, str(NOTEBOOKS))

from logyard_notebooks import session  # noqa: E402

#: 4 providers, one node each, 10 minutes at 8 lines a minute, with more emergencies and
#: security events than the default so that every chart has something to draw.
GENERATE = ["--minutes", "10", "--lines-per-minute", "8", "--nodes-per-provider", "1",
            "--emergency-rate", "0.05", "--security-rate", "0.05"]

_pipeline: dict = {}


def pytest_configure(config):
    # PySpark 3.5 calls pandas and distutils APIs that now warn; not ours to fix
    for category in ("DeprecationWarning", "FutureWarning"):
        config.addinivalue_line("filterwarnings", f"ignore::{category}:pyspark.*")


def _start_pipeline() -> None:
    """bin/logyard generate + run into a new temporary directory, in the background, with
    conf/local.yaml's var/ paths moved there (as the Java end-to-end test does)."""
    tmp = Path(tempfile.mkdtemp(prefix="logyard-notebooks-"))
    conf = tmp / "local.yaml"
    conf.write_text((ROOT / "conf" / "local.yaml").read_text().replace("var/", f"{tmp}/var/"))
    logyard = shlex.quote(str(ROOT / "bin" / "logyard"))
    script = (f"{logyard} generate --out {shlex.quote(str(tmp / 'var' / 'landing'))} "
              f"{' '.join(GENERATE)} && {logyard} run --conf {shlex.quote(str(conf))}")
    log = open(tmp / "pipeline.log", "w")
    _pipeline.update(tmp=tmp, log=log, process=subprocess.Popen(
        ["bash", "-c", script], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env=dict(os.environ, SPARK_LOCAL_IP="127.0.0.1"), start_new_session=True))


def pytest_collection_modifyitems(session, config, items):
    needs = [item for item in items if "pipeline_warehouse" in getattr(item, "fixturenames", ())]
    if needs:
        items[:] = [item for item in items if item not in needs] + needs
        if not config.option.collectonly:
            _start_pipeline()


def pytest_sessionfinish(session, exitstatus):
    process = _pipeline.get("process")
    if process is not None:
        if process.poll() is None:  # the session ended early: stop bash and its java
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        _pipeline["log"].close()
        shutil.rmtree(_pipeline["tmp"], ignore_errors=True)


@pytest.fixture(scope="session")
def spark():
    spark = session.spark_session("logyard-notebooks-tests")
    yield spark
    spark.stop()


@pytest.fixture(scope="session")
def pipeline_warehouse() -> Path:
    """The warehouse the pipeline wrote (waits for the run started after collection)."""
    if "process" not in _pipeline:
        _start_pipeline()
    returncode = _pipeline["process"].wait()
    log = (_pipeline["tmp"] / "pipeline.log").read_text()
    assert returncode == 0, f"bin/logyard generate/run failed ({returncode}):\n{log}"
    warehouse = _pipeline["tmp"] / "var" / "warehouse"
    for table in session.TABLES:
        assert (warehouse / table / "_delta_log").is_dir(), f"pipeline wrote no {table}:\n{log}"
    return warehouse
