"""Helpers of the logyard DAGs: settings from the environment, the pipeline configuration and
the warehouse as tasks read them at run time, the Spark stage operator and emergency alerts.

Kept out of the DAG files so that they stay declarations, and tested on their own (dags/tests).
"""
