# logyard: the two commands are `make demo` and `make test`; everything they need is installed here.
SHELL := /bin/bash
MVN ?= mvn -B
JAR := jobs/target/logyard-jobs.jar
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_LANDING := var/landing
DEMO_WAREHOUSE := var/warehouse

.PHONY: help build demo test test-java test-python venv notebooks clean

help:
	@echo "make demo    build, generate sample logs for four providers, run the pipeline, print a report"
	@echo "make test    every test: Java unit, component and integration tests, then the Python tests"
	@echo "make build   the jobs jar ($(JAR)) and the launcher's classpath"
	@echo "make venv    the Python virtual environment (.venv) for Airflow, PySpark and Jupyter"
	@echo "make notebooks  execute the notebooks against the demo warehouse; HTML in notebooks/reports/"
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

# the notebooks, executed headless against the demo's warehouse (made first if missing), as HTML
# reports with their charts in notebooks/reports/; the committed .ipynb files are not rewritten
notebooks: venv
	@test -d $(DEMO_WAREHOUSE)/log_results/_delta_log || $(MAKE) demo
	@test -f jobs/target/spark-jars/delta-spark_2.12-3.3.3.jar || $(MAKE) build
	cd notebooks && ../$(PY) -m logyard_notebooks.run execute --warehouse "$(CURDIR)/$(DEMO_WAREHOUSE)" --html-dir reports

test-python:
	@if ls dags/tests/*.py notebooks/tests/*.py 2>/dev/null | grep -q .; then \
	  $(MAKE) venv && $(PY) -m pytest -q dags/tests notebooks/tests; \
	else echo "no Python tests yet"; fi

clean:
	$(MVN) -q clean
	rm -rf var
