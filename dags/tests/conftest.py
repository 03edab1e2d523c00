"""Test set-up shared by the DAG tests: Airflow's home and database in a temporary directory
(set before anything imports Airflow, which reads its configuration on import), dags/ as the
DAG folder, and no LOGYARD_* variable of the caller's shell leaking into the DAGs."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[1]
REPO = DAGS.parent
sys.path[:0] = [str(DAGS), str(DAGS / "tests")]

AIRFLOW_HOME = tempfile.mkdtemp(prefix="logyard-airflow-home-")
os.environ.update(
    {
        "AIRFLOW_HOME": AIRFLOW_HOME,
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{AIRFLOW_HOME}/airflow.db",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
    }
)
for name in [n for n in os.environ if n.startswith("LOGYARD_")]:
    del os.environ[name]


def pytest_configure(config):
    # Airflow's own .airflowignore matcher and its standard provider warn about their internals
    config.addinivalue_line("filterwarnings", "ignore:GitWildMatchPattern:DeprecationWarning")
    config.addinivalue_line("filterwarnings", "ignore:The `airflow.utils.operator_helpers.determine_kwargs`:UserWarning")
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


def pytest_unconfigure(config):
    shutil.rmtree(AIRFLOW_HOME, ignore_errors=True)


@pytest.fixture
def clean_env(monkeypatch):
    """The environment without LOGYARD_* variables; tests add the ones they need."""
    for name in [n for n in os.environ if n.startswith("LOGYARD_")]:
        monkeypatch.delenv(name)
    return monkeypatch
