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

.PHONY: help build demo test test-java test-python venv tools spark-packages bigquery-emulator airflow notebooks bench bench-parsers bench-pipeline cds clean

help:
	@echo "make demo    build, generate sample logs for four providers, run the pipeline, print a report"
	@echo "make test    every test: Java unit, component and integration tests, then the Python tests"
	@echo "make build   the jobs jar ($(JAR)) and the launcher's classpath"
	@echo "make venv    the Python virtual environment (.venv) for Airflow, PySpark and Jupyter"
	@echo "make tools   the storage emulators the integration tests start (.tools: Azurite, fake-gcs-server, the BigQuery emulator)"
	@echo "make airflow Airflow standalone with the logyard DAGs and local Spark (state in var/airflow)"
	@echo "make notebooks  execute the notebooks against the demo warehouse; HTML in notebooks/reports/"
	@echo "make bench   the benchmarks: parser throughput per format (JMH; FORMATS=\"combined s3-access\" to restrict),"
	@echo "             then the pipeline over SIZE_MB (1000) of logs against DuckDB, fixed costs, small objects"
	@echo "make clean   remove build outputs and var/ (demo data, warehouse)"

build:
	$(MVN) -q -DskipTests package
	@$(MAKE) -s cds

# the class-data-sharing archive bin/logyard starts from: the classes of a small run (generate,
# run, status) on throwaway data, archived when that JVM exits; remade after each build
CDS_WORK := jobs/target/cds-training
cds:
	rm -rf $(CDS_WORK) jobs/target/logyard.jsa && mkdir -p $(CDS_WORK)
	cd $(CDS_WORK) && $(CURDIR)/bin/logyard generate --out var/landing --minutes 2 --providers aws > /dev/null \
	  && LOGYARD_JAVA_OPTS="-XX:ArchiveClassesAtExit=$(CURDIR)/jobs/target/logyard.jsa" $(CURDIR)/bin/logyard run -q > /dev/null
	rm -rf $(CDS_WORK)

demo: build
	rm -rf $(DEMO_LANDING) $(DEMO_WAREHOUSE)
	bin/logyard generate --out $(DEMO_LANDING) --kinds access,app,alb,cloudtrail,gcp-logging,azure-monitor
	bin/logyard run
	bin/logyard report

test: tools test-java test-python

test-java: tools
	$(MVN) verify

# storage emulators the integration tests start on 127.0.0.1 (S3 runs in-process: S3Proxy is a
# Maven test dependency); each is rebuilt only when missing
TOOLS := .tools
AZURITE := $(TOOLS)/node_modules/.bin/azurite-blob
FAKE_GCS := $(TOOLS)/bin/fake-gcs-server
AZURITE_VERSION := 3.37.0
FAKE_GCS_VERSION := v1.56.1

tools: $(AZURITE) $(FAKE_GCS) bigquery-emulator spark-packages

# the packages the spark-submit recipes of jobs/README.md name (--packages), resolved once from
# Maven Central by Spark's own resolver into .tools/ivy; ClusterIT resolves them from there only
SPARK_PACKAGES := io.delta:delta-spark_2.12:3.3.3,org.apache.hadoop:hadoop-aws:3.3.4,org.apache.hadoop:hadoop-azure:3.3.4
$(TOOLS)/ivy/.resolved: $(TOOLS)/ivysettings.xml | $(VENV)/.installed
	$(PY) -c "from pyspark.sql import SparkSession as S; S.builder.master('local[1]').config('spark.jars.packages', '$(SPARK_PACKAGES)').config('spark.jars.ivy', '$(abspath $(TOOLS))/ivy').config('spark.jars.ivySettings', '$(abspath $(TOOLS))/ivysettings.xml').getOrCreate().stop()"
	touch $@

# Spark's resolver with Maven Central only: its default chain looks in ~/.m2 first, and fails on
# an artifact of which Maven fetched the pom but not the jar (as a build does for managed versions)
$(TOOLS)/ivysettings.xml:
	mkdir -p $(TOOLS)
	printf '%s\n' '<ivysettings>' '  <settings defaultResolver="central"/>' '  <resolvers>' \
	  '    <ibiblio name="central" m2compatible="true" root="https://repo1.maven.org/maven2/"/>' \
	  '  </resolvers>' '</ivysettings>' > $@

spark-packages: $(TOOLS)/ivy/.resolved

$(AZURITE):
	npm install --no-audit --no-fund --loglevel=error --prefix $(TOOLS) azurite@$(AZURITE_VERSION)

$(FAKE_GCS):
	GOBIN=$(abspath $(TOOLS))/bin go install github.com/fsouza/fake-gcs-server@$(FAKE_GCS_VERSION)

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

# the notebooks, executed headless against the demo's warehouse (made first if missing), as HTML
# reports with their charts in notebooks/reports/; the committed .ipynb files are not rewritten
notebooks: venv
	@test -d $(DEMO_WAREHOUSE)/log_results/_delta_log || $(MAKE) demo
	@test -f jobs/target/spark-jars/delta-spark_2.12-3.3.3.jar || $(MAKE) build
	cd notebooks && ../$(PY) -m logyard_notebooks.run execute --warehouse "$(CURDIR)/$(DEMO_WAREHOUSE)" --html-dir reports

# one pytest process per suite: both suites' tests import their own `conftest` module by name
test-python:
	@if ls dags/tests/*.py notebooks/tests/*.py 2>/dev/null | grep -q .; then \
	  $(MAKE) venv && for d in $(wildcard dags/tests notebooks/tests); do \
	    $(PY) -m pytest -q $$d || exit 1; \
	  done; \
	else echo "no Python tests yet"; fi

# Parser benchmarks (JMH, 1 fork, 1 thread, 3x3s warmup + 3x2s measurement per format).
# Restrict to some formats with FORMATS="combined s3-access"; ITERATIONS=10 measures longer (steadier).
FORMATS ?=

bench: bench-parsers bench-pipeline

# The pipeline at volume against DuckDB (see jobs/src/test/java/io/logyard/bench/PipelineBenchmark.java):
# SIZE_MB (default 1000) of generated combined logs, data kept in var/bench/data between runs;
# SCENARIOS=big runs only that lot and DuckDB's (e.g. SIZE_MB=5000 SCENARIOS=big); SCENARIOS=cluster only
# that lot on a standalone cluster (bin/spark-standalone) of one worker and of one worker per core,
# which needs the venv's Spark distribution and the recipes' packages (spark-packages).
# Needs the machine to itself: figures from a loaded machine mean little.
SIZE_MB ?= 1000
bench-pipeline: build spark-packages
	SIZE_MB=$(SIZE_MB) $(MVN) -q -pl jobs test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
	  -Dexec.args="-Xmx1g -cp %classpath io.logyard.bench.PipelineBenchmark $(CURDIR)/var/bench $(CURDIR)/bin/logyard %classpath"

bench-parsers:
	$(MVN) -q -pl jobs test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
	  -Dexec.args="-cp %classpath io.logyard.bench.ParserBenchmarks $(FORMATS)"

clean:
	$(MVN) -q clean
	rm -rf var
# .tools is kept by clean (slow to rebuild); remove it by hand to reinstall the emulators
