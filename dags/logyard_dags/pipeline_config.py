"""The one key of the pipeline's YAML configuration that a DAG task needs before ``discover``:
the settle time, which ``wait_for_settle`` waits out.

Read inside tasks at run time, never when a DAG file is parsed: the file can change between
runs, and may live where only workers can read it. The jobs validate the whole file, with the
jobs' precedence (``LOGYARD_<KEY>`` environment variables > the file > defaults). Everything
else the tasks need (lot id, sources to ingest, tables, exports) comes from the lot manifest
``discover`` writes (``manifest.py``).
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
    settle_seconds: int


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


def _yaml_problem(e: yaml.YAMLError) -> str:
    """Where and what was expected, as the jobs say it (YamlTree.java): never the text, which can
    hold a secret (an undefined alias is what a plain value starting with '*' becomes)."""
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    problem = getattr(e, "problem", None) or "not valid YAML"
    if problem.startswith("found undefined alias"):
        problem = "found an undefined alias (a plain value cannot start with '*': quote it)"
    message = "not valid YAML" + (f" at {_where(mark)}" if mark else "") + ": " + problem
    context, context_mark = getattr(e, "context", None), getattr(e, "context_mark", None)
    if context:
        message += f" ({context}" + (f" started at {_where(context_mark)}" if context_mark else "") + ")"
    return message


def _where(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def load(settings: Settings, env: Mapping[str, str] | None = None) -> PipelineConfig:
    env = os.environ if env is None else env
    origin = settings.conf
    try:
        with open(origin, encoding="utf-8") as f:
            doc = yaml.safe_load(f) or {}
    except FileNotFoundError:
        raise PipelineConfigError(f"{origin}: no such file (set LOGYARD_CONF or LOGYARD_HOME)") from None
    except yaml.YAMLError as e:
        raise PipelineConfigError(f"{origin}: {_yaml_problem(e)}") from None
    if not isinstance(doc, Mapping):
        raise PipelineConfigError(f"{origin}: expected a mapping at the top")

    settle = _scalar(doc, "pipeline.settle_seconds", env)
    try:
        settle_seconds = DEFAULT_SETTLE_SECONDS if settle is None else int(settle)
    except (TypeError, ValueError):
        raise PipelineConfigError(f"{origin}: pipeline.settle_seconds: expected a whole number, found {settle!r}") from None

    return PipelineConfig(origin=origin, settle_seconds=settle_seconds)
