"""The lot manifest ``discover --manifest FILE`` writes: the scheduler's contract with the jobs.

Its fields are declared once, in ``LotManifest.java``; the DAG takes the lot id, the sources to
ingest, the tables' locations and the configured exports from it, and computes none of them.
The ``discover`` task hands the parsed JSON to the tasks after it as its XCom.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple

VERSION = 1
"""``LotManifest.VERSION``: the version this reader understands."""


class ManifestError(ValueError):
    """A manifest this reader cannot use; the message says why."""


class Pending(NamedTuple):
    """A source's objects of the lot still to ingest: how many, and their bytes."""

    source: str
    objects: int
    bytes: int


@dataclass(frozen=True)
class Manifest:
    lot_id: str
    sources: tuple[Pending, ...]
    """The sources with objects of the lot still to ingest, in configuration order."""
    tables: Mapping[str, str]
    """Every table's location (a Hadoop URI), by table name."""
    exports: tuple[str, ...]
    """The outputs besides Delta that ``export`` writes (``parquet``, ``bigquery``)."""

    def table(self, name: str) -> str:
        try:
            return self.tables[name]
        except KeyError:
            raise ManifestError(f"the manifest of {self.lot_id} has no table {name!r} (it has {sorted(self.tables)})") from None


def parse(doc: Mapping[str, Any]) -> Manifest:
    """The manifest of a JSON document, refused unless its version is this reader's."""
    version = doc.get("manifest_version") if isinstance(doc, Mapping) else None
    if version != VERSION:
        raise ManifestError(
            f"lot manifest version {version!r}, this DAG reads version {VERSION}: deploy the DAGs and the jobs jar of one release")
    try:
        return Manifest(
            lot_id=str(doc["lot_id"]),
            sources=tuple(Pending(str(s["source"]), int(s["objects"]), int(s["bytes"])) for s in doc["sources"]),
            tables=dict(doc["tables"]),
            exports=tuple(doc["exports"]),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise ManifestError(f"lot manifest version {VERSION} without a usable field: {e!r}") from None


def read(path: str) -> dict[str, Any]:
    """The JSON document of a manifest file, checked to parse (what the discover task returns)."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except FileNotFoundError:
        raise ManifestError(
            f"discover wrote no manifest at {path}: in cluster deploy mode set LOGYARD_MANIFEST_DIR to a "
            "directory the Spark driver and the Airflow worker share") from None
    parse(doc)
    return doc
