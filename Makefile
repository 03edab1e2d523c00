# Parser benchmarks (JMH, 1 fork, 1 thread, 3x3s warmup + 3x2s measurement per format).
# Restrict to some formats with FORMATS="combined s3-access".
FORMATS ?=

.PHONY: bench-parsers
bench-parsers:
	mvn -q -pl jobs test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
	  -Dexec.args="-cp %classpath io.logyard.bench.ParserBenchmarks $(FORMATS)"
