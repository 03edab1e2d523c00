"""Privacy audit: scan every string of every table for what the privacy policy must remove.

The policy (DESIGN.md, "Privacy") keeps the first three octets of an IPv4 address and the first
64 bits of an IPv6 address, pseudonymizes e-mail addresses and redacts secrets. So a table
passes when none of its strings holds:

``ipv4``    a full IPv4 address: four octets, the last one not 0 (``10.1.2.3``; ``10.1.2.0``
            is what the policy leaves);
``ipv6``    a full IPv6 address: any of the last 64 bits set (``2001:db8:1:2::5``;
            ``2001:db8:1:2::`` is what the policy leaves);
``email``   an e-mail address;
``secret``  a secret left in clear: ``token=``/``password=``/``api_key=``/... with a value
            other than ``[REDACTED]``, ``Authorization: Bearer <token>``, an AWS access key id
            (``AKIA...``/``ASIA...``);
``secret_field``  a value left in clear under a field whose *name* says secret: a map entry
            (``attributes["password"]``, ``attributes["user.apiKey"]``, ``Set-Cookie``) or a
            struct field (``node.password``), any case and separator style;
``reason_quote``  a quarantine ``reason`` quoting a credential-like token (8 or more token
            characters with a digit and two letters inside ``'...'``: ``Unrecognized token
            'Hunter2Token99'``), which has lost the key that said it was secret. Reasons are
            scanned for every other kind too, like every string.

Strings are found wherever they are nested: top-level string columns, arrays of strings,
map keys and values (``attributes``, ``status_counts``), fields of structs and arrays of
structs (``endpoint_counts.endpoint``). A column's path is written the way the BigQuery
schemas in schemas/ name it (a map's parts are ``.key`` and ``.value``).

All matching runs inside Spark (Java regular expressions and higher-order functions), one
pass per table.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

import pandas as pd
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

#: The kinds found in a single string, whatever its field.
STRING_KINDS = ("ipv4", "ipv6", "email", "secret")
#: The kinds of violation, in report order: string kinds, then those that depend on the field.
KINDS = (*STRING_KINDS, "secret_field", "reason_quote")

#: A field or map key whose name says secret, in any case and separator style: it ends in one
#: of these words (``user.apiKey``, ``x-auth-token``, ``Set-Cookie``, ``db_passwd``) or is one
#: of a few short names (``auth``, ``sig``, ``otp``), so ``signature_version``, ``max_tokens``
#: or ``token_count`` are not secret names. Never broader than the pipeline's vocabulary
#: (``config.SecretNames``): a bare ``key`` is left out, since formats declare fields such as
#: S3's object ``key`` as what they hold.
SECRET_NAME = (
    r"(?i)(?:^(?:auth|sig|jwt|otp|sid|pass)$|"
    r"(?:token|passw(?:or)?d|pwd|secret|api[_.-]?key|access[_.-]?key|private[_.-]?key|"
    r"authorization|cookie|session(?:[_.-]?id)?|sessid|signature|credentials?)$)"
)
#: What a value under a secret name may be: redacted, masked or empty.
REDACTED_VALUE = r"^\s*(?:\[REDACTED\]|\*{3,}|-)?\s*$"
#: The name of a leaf whose strings are quarantine reasons.
REASON_LEAVES = ("reason",)
#: A quoted stretch of a reason, and the token-like runs inside it.
_QUOTED = r"'([^']*)'"
_TOKEN_RUN = r"[A-Za-z0-9._~+/=-]{8,}"

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_LAST_OCTET_NOT_ZERO = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[1-9])"

#: A full IPv4 address. Not preceded by a word character or a dot and not followed by a word
#: character or ".<digit>", so version strings such as ``Chrome/130.0.6723.102`` or
#: ``1.2.3.4.5`` are not addresses, while ``from 10.0.0.7.`` at the end of a sentence is.
IPV4_FULL = rf"(?<![\w.]){_OCTET}\.{_OCTET}\.{_OCTET}\.{_LAST_OCTET_NOT_ZERO}(?!\w|\.[0-9])"

_H = r"[0-9A-Fa-f]{1,4}"
#: An IPv6 address candidate: eight groups, or fewer around one ``::``. Whether it is full
#: (any of its last four groups non-zero) is decided on each candidate by IPV6_FULL_TAIL and
#: IPV6_FULL_HEAD. A trailing dotted IPv4 part (``::ffff:192.0.2.7``) is left to the IPv4
#: check. Times (``10:00:12``) and MAC addresses are not candidates.
IPV6_CANDIDATE = (
    rf"(?<![\w:.])(?:{_H}(?::{_H}){{7}}|(?:{_H}(?::{_H}){{0,6}})?::(?:{_H}(?::{_H}){{0,6}})?)"
    r"(?![\w:]|\.[0-9])"
)

#: An e-mail address (the policy replaces them with ``h:<hmac>`` pseudonyms).
EMAIL = r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"

#: Key names whose values are secrets: any key ending in one of these (``csrf_token``,
#: ``X-Amz-Signature``, ``db_password``).
_SECRET_KEY = r"[\w.-]*(?:token|passw(?:or)?d|pwd|secret|api[_-]?key|signature|sig)"
#: What may follow a secret key: the policy's redaction marks, nothing, or JSON null.
_NOT_A_VALUE = r"\[REDACTED\]|\*{3,}|null\b|[\"'&,;\s]|$"

#: A secret in clear: ``key=value`` or ``"key": "value"`` whose value is not redacted, a
#: Bearer token (a run of token characters holding a digit), HTTP Basic credentials or an AWS
#: access key id. Prose such as "invalid password: retry" is not taken for a secret.
SECRET = (
    r"(?i)(?:"
    rf"(?<![\w.-]){_SECRET_KEY}\s*=\s*(?!{_NOT_A_VALUE})"
    rf"|[\"']{_SECRET_KEY}[\"']\s*:\s*[\"']?(?!{_NOT_A_VALUE})"
    r"|\bBearer\s+(?!\[REDACTED\])(?=[A-Za-z._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{8,}"
    r"|\bAuthorization\s*:\s*Basic\s+(?!\[REDACTED\])[A-Za-z0-9+/]{8,}"
    r"|(?-i:\b(?:AKIA|ASIA)[0-9A-Z]{16}\b))"
)

#: A group that is not all zeros.
_NON_ZERO = r"(?!0{1,4}(?![0-9A-Fa-f]))[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f])"
#: A candidate is full (some of its last 64 bits set) when a non-zero group is among the last
#: four groups it ends with (those are the address's last four, ``::`` or not) ...
IPV6_FULL_TAIL = rf":{_NON_ZERO}(?::{_H}){{0,3}}$"
#: ... or a non-zero group comes fifth or later before a ``::``.
IPV6_FULL_HEAD = rf"^(?:{_H}:){{4}}(?:{_H}:)*{_NON_ZERO}(?::{_H})*::"


def violation(kind: str, value: Column) -> Column:
    """A boolean Column: does the string ``value`` hold a violation of ``kind``?

    ``secret_field`` is asked of values under a secret name (is it in clear?), ``reason_quote``
    of quarantine reasons; ``table_leaves`` knows which strings those are."""
    # each test starts with a cheap one (a character the match needs) that most strings fail
    if kind == "ipv4":
        return value.contains(".") & value.rlike(IPV4_FULL)
    if kind == "ipv6":
        candidates = F.regexp_extract_all(value, F.lit(IPV6_CANDIDATE), 0)
        full = F.exists(candidates, lambda c: c.rlike(IPV6_FULL_TAIL) | c.rlike(IPV6_FULL_HEAD))
        return value.contains(":") & value.rlike(IPV6_CANDIDATE) & full
    if kind == "email":
        return value.contains("@") & value.rlike(EMAIL)
    if kind == "secret":
        return (value.contains("=") | value.contains(":") | value.rlike("(?i)bearer|AKIA|ASIA")) \
            & value.rlike(SECRET)
    if kind == "secret_field":
        return value.isNotNull() & ~value.rlike(REDACTED_VALUE)
    if kind == "reason_quote":
        tokens = F.flatten(F.transform(F.regexp_extract_all(value, F.lit(_QUOTED), 1),
                                       lambda q: F.regexp_extract_all(q, F.lit(_TOKEN_RUN), 0)))
        return value.contains("'") & F.exists(tokens, _credential_like)
    raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")


def _credential_like(token: Column) -> Column:
    """A digit and two letters, and not the hex of an ``h:`` pseudonym."""
    return token.rlike("[0-9]") & token.rlike("[A-Za-z].*[A-Za-z]") & ~token.rlike("^[0-9a-f]{32}$")


# A leaf is (path, function from the column to an array<string> of every string under it,
# function to an array<string> of the strings under a secret name, or None when there are none).
Leaf = tuple[str, Callable[[Column], Column], "Callable[[Column], Column] | None"]


def _over_array(f: Callable[[Column], Column]) -> Callable[[Column], Column]:
    return lambda c: F.flatten(F.transform(c, f))


def _after(g: Callable[[Column], Column], f: Callable[[Column], Column]) -> Callable[[Column], Column]:
    return lambda c: f(g(c))


def _field(name: str) -> Callable[[Column], Column]:
    return lambda c: c.getField(name)


def _secret_named(name: str) -> bool:
    return re.search(SECRET_NAME, name) is not None


def _secret_entries(c: Column) -> Column:
    return F.map_values(F.map_filter(c, lambda k, v: k.rlike(SECRET_NAME)))


def string_leaves(data_type: T.DataType, path: str, secret: bool = False) -> list[Leaf]:
    """Every place a string can sit inside a value of ``data_type``, as (path, extractor,
    secret extractor) where the extractor turns the value into an array<string> (null when the
    value is) and the secret extractor (or None) into the strings under a secret name:
    ``secret`` says the value itself is under one."""
    if isinstance(data_type, T.StringType):
        return [(path, lambda c: F.array(c), (lambda c: F.array(c)) if secret else None)]
    if isinstance(data_type, T.ArrayType):
        # Spark's higher-order functions take one-argument lambdas: build closures, not
        # lambdas with default arguments
        return [(p, _over_array(f), _over_array(g) if g else None)
                for p, f, g in string_leaves(data_type.elementType, path, secret)]
    if isinstance(data_type, T.MapType):
        keys = string_leaves(T.ArrayType(data_type.keyType), f"{path}.key")
        values = string_leaves(T.ArrayType(data_type.valueType), f"{path}.value", True)
        named = isinstance(data_type.keyType, T.StringType)
        return [(p, _after(F.map_keys, f), None) for p, f, _ in keys] + \
               [(p, _after(F.map_values, f),
                 _after(F.map_values, f) if secret else
                 (_after(_secret_entries, g) if named and g else None))
                for p, f, g in values]
    if isinstance(data_type, T.StructType):
        return [(p, _after(_field(field.name), f), _after(_field(field.name), g) if g else None)
                for field in data_type.fields
                for p, f, g in string_leaves(field.dataType, f"{path}.{field.name}",
                                             secret or _secret_named(field.name))]
    return []


def table_leaves(df: DataFrame) -> list[tuple[str, Column, bool, "Column | None"]]:
    """(path, Column, is_array, secret Column) for every string inside every column of ``df``:
    a string column itself (is_array False), else an array<string> of the strings under the
    path; the secret Column holds the strings under a secret name (None when there are none)."""
    out = []
    for field in df.schema.fields:
        column = F.col(f"`{field.name}`")
        if isinstance(field.dataType, T.StringType):
            out.append((field.name, column, False, column if _secret_named(field.name) else None))
            continue
        for path, extract, secret in string_leaves(field.dataType, field.name):
            out.append((path, extract(column), True, secret(column) if secret else None))
    return out


def _has(strings: Column, kind: str, is_array: bool, secret: "Column | None" = None,
         path: str = "") -> Column:
    """Whether a leaf holds a violation of ``kind``: false, never null."""
    if kind == "secret_field":
        if secret is None:
            return F.lit(False)
        strings = secret
    elif kind == "reason_quote" and path not in REASON_LEAVES:
        return F.lit(False)
    found = F.exists(strings, lambda v: violation(kind, v)) if is_array else violation(kind, strings)
    return F.coalesce(found, F.lit(False))


def scan_table(df: DataFrame, table: str, kinds: Iterable[str] = KINDS) -> pd.DataFrame:
    """Rows of ``df`` holding each kind of violation, per string path, in one Spark pass.

    Returns one row per string path: table, column, rows (rows scanned), one count column per
    kind (rows whose strings under that path hold at least one such violation) and violations
    (the sum of those counts). A table with no string column gives no rows."""
    kinds = tuple(kinds)
    leaves = table_leaves(df)
    columns = ["table", "column", "rows", *kinds, "violations"]
    if not leaves:
        return pd.DataFrame(columns=columns)
    aggs = [F.count(F.lit(1)).alias("rows")]
    for i, (path, strings, is_array, secret) in enumerate(leaves):
        for kind in kinds:
            aggs.append(F.sum(_has(strings, kind, is_array, secret, path).cast("long"))
                        .alias(f"c{i}_{kind}"))
    result = df.agg(*aggs).collect()[0]
    rows = []
    for i, (path, _, _, _) in enumerate(leaves):
        counts = [int(result[f"c{i}_{kind}"] or 0) for kind in kinds]
        rows.append([table, path, int(result["rows"]), *counts, sum(counts)])
    return pd.DataFrame(rows, columns=columns)


def audit(tables: dict[str, DataFrame], kinds: Iterable[str] = KINDS) -> pd.DataFrame:
    """``scan_table`` over every table, concatenated: one row per table and string path."""
    kinds = tuple(kinds)
    frames = [scan_table(df, name, kinds) for name, df in tables.items()]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def verdict(report: pd.DataFrame) -> str:
    """``"pass"`` when the audit found no violation at all, else ``"fail"``."""
    return "pass" if int(report["violations"].sum()) == 0 else "fail"


def summary(report: pd.DataFrame, kinds: Iterable[str] = KINDS) -> pd.DataFrame:
    """Violations per table and kind, added up over the table's string paths (rows = tables,
    columns = kinds), for a heat map."""
    kinds = list(kinds)
    return report.groupby("table", sort=False)[kinds].sum()


def violating_rows(df: DataFrame, table: str, locator: list[str], limit: int = 5,
                   kinds: Iterable[str] = KINDS) -> pd.DataFrame:
    """Where to look: up to ``limit`` rows of ``df`` that hold a violation, identified by the
    ``locator`` columns (e.g. event_id) with the paths and kinds found. The offending values
    themselves are not shown: an audit report must not leak what it found."""
    kinds = tuple(kinds)
    hits = [F.when(_has(strings, kind, is_array, secret, path), F.lit(f"{path}: {kind}"))
            for path, strings, is_array, secret in table_leaves(df) for kind in kinds]
    if not hits:
        return pd.DataFrame(columns=["table", *locator, "found"])
    found = F.filter(F.array(*hits), lambda x: x.isNotNull())
    rows = (df.select(*[F.col(c) for c in locator], found.alias("found"))
            .where(F.size("found") > 0).limit(limit).toPandas())
    rows["found"] = rows["found"].map(", ".join)
    rows.insert(0, "table", table)
    return rows


#: Columns that identify a row of each table without showing personal data.
LOCATORS = {
    "log_results": ["event_id", "source_uri", "source_offset"],
    "emergency_logs": ["event_id", "source_uri"],
    "log_aggregates": ["provider", "nodeName", "time_window"],
    "quarantine": ["source_uri", "line_number"],
    "ledger": ["lot_id", "uri"],
}


def locate(tables: dict[str, DataFrame], report: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """``violating_rows`` for each table the audit found violations in."""
    failing = report.loc[report["violations"] > 0, "table"].unique()
    frames = [violating_rows(tables[t], t, LOCATORS.get(t, []), limit) for t in failing]
    return pd.concat(frames, ignore_index=True) if frames else \
        pd.DataFrame(columns=["table", "found"])


#: Planted values for the canary: each must be found as its kind.
CANARY = [
    ("ipv4", "login from 192.0.2.44 failed"),
    ("ipv6", "client 2001:db8:85a3::8a2e:370:7334 connected"),
    ("email", "reset requested for jane.doe@example.com"),
    ("secret", "GET /reset?token=s3cr3t-t0ken HTTP/1.1"),
    ("secret", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.x1"),
    ("secret", "key id AKIAIOSFODNN7EXAMPLE in config"),
    ("secret", "expected the response size at column 69, found 'password=ReasonSizePassPLANT'"),
    (None, "login from 192.0.2.0 failed; client 2001:db8:85a3:1::; token=[REDACTED]"),
]

#: Planted rows for the field canary: (expected kind or None, attributes, reason).
FIELD_CANARY = [
    ("secret_field", {"password": "JsonFieldPass99", "level_raw": "INFO"}, None),
    ("secret_field", {"user.apiKey": "NestedKey77"}, None),
    ("secret_field", {"Set-Cookie": "sid=abc"}, None),
    ("reason_quote", {}, "invalid JSON: Unrecognized token 'Hunter2BareTokenPLANT': was expecting"),
    (None, {"password": "[REDACTED]", "token": "[REDACTED]", "max_tokens": "5",
            "signature_version": "SigV4"},
     "invalid JSON: Unrecognized token '[REDACTED]': was expecting ('true', 'false' or 'null')"),
]


def canary(spark: SparkSession) -> pd.DataFrame:
    """Run the scanner over planted values, so a report shows that the audit can see what it
    looks for: each planted violation must be found as its kind, and the anonymized values
    (kind None) must be clean. Strings are checked alone; secret field names and quarantine
    reasons in a small table with an ``attributes`` map and a ``reason``. Returns one row per
    planted value with expected and found kinds and ok."""
    df = spark.createDataFrame([(k or "none", v) for k, v in CANARY], "expected string, value string")
    found = F.array(*[F.when(violation(k, F.col("value")), F.lit(k)) for k in STRING_KINDS])
    out = (df.select("expected", "value",
                     F.array_join(F.filter(found, lambda x: x.isNotNull()), ",").alias("found"))
           .toPandas())
    rows = []
    for i, (kind, attributes, reason) in enumerate(FIELD_CANARY):
        table = spark.createDataFrame([(attributes, reason)],
                                      "attributes map<string,string>, reason string")
        report = scan_table(table, f"canary{i}")
        hit = [k for k in KINDS if int(report[k].sum()) > 0]
        rows.append({"expected": kind or "none",
                     "value": f"attributes={sorted(attributes)} reason={reason!r}",
                     "found": ",".join(hit)})
    out = pd.concat([out, pd.DataFrame(rows)], ignore_index=True)
    out["ok"] = [(f == e) if e != "none" else (f == "") for e, f in zip(out["expected"], out["found"])]
    return out
