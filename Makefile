# logyard: the two commands are `make demo` and `make test`; everything they need is installed here.
SHELL := /bin/bash
MVN ?= mvn -B
JAR := jobs/target/logyard-jobs.jar
DEMO_LANDING := var/landing
DEMO_WAREHOUSE := var/warehouse

.PHONY: help build demo test test-java clean

help:
	@echo "make demo    build, generate sample logs for four providers, run the pipeline, print a report"
	@echo "make test    every test (unit, component, integration)"
	@echo "make build   the jobs jar ($(JAR)) and the launcher's classpath"
	@echo "make clean   remove build outputs and var/ (demo data, warehouse)"

build:
	$(MVN) -q -DskipTests package

demo: build
	rm -rf $(DEMO_LANDING) $(DEMO_WAREHOUSE)
	bin/logyard generate --out $(DEMO_LANDING)
	bin/logyard run
	bin/logyard report

test: test-java

test-java:
	$(MVN) verify

clean:
	$(MVN) -q clean
	rm -rf var
