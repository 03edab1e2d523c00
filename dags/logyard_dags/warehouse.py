"""Reads of the warehouse's Delta tables from the Airflow worker, without Spark, at the
locations the lot manifest gives.

delta-rs (the ``deltalake`` package) reads the ledger and emergency_logs in a second or two,
where a spark-submit would take tens of seconds. The worker therefore needs read access to the
warehouse: a local path, or an object store whose credentials delta-rs finds in the worker's
environment (AWS_*, GOOGLE_APPLICATION_CREDENTIALS, AZURE_STORAGE_*).
"""

from __future__ import annotations

from typing import Any, Mapping

from deltalake import DeltaTable, QueryBuilder


def table_uri(location: str) -> str:
    """A table's location (a Hadoop URI, as the lot manifest gives it) in a form delta-rs opens:
    Hadoop's ``file:`` and ``s3a://`` spellings become a plain path and ``s3://``."""
    root = location.rstrip("/")
    if root.startswith("file://"):
        root = root[len("file://"):]
    elif root.startswith("file:"):
        root = root[len("file:"):]
    elif root.startswith("s3a://"):
        root = "s3://" + root[len("s3a://"):]
    return root


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _rows(result: Any) -> list[dict[str, Any]]:
    table = result.read_all()
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def query(tables: Mapping[str, str], sql: str) -> list[dict[str, Any]]:
    """Runs SQL (DataFusion's dialect) over Delta tables, each registered under its key in
    ``tables`` (location by name)."""
    qb = QueryBuilder()
    for name, location in tables.items():
        qb = qb.register(name, DeltaTable(table_uri(location)))
    return _rows(qb.execute(sql))


def emergencies(ledger: str, emergency_logs: str, lot: str, limit: int = 100) -> tuple[int, list[dict[str, Any]]]:
    """The rows of the table at ``emergency_logs`` whose source object belongs to ``lot`` in the
    ledger at ``ledger``: their number, and the first ``limit`` by time."""
    tables = {"lot_objects": ledger, "emergencies": emergency_logs}
    of_lot = (
        "FROM emergencies WHERE source_uri IN "
        f"(SELECT uri FROM lot_objects WHERE lot_id = {_literal(lot)} AND uri IS NOT NULL)"
    )
    total = query(tables, f"SELECT count(*) AS n {of_lot}")[0]["n"]
    if total == 0:
        return 0, []
    rows = query(
        tables,
        "SELECT timestamp, provider, project_id, region, nodeName, hostname, alert_level, reason, "
        f"message, event_id, source_uri {of_lot} ORDER BY timestamp, event_id LIMIT {int(limit)}",
    )
    return int(total), rows
