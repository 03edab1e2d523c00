# logyard: the two commands are `make demo` and `make test`; everything they need is installed here.
SHELL := /bin/bash
MVN ?= mvn -B
JAR := jobs/target/logyard-jobs.jar
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_LANDING := var/landing
DEMO_WAREHOUSE := var/warehouse

BQEMU := .tools/bqemulator

.PHONY: help build demo test test-java test-python venv bigquery-emulator clean

help:
	@echo "make demo    build, generate sample logs for four providers, run the pipeline, print a report"
	@echo "make test    every test: Java unit, component and integration tests, then the Python tests"
	@echo "make build   the jobs jar ($(JAR)) and the launcher's classpath"
	@echo "make venv    the Python virtual environment (.venv) for Airflow, PySpark and Jupyter"
	@echo "make bigquery-emulator  the BigQuery emulator the BigQuery tests start (.tools/bqemulator)"
	@echo "make clean   remove build outputs and var/ (demo data, warehouse)"

build:
	$(MVN) -q -DskipTests package

demo: build
	rm -rf $(DEMO_LANDING) $(DEMO_WAREHOUSE)
	bin/logyard generate --out $(DEMO_LANDING)
	bin/logyard run
	bin/logyard report

test: test-java test-python

test-java: bigquery-emulator
	$(MVN) verify

# the BigQuery and GCS emulators the BigQuery tests start on 127.0.0.1 (bqemulator and
# gcp-storage-emulator from PyPI, pinned in jobs/src/test/emulators/requirements-bqemulator.txt,
# with the launchers beside it); rebuilt when those files change
$(BQEMU)/.installed: $(wildcard jobs/src/test/emulators/*)
	rm -rf $(BQEMU)
	$(PYTHON) -m venv $(BQEMU)
	$(BQEMU)/bin/pip install -q --upgrade pip
	$(BQEMU)/bin/pip install -q -r jobs/src/test/emulators/requirements-bqemulator.txt
	cp jobs/src/test/emulators/*.py $(BQEMU)/
	touch $@

bigquery-emulator: $(BQEMU)/.installed

# the Python side: one virtual environment for Airflow, PySpark and Jupyter, pinned in the
# requirements files; rebuilt when they change
$(VENV)/.installed: $(wildcard dags/requirements.txt notebooks/requirements.txt)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(foreach r,$^,-r $(r))
	touch $@

venv: $(VENV)/.installed

test-python:
	@if ls dags/tests/*.py notebooks/tests/*.py 2>/dev/null | grep -q .; then \
	  $(MAKE) venv && $(PY) -m pytest -q dags/tests notebooks/tests; \
	else echo "no Python tests yet"; fi

clean:
	$(MVN) -q clean
	rm -rf var
