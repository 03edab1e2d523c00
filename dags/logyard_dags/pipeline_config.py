"""The few keys of the pipeline's YAML configuration that the DAG's own tasks need.

Read inside tasks at run time, never when a DAG file is parsed: the file can change between
runs, and may live where only workers can read it. The jobs validate the whole file; this reads
only source names, the settle time, BigQuery's switch and the warehouse, with the jobs'
precedence (``--warehouse`` > ``LOGYARD_<KEY>`` environment variables > the file > defaults).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Mapping

import yaml

from logyard_dags.settings import Settings

# the jobs' defaults (ConfigLoader) for keys a file may leave out
DEFAULT_SETTLE_SECONDS = 120


class PipelineConfigError(ValueError):
    """The configuration file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class PipelineConfig:
    origin: str
    source_names: tuple[str, ...]
    settle_seconds: int
    bigquery_enabled: bool
    warehouse: str
    """Where the tables are, as the jobs see it: relative paths resolved against LOGYARD_HOME."""


def settled(interval_end: datetime, settle_seconds: int, now: datetime) -> tuple[bool, datetime]:
    """Whether the objects of an interval ending at ``interval_end`` are complete at ``now``
    (``settle_seconds`` after the end: ``discover`` refuses earlier), and when they will be."""
    ready_at = interval_end + timedelta(seconds=settle_seconds)
    return now >= ready_at, ready_at


def _scalar(doc: Mapping[str, Any], dotted: str, env: Mapping[str, str]) -> Any:
    from_env = env.get("LOGYARD_" + dotted.replace(".", "_").upper())
    if from_env is not None:
        return from_env
    node: Any = doc
    for key in dotted.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def _as_bool(origin: str, key: str, value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise PipelineConfigError(f"{origin}: {key}: expected true or false, found {value!r}")


def load(settings: Settings, env: Mapping[str, str] | None = None) -> PipelineConfig:
    env = os.environ if env is None else env
    origin = settings.conf
    try:
        with open(origin, encoding="utf-8") as f:
            doc = yaml.safe_load(f) or {}
    except FileNotFoundError:
        raise PipelineConfigError(f"{origin}: no such file (set LOGYARD_CONF or LOGYARD_HOME)") from None
    except yaml.YAMLError as e:
        raise PipelineConfigError(f"{origin}: not valid YAML: {e}") from None
    if not isinstance(doc, Mapping):
        raise PipelineConfigError(f"{origin}: expected a mapping at the top")

    sources = doc.get("sources") or []
    if not isinstance(sources, list):
        raise PipelineConfigError(f"{origin}: sources: expected a list")
    names = []
    for i, s in enumerate(sources):
        name = s.get("name") if isinstance(s, Mapping) else None
        if not name:
            raise PipelineConfigError(f"{origin}: sources[{i}].name: missing value")
        names.append(str(name))
    if not names:
        raise PipelineConfigError(f"{origin}: sources: at least one source is needed")

    settle = _scalar(doc, "pipeline.settle_seconds", env)
    try:
        settle_seconds = DEFAULT_SETTLE_SECONDS if settle is None else int(settle)
    except (TypeError, ValueError):
        raise PipelineConfigError(f"{origin}: pipeline.settle_seconds: expected a whole number, found {settle!r}") from None

    warehouse = settings.warehouse or _scalar(doc, "warehouse.path", env)
    if not warehouse:
        raise PipelineConfigError(f"{origin}: warehouse.path: missing value")

    return PipelineConfig(
        origin=origin,
        source_names=tuple(names),
        settle_seconds=settle_seconds,
        bigquery_enabled=_as_bool(origin, "bigquery.enabled", _scalar(doc, "bigquery.enabled", env)),
        warehouse=settings.resolve(str(warehouse)),
    )
