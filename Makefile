# logyard: the two commands are `make demo` and `make test`; everything they need is installed here.
SHELL := /bin/bash
MVN ?= mvn -B
JAR := jobs/target/logyard-jobs.jar
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_LANDING := var/landing
DEMO_WAREHOUSE := var/warehouse

.PHONY: help build demo test test-java test-python venv airflow clean

help:
	@echo "make demo    build, generate sample logs for four providers, run the pipeline, print a report"
	@echo "make test    every test: Java unit, component and integration tests, then the Python tests"
	@echo "make build   the jobs jar ($(JAR)) and the launcher's classpath"
	@echo "make venv    the Python virtual environment (.venv) for Airflow, PySpark and Jupyter"
	@echo "make airflow Airflow standalone with the logyard DAGs and local Spark (state in var/airflow)"
	@echo "make clean   remove build outputs and var/ (demo data, warehouse)"

build:
	$(MVN) -q -DskipTests package

demo: build
	rm -rf $(DEMO_LANDING) $(DEMO_WAREHOUSE)
	bin/logyard generate --out $(DEMO_LANDING)
	bin/logyard run
	bin/logyard report

test: test-java test-python

test-java:
	$(MVN) verify

# the Python side: one virtual environment for Airflow, PySpark and Jupyter, pinned in the
# requirements files; rebuilt when they change
$(VENV)/.installed: $(wildcard dags/requirements.txt notebooks/requirements.txt)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(foreach r,$^,-r $(r))
	touch $@

venv: $(VENV)/.installed

# Airflow on this machine: dags/ as the DAG folder, spark_default on local Spark, spark-submit
# from the venv's PySpark; catchup off and two ingests at a time unless LOGYARD_* say otherwise
# (see dags/README.md)
airflow: build venv
	AIRFLOW_HOME="$(CURDIR)/var/airflow" AIRFLOW__CORE__DAGS_FOLDER="$(CURDIR)/dags" \
	AIRFLOW__CORE__LOAD_EXAMPLES=False \
	AIRFLOW_CONN_SPARK_DEFAULT="$${AIRFLOW_CONN_SPARK_DEFAULT:-{\"conn_type\": \"spark\", \"host\": \"local[2]\"}}" \
	LOGYARD_CATCHUP="$${LOGYARD_CATCHUP:-false}" LOGYARD_INGEST_PARALLELISM="$${LOGYARD_INGEST_PARALLELISM:-2}" \
	SPARK_LOCAL_IP="$${SPARK_LOCAL_IP:-127.0.0.1}" \
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/airflow standalone

test-python:
	@if ls dags/tests/*.py notebooks/tests/*.py 2>/dev/null | grep -q .; then \
	  $(MAKE) venv && $(PY) -m pytest -q $(wildcard dags/tests notebooks/tests); \
	else echo "no Python tests yet"; fi

clean:
	$(MVN) -q clean
	rm -rf var
