"""Parsing the DAG files reads no Airflow Variable or connection and opens no network socket:
the scheduler parses them every few seconds, and a slow or failing look-up there stalls every
DAG. Each of those is made to raise while the files are parsed."""

from __future__ import annotations

import contextlib
import socket
from unittest import mock

from airflow.dag_processing.dagbag import DagBag

from conftest import DAGS


class Forbidden(AssertionError):
    pass


def _forbid(what):
    def fail(*args, **kwargs):
        raise Forbidden(f"{what} called while parsing the DAG files")

    return fail


def _targets():
    import airflow.models.connection
    import airflow.models.variable
    import airflow.sdk
    from airflow.providers.common.compat import sdk as compat

    yield airflow.sdk.Variable, "get"
    yield airflow.sdk.Connection, "get"
    yield airflow.sdk.BaseHook, "get_connection"
    yield compat.BaseHook, "get_connection"
    yield airflow.models.variable.Variable, "get"
    yield airflow.models.connection.Connection, "get_connection_from_secrets"
    yield socket.socket, "connect"
    yield socket.socket, "connect_ex"
    yield socket, "create_connection"
    yield socket, "getaddrinfo"


def test_parsing_touches_no_variable_connection_or_network(clean_env):
    # an ExitStack undoes the patches in reverse order: some targets are one class by two names
    with contextlib.ExitStack() as stack:
        for owner, name in _targets():
            stack.enter_context(mock.patch.object(owner, name, _forbid(f"{getattr(owner, '__name__', owner)}.{name}")))
        bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
    assert set(bag.dag_ids) == {"logyard_pipeline", "logyard_maintenance"}


def test_the_guard_itself_catches_a_variable_read(clean_env, tmp_path):
    bad = tmp_path / "bad_dag.py"
    bad.write_text(
        "from airflow.sdk import DAG, Variable\n"
        "Variable.get('x')\n"
        "with DAG(dag_id='bad', schedule=None):\n"
        "    pass\n"
    )
    import airflow.sdk

    with mock.patch.object(airflow.sdk.Variable, "get", _forbid("Variable.get")):
        bag = DagBag(dag_folder=str(bad))
    assert any("Variable.get called while parsing" in e for e in bag.import_errors.values())
