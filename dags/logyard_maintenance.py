"""
# logyard_maintenance

Once a day (`LOGYARD_MAINTENANCE_SCHEDULE`, default 03:00 UTC): spark-submit `maintain`, which
compacts the Delta tables (OPTIMIZE), removes files no version needs any more (VACUUM) and
deletes rows past their retention, as the pipeline configuration (`LOGYARD_CONF`) says.

Missed days are not caught up: one maintenance run does everything that is due. Spark runs where
the `spark_default` connection says, like the pipeline's jobs.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, CronTriggerTimetable

from logyard_dags import settings as settings_module
from logyard_dags.operators import spark_stage

SETTINGS = settings_module.from_env()

with DAG(
    dag_id="logyard_maintenance",
    description="OPTIMIZE, VACUUM and retention of the logyard tables",
    doc_md=__doc__,
    schedule=CronTriggerTimetable(SETTINGS.maintenance_schedule, timezone="UTC"),
    start_date=SETTINGS.start_date,
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=6),
    default_args={
        "owner": "logyard",
        "retries": SETTINGS.retries,
        "retry_delay": timedelta(minutes=10),
    },
    tags=["logyard", "spark", "maintenance"],
) as dag:
    maintain = spark_stage(SETTINGS, "maintain", "maintain", interval=False)
