"""The logyard jobs as Airflow tasks: one spark-submit of the jobs jar per stage.

Every stage runs ``spark-submit --class io.logyard.cli.Main logyard-jobs.jar COMMAND --conf FILE
...`` through the ``spark_default`` connection, which alone decides where Spark runs (local,
standalone, YARN, Kubernetes): the DAGs never name a master.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from datetime import datetime
from typing import Any, Sequence

from airflow.providers.apache.spark.hooks.spark_submit import SparkSubmitHook
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from logyard_dags import manifest
from logyard_dags.settings import MAIN_CLASS, SPARK_CONN_ID, Settings

# the data interval as templates; `ts` renders ISO-8601 with offset, which the jobs parse
INTERVAL_TEMPLATES = ("{{ data_interval_start | ts }}", "{{ data_interval_end | ts }}")


class LogyardSparkSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that starts spark-submit in ``cwd`` (LOGYARD_HOME), so relative
    paths in the pipeline configuration mean what they mean to ``bin/logyard``."""

    def __init__(self, *, cwd: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cwd = cwd

    def _get_hook(self) -> SparkSubmitHook:
        hook = super()._get_hook()
        if self.cwd:
            # SparkSubmitHook.submit passes its keyword arguments on to subprocess.Popen
            hook.submit = functools.partial(hook.submit, cwd=self.cwd)  # type: ignore[method-assign]
        return hook


class DiscoverOperator(LogyardSparkSubmitOperator):
    """``discover ... --manifest FILE``, returning the lot manifest it wrote (its XCom, which
    ``plan_ingest``, ``exports_configured`` and ``emergency_check`` read).

    FILE is in a new directory below ``manifest_dir`` (the system's temporary directory when
    None), removed once read: the Spark driver writes it, so it must be a path the driver and the
    worker share (any path in local and client deploy mode, where the driver runs on the worker).
    """

    def __init__(self, *, manifest_dir: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.manifest_dir = manifest_dir

    def execute(self, context: Any) -> dict[str, Any]:
        if self.manifest_dir:
            os.makedirs(self.manifest_dir, exist_ok=True)
        directory = tempfile.mkdtemp(prefix="logyard-discover-", dir=self.manifest_dir)
        try:
            path = os.path.join(directory, "manifest.json")
            self.application_args = [*self.application_args, "--manifest", path]
            super().execute(context)
            return manifest.read(path)
        finally:
            shutil.rmtree(directory, ignore_errors=True)


def ingest_args(settings: Settings, lot: manifest.Manifest, interval: Sequence[str]) -> list[list[str]]:
    """The ingest command line of each source the manifest lists with objects still to ingest."""
    return [stage_args(settings, "ingest", interval, ["--source", s.source]) for s in lot.sources]


def stage_args(
    settings: Settings,
    command: str,
    interval: Sequence[str] | None = INTERVAL_TEMPLATES,
    extra: Sequence[str] = (),
) -> list[str]:
    """The jobs' command line after the jar: ``COMMAND --conf FILE [--warehouse W]
    [--interval-start S --interval-end E] EXTRA...``."""
    args = [command, "--conf", settings.conf]
    if settings.warehouse:
        args += ["--warehouse", settings.warehouse]
    if interval is not None:
        start, end = interval
        args += ["--interval-start", start, "--interval-end", end]
    return args + list(extra)


def interval_texts(start: datetime, end: datetime) -> tuple[str, str]:
    """The interval as the `ts` filter renders it, for arguments built inside a task."""
    return start.isoformat(), end.isoformat()


def spark_kwargs(settings: Settings, command: str) -> dict[str, Any]:
    """Operator arguments every stage shares (all but task_id and application_args)."""
    return {
        "application": settings.jar,
        "java_class": MAIN_CLASS,
        "conn_id": SPARK_CONN_ID,
        "conf": dict(settings.spark_conf),
        "jars": settings.spark_jars or None,
        "name": f"logyard-{command}",
        "cwd": str(settings.home),
    }


def spark_stage(
    settings: Settings,
    task_id: str,
    command: str,
    *,
    interval: bool = True,
    operator: type[LogyardSparkSubmitOperator] = LogyardSparkSubmitOperator,
    **kwargs: Any,
) -> LogyardSparkSubmitOperator:
    """One stage as a task: ``command`` over the run's data interval (unless interval=False)."""
    return operator(
        task_id=task_id,
        application_args=stage_args(settings, command, INTERVAL_TEMPLATES if interval else None),
        **spark_kwargs(settings, command),
        **kwargs,
    )
