"""Reads of the warehouse's Delta tables from the Airflow worker, without Spark.

delta-rs (the ``deltalake`` package) reads the ledger and emergency_logs in a second or two,
where a spark-submit would take tens of seconds. The worker therefore needs read access to the
warehouse: a local path, or an object store whose credentials delta-rs finds in the worker's
environment (AWS_*, GOOGLE_APPLICATION_CREDENTIALS, AZURE_STORAGE_*).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from deltalake import DeltaTable, QueryBuilder

LEDGER = "ledger"
EMERGENCY_LOGS = "emergency_logs"


def lot_id(interval_start: datetime) -> str:
    """The lot of the data interval starting at ``interval_start``, as the jobs name it
    (``Interval.lotId``): ``ivl-20261120T101500Z``."""
    if interval_start.tzinfo is None:
        raise ValueError(f"interval start {interval_start} has no time zone")
    return "ivl-" + interval_start.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def table_uri(warehouse: str, table: str) -> str:
    """The table's location in a form delta-rs opens: Hadoop's ``file:`` and ``s3a://``
    spellings become a plain path and ``s3://``."""
    root = warehouse.rstrip("/")
    if root.startswith("file://"):
        root = root[len("file://"):]
    elif root.startswith("file:"):
        root = root[len("file:"):]
    elif root.startswith("s3a://"):
        root = "s3://" + root[len("s3a://"):]
    return f"{root}/{table}"


def open_table(warehouse: str, table: str) -> DeltaTable:
    return DeltaTable(table_uri(warehouse, table))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _rows(result: Any) -> list[dict[str, Any]]:
    table = result.read_all()
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def query(warehouse: str, sql: str, *tables: str) -> list[dict[str, Any]]:
    """Runs SQL (DataFusion's dialect) over the named tables of the warehouse."""
    qb = QueryBuilder()
    for t in tables:
        qb = qb.register(t, open_table(warehouse, t))
    return _rows(qb.execute(sql))


def pending_sources(warehouse: str, lot: str) -> set[str]:
    """Sources with objects of the lot not yet ingested."""
    rows = query(
        warehouse,
        f"SELECT DISTINCT source_name FROM {LEDGER} "
        f"WHERE lot_id = {_literal(lot)} AND state = 'pending' AND source_name IS NOT NULL",
        LEDGER,
    )
    return {r["source_name"] for r in rows}


def emergencies(warehouse: str, lot: str, limit: int = 100) -> tuple[int, list[dict[str, Any]]]:
    """The emergency_logs rows of the lot's objects: their number, and the first ``limit`` by time."""
    of_lot = (
        f"FROM {EMERGENCY_LOGS} WHERE source_uri IN "
        f"(SELECT uri FROM {LEDGER} WHERE lot_id = {_literal(lot)} AND uri IS NOT NULL)"
    )
    total = query(warehouse, f"SELECT count(*) AS n {of_lot}", LEDGER, EMERGENCY_LOGS)[0]["n"]
    if total == 0:
        return 0, []
    rows = query(
        warehouse,
        "SELECT timestamp, provider, project_id, region, nodeName, hostname, alert_level, reason, "
        f"message, event_id, source_uri {of_lot} ORDER BY timestamp, event_id LIMIT {int(limit)}",
        LEDGER,
        EMERGENCY_LOGS,
    )
    return int(total), rows
