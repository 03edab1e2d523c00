"""Queries behind 02-emergencies-and-security: emergency_logs (critical events and security
incidents, routed by the pipeline in the same run as log_results) over time, by node and by
service, and the latest events."""
from __future__ import annotations

import pandas as pd
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

SECURITY = "security"


def kind(emergency_logs: DataFrame) -> Column:
    """An event's kind: ``security`` when the pipeline routed it for a security marker,
    else its alert level (CRITICAL, ALERT, EMERGENCY)."""
    return (F.when(F.upper(F.col("reason")).contains("SECURITY"), F.lit(SECURITY))
            .otherwise(F.coalesce(F.col("alert_level"), F.lit("?"))))


def _pivot(pdf: pd.DataFrame, index: str) -> pd.DataFrame:
    if pdf.empty:
        return pd.DataFrame()
    out = pdf.pivot_table(index=index, columns="kind", values="count", aggfunc="sum",
                          fill_value=0).sort_index()
    out.columns.name = "kind"
    return out


def counts_by_kind(emergency_logs: DataFrame) -> pd.DataFrame:
    """Events per kind. Columns: kind, events."""
    return (emergency_logs.groupBy(kind(emergency_logs).alias("kind"))
            .agg(F.count(F.lit(1)).alias("events")).orderBy(F.desc("events")).toPandas())


def over_time(emergency_logs: DataFrame, bucket_minutes: int = 5) -> pd.DataFrame:
    """Events per time bucket and kind. Index: bucket start (UTC); one column per kind."""
    pdf = (emergency_logs
           .groupBy(F.window("timestamp", f"{bucket_minutes} minutes").start.alias("time"),
                    kind(emergency_logs).alias("kind"))
           .count().toPandas())
    return _pivot(pdf, "time")


def by_node(emergency_logs: DataFrame) -> pd.DataFrame:
    """Events per node and kind. Index: node (provider/nodeName); one column per kind."""
    node = F.concat_ws("/", F.coalesce("provider", F.lit("?")), F.coalesce("nodeName", F.lit("?")))
    pdf = (emergency_logs.groupBy(node.alias("node"), kind(emergency_logs).alias("kind"))
           .count().toPandas())
    return _pivot(pdf, "node")


def by_service(emergency_logs: DataFrame, log_results: DataFrame) -> pd.DataFrame:
    """Events per service and kind. emergency_logs carries no service: it comes from the
    event's row in log_results (joined on event_id); events without one count as "(none)".

    Index: service; one column per kind."""
    services = log_results.select("event_id", "service")
    pdf = (emergency_logs.join(services, "event_id", "left")
           .groupBy(F.coalesce("service", F.lit("(none)")).alias("service"),
                    kind(emergency_logs).alias("kind"))
           .count().toPandas())
    return _pivot(pdf, "service")


LATEST_COLUMNS = ["timestamp", "kind", "provider", "nodeName", "alert_level", "message"]


def latest(emergency_logs: DataFrame, n: int = 15, only_kind: str | None = None) -> pd.DataFrame:
    """The ``n`` most recent events (newest first), optionally of one kind only.
    Columns: timestamp, kind, provider, nodeName, alert_level, message (anonymized)."""
    df = emergency_logs.withColumn("kind", kind(emergency_logs))
    if only_kind is not None:
        df = df.where(F.col("kind") == only_kind)
    return (df.orderBy(F.desc("timestamp"), "event_id").limit(n)
            .select(*LATEST_COLUMNS).toPandas())
