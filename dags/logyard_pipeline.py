"""
# logyard_pipeline

One run per data interval (every 15 minutes by default): the objects of every configured source
**modified within the interval** form the interval's lot (`ivl-<start>`), which is parsed,
anonymized, written to the Delta tables and aggregated. Rerunning or backfilling an interval
replays exactly the same lot and replaces its rows: it never duplicates.

| task | what it does |
|---|---|
| `wait_for_settle` | waits until `pipeline.settle_seconds` after the interval's end, so objects still being written are complete |
| `discover` | spark-submit `discover`: records the interval's lot in the ledger |
| `plan_ingest` | reads the configuration (source names) and the ledger: one `ingest` per source with objects in the lot |
| `ingest` | spark-submit `ingest --source NAME`, mapped over the sources, in parallel |
| `aggregate` | spark-submit `aggregate`: recomputes log_aggregates for the lot's windows; the lot is done |
| `bigquery_enabled` / `export` | spark-submit `export` to BigQuery, skipped when `bigquery.enabled` is false |
| `emergency_check` | fails the run, after calling the notifier, when emergency_logs holds events of the lot |

Spark runs where the `spark_default` connection says (local, standalone, YARN, Kubernetes).
Deployment settings are environment variables (`LOGYARD_HOME`, `LOGYARD_CONF`, `LOGYARD_SCHEDULE`,
`LOGYARD_EMERGENCY_CALLBACK`, ...: see `logyard_dags/settings.py` and dags/README.md).

Catchup is on by default: an interval that never runs leaves the objects modified within it
unread, so every interval since `LOGYARD_START_DATE` must run once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from airflow.sdk import DAG, CronDataIntervalTimetable, PokeReturnValue, TriggerRule, task
from airflow.sdk.exceptions import AirflowFailException

from logyard_dags import alerts, pipeline_config, settings as settings_module, warehouse
from logyard_dags.operators import (
    LogyardSparkSubmitOperator,
    interval_texts,
    spark_kwargs,
    spark_stage,
    stage_args,
)

log = logging.getLogger(__name__)

SETTINGS = settings_module.from_env()
EMERGENCY_ROWS_SHOWN = 100

with DAG(
    dag_id="logyard_pipeline",
    description="discover, ingest per source, aggregate, export and check emergencies, per data interval",
    doc_md=__doc__,
    # a cron schedule alone would give Airflow 3's CronTriggerTimetable, whose runs have an
    # empty data interval (start == end); the lots need [start, end)
    schedule=CronDataIntervalTimetable(SETTINGS.schedule, timezone="UTC"),
    start_date=SETTINGS.start_date,
    catchup=SETTINGS.catchup,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=2),
    default_args={
        "owner": "logyard",
        "retries": SETTINGS.retries,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
    },
    tags=["logyard", "spark", "pipeline"],
) as dag:

    @task.sensor(poke_interval=30, timeout=timedelta(hours=1), mode="reschedule")
    def wait_for_settle(data_interval_end: datetime | None = None) -> PokeReturnValue:
        """Done once the interval ended `pipeline.settle_seconds` ago: discover refuses earlier."""
        cfg = pipeline_config.load(SETTINGS)
        done, ready_at = pipeline_config.settled(data_interval_end, cfg.settle_seconds, datetime.now(timezone.utc))
        if not done:
            log.info("objects of the interval may still be written until %s (settle %d s)", ready_at, cfg.settle_seconds)
        return PokeReturnValue(is_done=done)

    discover = spark_stage(SETTINGS, "discover", "discover")

    @task
    def plan_ingest(data_interval_start: datetime | None = None, data_interval_end: datetime | None = None) -> list[list[str]]:
        """The ingest command line of each configured source with objects in the interval's lot."""
        cfg = pipeline_config.load(SETTINGS)
        lot = warehouse.lot_id(data_interval_start)
        pending = warehouse.pending_sources(cfg.warehouse, lot)
        chosen = [name for name in cfg.source_names if name in pending]
        log.info("%s: ingest %s; nothing new for %s", lot, chosen or "none",
                 [n for n in cfg.source_names if n not in pending] or "none")
        interval = interval_texts(data_interval_start, data_interval_end)
        return [stage_args(SETTINGS, "ingest", interval, ["--source", name]) for name in chosen]

    ingest_args = plan_ingest()
    ingest = LogyardSparkSubmitOperator.partial(
        task_id="ingest",
        map_index_template="{{ task.application_args[-1] }}",
        max_active_tis_per_dagrun=SETTINGS.ingest_parallelism,
        **spark_kwargs(SETTINGS, "ingest"),
    ).expand(application_args=ingest_args)

    # none_failed: an interval with nothing new maps no ingest, and its lot must still be closed
    aggregate = spark_stage(SETTINGS, "aggregate", "aggregate", trigger_rule=TriggerRule.NONE_FAILED)

    @task.short_circuit(ignore_downstream_trigger_rules=False)
    def bigquery_enabled() -> bool:
        """Read at run time: `bigquery.enabled` of the configuration (or LOGYARD_BIGQUERY_ENABLED)."""
        return pipeline_config.load(SETTINGS).bigquery_enabled

    export = spark_stage(SETTINGS, "export", "export")

    @task(trigger_rule=TriggerRule.NONE_FAILED)
    def emergency_check(
        data_interval_start: datetime | None = None,
        data_interval_end: datetime | None = None,
        dag_run=None,
    ) -> int:
        """Fails, after calling the notifier, when the lot's objects produced emergency events."""
        cfg = pipeline_config.load(SETTINGS)
        lot = warehouse.lot_id(data_interval_start)
        total, rows = warehouse.emergencies(cfg.warehouse, lot, EMERGENCY_ROWS_SHOWN)
        if total == 0:
            log.info("%s: no emergency events", lot)
            return 0
        report = alerts.EmergencyReport(
            dag_id=dag_run.dag_id, run_id=dag_run.run_id, lot_id=lot,
            interval_start=data_interval_start, interval_end=data_interval_end, total=total, rows=rows,
        )
        notified = "notified " + SETTINGS.emergency_callback
        try:
            alerts.resolve_callback(SETTINGS.emergency_callback)(report)
        except Exception as e:  # the emergency must not be hidden by a broken notifier
            log.exception("the emergency notifier %s failed", SETTINGS.emergency_callback)
            notified = f"the notifier {SETTINGS.emergency_callback} FAILED: {e}"
        raise AirflowFailException(f"{report.summary()}; {notified}")

    (
        wait_for_settle()
        >> discover
        >> ingest_args
    )
    ingest >> aggregate >> bigquery_enabled() >> export >> emergency_check()
