"""The privacy audit's scanner over small inline DataFrames that hold violations: if detection
breaks, these fail."""
from __future__ import annotations

import datetime as dt

import pytest
from pyspark.sql import functions as F

from logyard_notebooks import privacy_audit as pa

# (kind, value, whether value holds a violation of that kind)
CASES = [
    ("ipv4", "login from 192.0.2.44 failed", True),
    ("ipv4", "connection from 10.0.0.7.", True),
    ("ipv4", "GET http://203.0.113.9/admin", True),
    ("ipv4", "[client 198.51.100.23:14403] AH00037", True),
    ("ipv4", "::ffff:192.0.2.7", True),
    ("ipv4", "1.2.3.4", True),
    ("ipv4", "ip=255.255.255.255", True),
    ("ipv4", "login from 192.0.2.0 failed", False),
    ("ipv4", "[client 10.1.3.0:14403]", False),
    ("ipv4", "Chrome/130.0.6723.102 Mobile Safari/537.36", False),
    ("ipv4", "Chrome/130.0.0.0", False),
    ("ipv4", "release 1.2.3.4.5", False),
    ("ipv4", "v1.2.3.4", False),
    ("ipv4", "1999.1.1.1", False),
    ("ipv6", "client 2001:db8:85a3::8a2e:370:7334 connected", True),
    ("ipv6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", True),
    ("ipv6", "2001:db8:1:2:3:4:5:6", True),
    ("ipv6", "loopback ::1", True),
    ("ipv6", "fe80::1%eth0", True),
    ("ipv6", "[2001:db8::5]:443", True),
    ("ipv6", "a 2a02:810d:a84a:: b 2a02:810d:a84a::9", True),
    ("ipv6", "2a02:810d:a84a::", False),
    ("ipv6", "2001:db8:85a3:0:0:0:0:0", False),
    ("ipv6", "2001:db8:1:2::", False),
    ("ipv6", "at 10:00:12 UTC", False),
    ("ipv6", "mac aa:bb:cc:dd:ee:ff", False),
    ("ipv6", "std::vector<int>", False),
    ("ipv6", "user h:d53fee572b79a6837da6ac7310854b3d", False),
    ("ipv6", "2026-11-20T10:00:00Z", False),
    ("email", "reset requested for jane.doe@example.com", True),
    ("email", "<a.b+tag@sub.example.co.uk>", True),
    ("email", "mailto:X_Y@Example.IO", True),
    ("email", "user h:030f5b348c98dac59a60f4ae0dffe51e", False),
    ("email", "user@localhost", False),
    ("email", "meet @ 5pm", False),
    ("secret", "GET /reset?token=s3cr3t HTTP/1.1", True),
    ("secret", "password=hunter2", True),
    ("secret", "db_password = hunter2", True),
    ("secret", "csrf_token=abc&next=/", True),
    ("secret", '{"username":"h:1","password":"hunter2"}', True),
    ("secret", "GET /o?X-Amz-Signature=abcdef0123 HTTP/1.1", True),
    ("secret", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x1", True),
    ("secret", "Authorization: Basic dXNlcjpwYXNzd29yZA==", True),
    ("secret", "key AKIAIOSFODNN7EXAMPLE", True),
    ("secret", "GET /api/v1/password/reset?token=[REDACTED] HTTP/2.0", False),
    ("secret", 'Login request body: {"username":"h:67e9","password":"[REDACTED]"}', False),
    ("secret", "Forwarding request with header Authorization: Bearer [REDACTED]", False),
    ("secret", "Calling processor with api_key=[REDACTED]", False),
    ("secret", "Login failed for user h:d53f from 192.0.2.0: invalid password", False),
    ("secret", "invalid password: retry", False),
    ("secret", "missing Bearer credentials", False),
    ("secret", "max_tokens=5", False),
    ("secret", '{"token": null}', False),
]


def test_each_kind_is_found_and_anonymized_values_are_not(spark):
    df = spark.createDataFrame([(i, v) for i, (_, v, _) in enumerate(CASES)], "i int, value string")
    found = df.select("i", *[pa.violation(k, F.col("value")).alias(k) for k in pa.KINDS]).collect()
    by_index = {r["i"]: r for r in found}
    wrong = [f"{kind} {'missed' if expected else 'false alarm'}: {value!r}"
             for i, (kind, value, expected) in enumerate(CASES)
             if bool(by_index[i][kind]) != expected]
    assert not wrong, "\n".join(wrong)


def test_null_strings_are_clean(spark):
    df = spark.createDataFrame([(None, None, None)],
                               "s string, a array<string>, m map<string,string>")
    report = pa.scan_table(df, "t")
    assert list(report["column"]) == ["s", "a", "m.key", "m.value"]
    assert report["violations"].sum() == 0


NESTED_SCHEMA = (
    "id string, n long, ts timestamp, message string, tags array<string>, "
    "attributes map<string,string>, counts map<string,long>, "
    "node struct<name:string, ip:string>, "
    "endpoint_counts array<struct<endpoint:string, count:long>>"
)


def _nested(spark):
    t = dt.datetime(2026, 11, 20, 10, 0)
    rows = [
        # clean: what the pipeline writes
        ("a", 1, t, "from 192.0.2.0 token=[REDACTED]", ["2001:db8:1::"],
         {"query": "q=shoes"}, {"200": 3}, ("node-1", "10.0.1.0"),
         [("/api/v1/users", 2)]),
        # a full IPv4 in the message and an e-mail in a map value
        ("b", 2, t, "login from 192.0.2.44", [],
         {"user": "jane@example.com"}, {"200": 1}, ("node-1", "10.0.1.0"), []),
        # a full IPv6 in an array, a secret in a struct field, an e-mail in an array of structs
        ("c", 3, t, "ok", ["client 2001:db8::5"],
         {}, {}, ("node-2", "password=hunter2"),
         [("/users/jane@example.com", 1), ("/x", 1)]),
        # an e-mail as a map key
        ("d", 4, t, None, None, {"jane@example.com": "x"}, None, None, None),
    ]
    return spark.createDataFrame(rows, NESTED_SCHEMA)


def test_scan_finds_violations_inside_arrays_maps_and_structs(spark):
    report = pa.scan_table(_nested(spark), "t").set_index("column")
    assert list(report.index) == ["id", "message", "tags", "attributes.key", "attributes.value",
                                  "counts.key", "node.name", "node.ip", "endpoint_counts.endpoint"]
    assert (report["rows"] == 4).all()
    assert report.loc["message", "ipv4"] == 1
    assert report.loc["attributes.value", "email"] == 1
    assert report.loc["attributes.key", "email"] == 1
    assert report.loc["tags", "ipv6"] == 1
    assert report.loc["node.ip", "secret"] == 1
    assert report.loc["endpoint_counts.endpoint", "email"] == 1
    assert report["violations"].sum() == 6
    assert pa.verdict(report.reset_index()) == "fail"


def test_audit_passes_a_clean_table_and_fails_a_leaky_one(spark):
    clean = _nested(spark).where("id = 'a'")
    leaky = _nested(spark)
    report = pa.audit({"clean": clean, "leaky": leaky})
    assert pa.verdict(report[report["table"] == "clean"]) == "pass"
    assert pa.verdict(report) == "fail"
    summary = pa.summary(report)
    assert summary.loc["clean"].sum() == 0
    assert summary.loc["leaky", "email"] == 3
    assert summary.loc["leaky", "ipv4"] == 1


def test_locate_names_rows_without_showing_values(spark):
    tables = {"leaky": _nested(spark)}
    where = pa.violating_rows(tables["leaky"], "leaky", ["id"], limit=10)
    assert sorted(where["id"]) == ["b", "c", "d"]
    text = where.to_string()
    assert "jane@example.com" not in text and "hunter2" not in text and "192.0.2.44" not in text
    assert "node.ip: secret" in where.set_index("id").loc["c", "found"]


def test_locate_uses_the_table_locators(spark):
    df = _nested(spark).withColumnRenamed("id", "event_id") \
        .withColumn("source_uri", F.lit("file:/x")).withColumn("source_offset", F.lit(0))
    tables = {"log_results": df}
    where = pa.locate(tables, pa.audit(tables))
    assert list(where.columns) == ["table", "event_id", "source_uri", "source_offset", "found"]
    assert len(where) == 3


def test_canary_is_found(spark):
    result = pa.canary(spark)
    assert result["ok"].all(), result.to_string()


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        pa.violation("phone", None)


def test_ipv6_check_agrees_with_the_ipaddress_module(spark):
    """Every way of writing addresses whose interface id (last 64 bits) is or is not zero."""
    import ipaddress
    import random

    rng = random.Random(7)
    addresses = []
    for _ in range(60):
        groups = [rng.choice([0, 0, 0, 1, 0xdb8, rng.randrange(1 << 16)]) for _ in range(8)]
        if rng.random() < 0.5:
            groups[4:] = [0, 0, 0, 0]
        a = ipaddress.IPv6Address(":".join(f"{g:x}" for g in groups))
        addresses += [a.compressed, a.exploded, ":".join(f"{g:x}" for g in groups)]
    addresses += ["1:2:3:4:5::", "1:2:3:4:5::0", "1:2:3:4::", "::1:2:3:4:5:6:7", "::"]
    expected = {s: int(ipaddress.IPv6Address(s)) & ((1 << 64) - 1) != 0 for s in addresses}
    df = spark.createDataFrame([(s,) for s in expected], "value string")
    got = {r["value"]: r["full"] for r in
           df.select("value", pa.violation("ipv6", F.col("value")).alias("full")).collect()}
    wrong = [s for s in expected if bool(got[s]) != expected[s]]
    assert not wrong, wrong
    assert 0 < sum(expected.values()) < len(expected)


def test_values_under_secret_field_names_are_found(spark):
    """Issue 12, item 1: a secret kept by its field name, in any case, separator or nesting."""
    rows = [
        ("a", {"password": "JsonFieldPass99", "token": "JsonFieldToken88"}, ("n", None)),
        ("b", {"user.apiKey": "k1", "X-Auth-Token": "t1", "Set-Cookie": "sid=1"}, ("n", None)),
        ("c", {"db_passwd": "p", "client_secret": "s", "sessionId": "x"}, ("n", None)),
        ("d", {}, ("n", "hunter2")),
        # clean: redacted, masked or empty values, and names that only look like secrets
        ("e", {"password": "[REDACTED]", "token": "****", "api_key": "", "cookie": "-",
               "max_tokens": "5", "token_count": "7", "signature_version": "SigV4",
               "auth_type": "AuthHeader"}, ("n", "[REDACTED]")),
    ]
    df = spark.createDataFrame(rows, "id string, attributes map<string,string>, "
                                     "node struct<name:string, password:string>")
    report = pa.scan_table(df, "t").set_index("column")
    assert report.loc["attributes.value", "secret_field"] == 3
    assert report.loc["node.password", "secret_field"] == 1
    assert report["secret_field"].sum() == 4
    where = pa.violating_rows(df, "t", ["id"], limit=10)
    assert sorted(where["id"]) == ["a", "b", "c", "d"]
    assert "JsonFieldPass99" not in where.to_string()


def test_quarantine_reasons_are_audited(spark):
    """Issue 12, item 2: a reason quoting input is scanned like data, and for quoted tokens."""
    rows = [
        ("x", 1, "expected the response size at column 69, found 'password=ReasonSizePassPLANT'"),
        ("x", 2, "invalid JSON: Unrecognized token 'Hunter2BareTokenPLANT': was expecting"),
        ("x", 3, "expected the response size at column 69, found '198.51.100.234'"),
        ("x", 4, "expected the response size at column 69, found 'reason.plant@example.com'"),
        # clean: what the pipeline writes
        ("x", 5, "expected '[' opening the timestamp at column 15"),
        ("x", 6, "invalid JSON: Unrecognized token '[REDACTED]': [REDACTED] expecting"),
        ("x", 7, "expected the response size at column 69, found 'password=[REDACTED]'"),
        ("x", 8, "bad timestamp 'h:030f5b348c98dac59a60f4ae0dffe51e'"),
    ]
    df = spark.createDataFrame(rows, "source_uri string, line_number long, reason string")
    report = pa.scan_table(df, "quarantine").set_index("column")
    assert report.loc["reason", "secret"] == 1
    assert report.loc["reason", "reason_quote"] == 1
    assert report.loc["reason", "ipv4"] == 1
    assert report.loc["reason", "email"] == 1
    assert report.loc["reason", "violations"] == 4
    where = pa.violating_rows(df, "quarantine", pa.LOCATORS["quarantine"], limit=10)
    assert sorted(where["line_number"]) == [1, 2, 3, 4]
    # a quoted token elsewhere than in a reason is not taken for a secret
    other = spark.createDataFrame([("found 'Abc12345xyz'",)], "message string")
    assert pa.scan_table(other, "t")["reason_quote"].sum() == 0


def test_fields_formats_declare_are_not_taken_for_secrets(spark):
    """S3's object key and Azure's requested object key are paths, as their formats declare."""
    df = spark.createDataFrame([({"key": "photos/cat.jpg", "requested_object_key": "/a/c/b.txt",
                                  "signature_version": "SigV4", "authentication_type": "sas"},)],
                               "attributes map<string,string>")
    assert pa.scan_table(df, "t")["secret_field"].sum() == 0
