"""Starts bqemulator with two adjustments for logyard's tests.

1. bqemulator loads DuckDB's spatial extension (for GEOGRAPHY) at start-up and downloads it from
   DuckDB's extension repository, which the test machines cannot reach. logyard's tables have
   no GEOGRAPHY column, so the load is skipped.
2. A finished load job's statistics lack outputBytes (and the input file counts) that BigQuery
   reports and the spark-bigquery-connector reads (a NullPointerException otherwise after a
   successful load). They are filled in: the bytes of the loaded files, as BigQuery reports them.

Everything else is bqemulator as published.
"""
import os
import sys

from bqemulator.jobs import executor
from bqemulator.storage import engine

engine.DuckDBEngine._load_spatial = lambda self: None

_JobMeta = executor.JobMeta


def _job_meta(*args, **kwargs):
    if kwargs.get("job_type") == "LOAD":
        load = dict((kwargs.get("statistics") or {}).get("load") or {})
        uris = ((kwargs.get("configuration") or {}).get("load") or {}).get("sourceUris") or []
        root = os.environ.get("BQEMU_GCS_LOCAL_ROOT", "")
        sizes = [os.path.getsize(os.path.join(root, u[5:])) for u in uris if u.startswith("gs://") and os.path.isfile(os.path.join(root, u[5:]))]
        load.setdefault("inputFiles", str(len(uris)))
        load.setdefault("inputFileBytes", str(sum(sizes)))
        load.setdefault("outputBytes", str(sum(sizes)))
        load.setdefault("badRecords", "0")
        kwargs["statistics"] = {**(kwargs.get("statistics") or {}), "load": load}
    return _JobMeta(*args, **kwargs)


executor.JobMeta = _job_meta

from bqemulator.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
