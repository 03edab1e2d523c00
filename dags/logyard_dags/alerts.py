"""Emergency notifications: what a notifier receives, the default one, and how one is named.

A notifier is any callable taking one :class:`EmergencyReport`, named by its dotted path in
``LOGYARD_EMERGENCY_CALLBACK`` (``package.module.function`` or ``package.module:function``),
importable on the workers. It is called before the emergency check fails the run, so a failing
notifier never hides the emergency: its error is logged and the task fails all the same.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Mapping, Sequence

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmergencyReport:
    """The emergency events of one data interval's lot.

    ``total`` counts them all; ``rows`` holds the first of them by time (timestamp, provider,
    project_id, region, nodeName, hostname, alert_level, reason, message, event_id,
    source_uri), already anonymized by the jobs.
    """

    dag_id: str
    run_id: str
    lot_id: str
    interval_start: datetime
    interval_end: datetime
    total: int
    rows: Sequence[Mapping[str, Any]]

    def summary(self) -> str:
        by_reason: dict[str, int] = {}
        for r in self.rows:
            by_reason[str(r.get("reason"))] = by_reason.get(str(r.get("reason")), 0) + 1
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(by_reason.items()))
        shown = f"first {len(self.rows)} by time: " if len(self.rows) < self.total else ""
        return (
            f"{self.total} emergency events in lot {self.lot_id}, data interval "
            f"{self.interval_start.isoformat()} to {self.interval_end.isoformat()} ({shown}{reasons})"
        )


def log_emergencies(report: EmergencyReport) -> None:
    """The default notifier: the report in the task's log, one line per event shown."""
    log.error("%s", report.summary())
    for r in report.rows:
        log.error(
            "  %s %s/%s %s %s: %s [%s]",
            r.get("timestamp"), r.get("provider"), r.get("nodeName"), r.get("alert_level"),
            r.get("reason"), r.get("message"), r.get("source_uri"),
        )


def resolve_callback(path: str) -> Callable[[EmergencyReport], Any]:
    """Imports the callable named by ``path``; the error says which part was not found."""
    module_name, sep, attr = path.partition(":")
    if not sep:
        module_name, _, attr = path.rpartition(".")
    if not module_name or not attr:
        raise ValueError(f"LOGYARD_EMERGENCY_CALLBACK: {path!r} is not a dotted path such as package.module.function")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise ValueError(f"LOGYARD_EMERGENCY_CALLBACK: cannot import module {module_name!r}: {e}") from e
    target = getattr(module, attr, None)
    if not callable(target):
        raise ValueError(f"LOGYARD_EMERGENCY_CALLBACK: {module_name!r} has no callable {attr!r}")
    return target
