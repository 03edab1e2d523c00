"""
# logyard_pipeline

One run per data interval (every 15 minutes by default): the objects of every configured source
**modified within the interval** form the interval's lot (`ivl-<start>`), which is parsed,
anonymized, written to the Delta tables and aggregated. Rerunning or backfilling an interval
replays exactly the same lot and replaces its rows: it never duplicates.

| task | what it does |
|---|---|
| `wait_for_settle` | waits until `pipeline.settle_seconds` after the interval's end, so objects still being written are complete |
| `discover` | spark-submit `discover`: records the interval's lot in the ledger; its lot manifest (lot id, sources with objects to ingest, table locations, exports) is the task's XCom |
| `plan_ingest` | one `ingest` per source the manifest lists |
| `ingest` | spark-submit `ingest --source NAME`, mapped over the sources, in parallel |
| `aggregate` | spark-submit `aggregate`: recomputes log_aggregates for the lot's windows; the lot is done |
| `exports_configured` / `export` | spark-submit `export` to BigQuery and the Parquet copies, skipped when the manifest lists no export (neither `bigquery.enabled` nor `outputs.parquet.path` set) |
| `emergency_check` | fails the run, after calling the notifier, when emergency_logs (where the manifest says) holds events of the lot |

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

from logyard_dags import alerts, manifest, pipeline_config, settings as settings_module, warehouse
from logyard_dags.operators import (
    DiscoverOperator,
    LogyardSparkSubmitOperator,
    ingest_args,
    interval_texts,
    spark_kwargs,
    spark_stage,
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

    discover = spark_stage(SETTINGS, "discover", "discover", operator=DiscoverOperator, manifest_dir=SETTINGS.manifest_dir)

    @task
    def plan_ingest(
        lot: dict, data_interval_start: datetime | None = None, data_interval_end: datetime | None = None,
    ) -> list[list[str]]:
        """The ingest command line of each source that discover's manifest lists with objects to ingest."""
        m = manifest.parse(lot)
        log.info("%s: ingest %s", m.lot_id,
                 ", ".join(f"{s.source} ({s.objects} objects, {s.bytes} bytes)" for s in m.sources) or "nothing")
        return ingest_args(SETTINGS, m, interval_texts(data_interval_start, data_interval_end))

    ingest_commands = plan_ingest(discover.output)
    ingest = LogyardSparkSubmitOperator.partial(
        task_id="ingest",
        map_index_template="{{ task.application_args[-1] }}",
        max_active_tis_per_dagrun=SETTINGS.ingest_parallelism,
        **spark_kwargs(SETTINGS, "ingest"),
    ).expand(application_args=ingest_commands)

    # none_failed: an interval with nothing new maps no ingest, and its lot must still be closed
    aggregate = spark_stage(SETTINGS, "aggregate", "aggregate", trigger_rule=TriggerRule.NONE_FAILED)

    @task.short_circuit(ignore_downstream_trigger_rules=False)
    def exports_configured(lot: dict) -> bool:
        """The manifest lists an export: BigQuery (`bigquery.enabled`) or Parquet copies (`outputs.parquet.path`)."""
        return bool(manifest.parse(lot).exports)

    export = spark_stage(SETTINGS, "export", "export")

    @task(trigger_rule=TriggerRule.NONE_FAILED)
    def emergency_check(
        lot: dict,
        data_interval_start: datetime | None = None,
        data_interval_end: datetime | None = None,
        dag_run=None,
    ) -> int:
        """Fails, after calling the notifier, when the lot's objects produced emergency events."""
        m = manifest.parse(lot)
        total, rows = warehouse.emergencies(m.table("ledger"), m.table("emergency_logs"), m.lot_id, EMERGENCY_ROWS_SHOWN)
        if total == 0:
            log.info("%s: no emergency events", m.lot_id)
            return 0
        report = alerts.EmergencyReport(
            dag_id=dag_run.dag_id, run_id=dag_run.run_id, lot_id=m.lot_id,
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
        >> ingest_commands
    )
    ingest >> aggregate >> exports_configured(discover.output) >> export >> emergency_check(discover.output)
