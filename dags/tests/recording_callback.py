"""An emergency notifier for the tests: appends each report as a JSON line to the file named by
LOGYARD_TEST_ALERTS, so a test can see what a real notifier would have been given."""

from __future__ import annotations

import json
import os

from logyard_dags.alerts import EmergencyReport


def record(report: EmergencyReport) -> None:
    with open(os.environ["LOGYARD_TEST_ALERTS"], "a", encoding="utf-8") as f:
        f.write(
            json.dumps(
                {
                    "dag_id": report.dag_id,
                    "lot_id": report.lot_id,
                    "interval_start": report.interval_start.isoformat(),
                    "interval_end": report.interval_end.isoformat(),
                    "total": report.total,
                    "rows": len(report.rows),
                    "reasons": sorted({str(r["reason"]) for r in report.rows}),
                    "summary": report.summary(),
                }
            )
            + "\n"
        )


def broken(report: EmergencyReport) -> None:
    raise RuntimeError("the pager is down")
