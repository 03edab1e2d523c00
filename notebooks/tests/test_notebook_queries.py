"""The notebooks' query helpers over small inline DataFrames shaped like the tables."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from logyard_notebooks import emergencies, overview

T0 = dt.datetime(2026, 11, 20, 10, 0)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.fixture(scope="module")
def log_results(spark):
    rows = [  # event_id, provider, timestamp, http_status, endpoint, response_bytes, service
        ("e1", "aws", at(0.1), 200, "/api/v1/users/123", 1000, None),
        ("e2", "aws", at(0.5), 503, "/api/v1/users/9", 10, None),
        ("e3", "aws", at(1.2), 404, "/", 0, None),
        ("e4", "gcp", at(1.5), 200, "/", 3, None),
        ("e5", "gcp", at(1.7), None, None, None, "auth-service"),
        ("e6", "gcp", at(6.0), None, None, None, "db-service"),
    ]
    return spark.createDataFrame(rows, "event_id string, provider string, timestamp timestamp, "
                                       "http_status long, endpoint string, response_bytes long, "
                                       "service string")


def test_requests_over_time_counts_http_events_per_bucket_and_provider(log_results):
    frame = overview.requests_over_time(log_results, bucket_minutes=1)
    assert list(frame.columns) == ["aws", "gcp"]
    assert frame.loc[pd.Timestamp(at(0))].tolist() == [2, 0]
    assert frame.loc[pd.Timestamp(at(1))].tolist() == [1, 1]


def test_status_mix_and_top_endpoints(log_results):
    mix = overview.status_mix(log_results)
    assert mix.loc["aws"].to_dict() == {"2xx": 1, "4xx": 1, "5xx": 1}
    top = overview.top_endpoints(log_results, n=5)
    assert top.to_dict("records") == [
        {"endpoint": "/", "requests": 2, "errors": 0, "error_rate": 0.0},
        {"endpoint": "/api/v1/users/{id}", "requests": 2, "errors": 1, "error_rate": 0.5},
    ]


def test_log2_histogram_bins_and_percentiles(log_results):
    hist = overview.log2_histogram(log_results, "response_bytes")
    assert hist["aws"].to_dict() == {0.0: 1, 2.0: 0, 8.0: 1, 512.0: 1}
    assert hist["gcp"].to_dict() == {0.0: 0, 2.0: 1, 8.0: 0, 512.0: 0}
    assert overview.log2_histogram(log_results.where("false"), "response_bytes").empty
    pct = overview.percentiles(log_results, "response_bytes")
    assert pct.loc["aws", "events"] == 3 and pct.loc["aws", "p50"] == 10


def test_error_rates_quarantine_reasons_and_ledger(spark):
    aggregates = spark.createDataFrame(
        [("aws", at(0), 10, 1), ("aws", at(0), 30, 3), ("gcp", at(5), 20, 0)],
        "provider string, time_window timestamp, log_count long, error_count long")
    rates = overview.error_rates(aggregates)
    assert rates.loc[pd.Timestamp(at(0)), "aws"] == pytest.approx(0.1)
    assert rates.loc[pd.Timestamp(at(5)), "gcp"] == 0

    quarantine = spark.createDataFrame(
        [("invalid JSON at column 95: Unexpected end-of-input", "json"),
         ("invalid JSON at column 208: Unexpected end-of-input", "json"),
         ("line is not a JSON object: expected '{' at column 1, found 'Exception'", "json"),
         ("empty line", "combined")], "reason string, format string")
    reasons = overview.quarantine_reasons(quarantine)
    assert reasons.index[0] == "invalid JSON at column N: Unexpected end-of-input"
    assert reasons.loc["invalid JSON at column N: Unexpected end-of-input", "json"] == 2
    assert "line is not a JSON object: expected '{' at column N, found '…'" in reasons.index

    ledger = spark.createDataFrame(
        [("aws", "s3://b/1", 10, 9, 1, 0), ("aws", "s3://b/2", 10, 10, 0, 0),
         ("aws", None, None, None, None, None)],
        "provider string, uri string, lines_read long, rows_parsed long, "
        "rows_quarantined long, lines_skipped long")
    summary = overview.ledger_summary(ledger)
    assert summary.loc["aws"].to_dict() == {
        "objects": 2, "lines_read": 20, "rows_parsed": 19, "rows_quarantined": 1,
        "lines_skipped": 0, "quarantined_share": 0.05}


def test_emergencies_by_kind_time_node_and_service(spark, log_results):
    events = spark.createDataFrame(
        [("e5", "gcp", "gcp-node-1", at(1.7), "ERROR", "message contains [SECURITY]", "m1"),
         ("e6", "gcp", "gcp-node-1", at(6.0), "CRITICAL", "alert_level CRITICAL", "m2"),
         ("e9", "aws", "aws-node-1", at(7.0), "EMERGENCY", "alert_level EMERGENCY", "m3")],
        "event_id string, provider string, nodeName string, timestamp timestamp, "
        "alert_level string, reason string, message string")
    assert emergencies.counts_by_kind(events).set_index("kind")["events"].to_dict() == {
        "security": 1, "CRITICAL": 1, "EMERGENCY": 1}
    over = emergencies.over_time(events, bucket_minutes=5)
    assert over.loc[pd.Timestamp(at(0)), "security"] == 1
    assert over.loc[pd.Timestamp(at(5))].sum() == 2
    assert emergencies.by_node(events).loc["gcp/gcp-node-1"].sum() == 2
    services = emergencies.by_service(events, log_results)
    assert services.loc["auth-service", "security"] == 1
    assert services.loc["db-service", "CRITICAL"] == 1
    assert services.loc["(none)", "EMERGENCY"] == 1  # e9 is not in log_results
    latest = emergencies.latest(events, n=2)
    assert list(latest.columns) == emergencies.LATEST_COLUMNS
    assert latest["message"].tolist() == ["m3", "m2"]
    assert emergencies.latest(events, only_kind=emergencies.SECURITY)["message"].tolist() == ["m1"]
