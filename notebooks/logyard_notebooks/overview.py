"""Queries behind 01-overview: traffic, status codes, endpoints, sizes, error rates and what
the pipeline could not parse. Each takes the tables as Spark DataFrames, does the work in Spark
and returns a small pandas DataFrame ready to plot or show."""
from __future__ import annotations

import pandas as pd
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F


def _pivot(pdf: pd.DataFrame, index: str, columns: str, values: str) -> pd.DataFrame:
    if pdf.empty:
        return pd.DataFrame()
    out = pdf.pivot_table(index=index, columns=columns, values=values, aggfunc="sum",
                          fill_value=0).sort_index()
    out.columns.name = columns
    return out


def requests_over_time(log_results: DataFrame, bucket_minutes: int = 1) -> pd.DataFrame:
    """HTTP requests (events with a status code) per time bucket and provider.

    Index: bucket start (UTC); one column per provider; values: requests."""
    pdf = (log_results.where(F.col("http_status").isNotNull())
           .groupBy(F.window("timestamp", f"{bucket_minutes} minutes").start.alias("time"),
                    "provider")
           .count().toPandas())
    return _pivot(pdf, "time", "provider", "count")


def status_mix(log_results: DataFrame) -> pd.DataFrame:
    """Requests per provider and status class (2xx, 3xx, 4xx, 5xx).

    Index: provider; one column per status class; values: requests."""
    klass = F.concat((F.col("http_status") / 100).cast("int").cast("string"), F.lit("xx"))
    pdf = (log_results.where(F.col("http_status").isNotNull())
           .groupBy("provider", klass.alias("status")).count().toPandas())
    return _pivot(pdf, "provider", "status", "count")


#: Numeric path segments (ids) fold into one endpoint: /api/v1/users/123 -> /api/v1/users/{id}
ID_SEGMENT = r"/[0-9]+(?=/|$)"


def top_endpoints(log_results: DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` endpoints with the most requests, numeric ids folded into ``{id}``.

    Columns: endpoint, requests, errors (status >= 500), error_rate."""
    endpoint = F.regexp_replace("endpoint", ID_SEGMENT, "/{id}")
    pdf = (log_results.where(F.col("endpoint").isNotNull())
           .groupBy(endpoint.alias("endpoint"))
           .agg(F.count(F.lit(1)).alias("requests"),
                F.sum((F.col("http_status") >= 500).cast("long")).alias("errors"))
           .orderBy(F.desc("requests"), "endpoint").limit(n).toPandas())
    pdf["errors"] = pdf["errors"].fillna(0).astype("int64")
    pdf["error_rate"] = (pdf["errors"] / pdf["requests"]).round(4)
    return pdf


def log2_histogram(log_results: DataFrame, column: str) -> pd.DataFrame:
    """Distribution of a non-negative numeric column (response_bytes, latency_ms) per provider,
    in power-of-two bins.

    Index: bin lower edge (0, 1, 2, 4, 8, ...); one column per provider; values: events.
    Empty when the column holds no value (latency_ms: the access log formats carry none)."""
    value = F.col(column).cast("double")
    edge = F.when(value < 1, F.lit(0.0)).otherwise(F.pow(F.lit(2.0), F.floor(F.log2(value))))
    pdf = (log_results.where(value.isNotNull() & (value >= 0))
           .groupBy(edge.alias("bin"), "provider").count().toPandas())
    return _pivot(pdf, "bin", "provider", "count")


def percentiles(log_results: DataFrame, column: str,
                quantiles=(0.5, 0.9, 0.99)) -> pd.DataFrame:
    """Approximate percentiles and the mean of a numeric column per provider.

    Index: provider; columns: events with a value, mean, p50, p90, p99."""
    value = F.col(column).cast("double")
    names = [f"p{round(q * 100)}" for q in quantiles]
    pdf = (log_results.where(value.isNotNull()).groupBy("provider")
           .agg(F.count(value).alias("events"), F.round(F.mean(value), 1).alias("mean"),
                F.percentile_approx(value, list(quantiles)).alias("p"))
           .orderBy("provider").toPandas())
    for i, name in enumerate(names):
        pdf[name] = pdf["p"].map(lambda p, i=i: p[i])
    return pdf.drop(columns="p").set_index("provider")


def error_rates(log_aggregates: DataFrame) -> pd.DataFrame:
    """Share of events that are errors (HTTP >= 500 or severity ERROR or worse), per
    aggregation window and provider, from log_aggregates.

    Index: window start (UTC); one column per provider; values: error rate in [0, 1]."""
    pdf = (log_aggregates.groupBy(F.col("time_window").alias("time"), "provider")
           .agg((F.sum("error_count") / F.sum("log_count")).alias("error_rate"))
           .toPandas())
    return _pivot(pdf, "time", "provider", "error_rate")


def reason_pattern(reason: Column) -> Column:
    """A quarantine reason without its particulars, so that reasons group: quoted text longer
    than three characters becomes '…' (short ones such as '{' tell what was expected) and
    numbers become N ("invalid JSON at column N: ...")."""
    quoted = F.regexp_replace(reason, r"(?<![^\s(])(?:'[^']{4,}'(?:\.\.\.)?|\"[^\"]{4,}\")", "'…'")
    return F.regexp_replace(quoted, "[0-9]+", "N")


def quarantine_reasons(quarantine: DataFrame, n: int = 12) -> pd.DataFrame:
    """Quarantined lines per reason pattern and format, the ``n`` most frequent patterns.

    Index: reason pattern; one column per format; values: lines."""
    pdf = (quarantine.groupBy(reason_pattern(F.col("reason")).alias("reason"),
                              F.coalesce("format", F.lit("?")).alias("format"))
           .count().toPandas())
    out = _pivot(pdf, "reason", "format", "count")
    if out.empty:
        return out
    order = out.sum(axis=1).sort_values(ascending=False).index[:n]
    return out.loc[order]


def ledger_summary(ledger: DataFrame) -> pd.DataFrame:
    """What the pipeline read, per provider, from the ledger: objects, lines read, parsed,
    quarantined and skipped, and the quarantined share. Empty-lot marker rows are left out."""
    pdf = (ledger.where(F.col("uri").isNotNull()).groupBy("provider")
           .agg(F.countDistinct("uri").alias("objects"),
                F.sum("lines_read").alias("lines_read"),
                F.sum("rows_parsed").alias("rows_parsed"),
                F.sum("rows_quarantined").alias("rows_quarantined"),
                F.sum("lines_skipped").alias("lines_skipped"))
           .orderBy("provider").toPandas().set_index("provider"))
    pdf["quarantined_share"] = (pdf["rows_quarantined"] / pdf["lines_read"]).round(4)
    return pdf
