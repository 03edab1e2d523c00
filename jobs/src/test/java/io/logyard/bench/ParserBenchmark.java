package io.logyard.bench;

import io.logyard.format.LogFormat;
import io.logyard.format.LogFormats;
import io.logyard.format.MalformedLineException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread parse throughput per format. One operation is one line (the benchmark parses
 * {@value #LINES} lines per invocation), so the score is lines per second; MB/s is that times
 * the average line length, which {@link ParserBenchmarks} reports.
 *
 * <p>The benchmark thread's CPU time is counted too ({@link CpuTime}): on a shared machine the
 * wall-clock score measures the CPU share the thread got as much as the parser, while lines per
 * CPU-second do not depend on it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {
  static final int LINES = 10_000;

  @Param({
    "combined",
    "common",
    "json",
    "s3-access",
    "gcs-usage",
    "azure-storage",
    "oci-objectstorage",
    "apache-error",
    "aws-alb",
    "aws-elb",
    "aws-cloudfront",
    "aws-vpc-flow",
    "aws-cloudtrail",
    "syslog",
    "nginx-error",
    "logfmt",
    "gcp-logging",
    "azure-monitor",
    "delimited",
    "regex"
  })
  public String format;

  private LogFormat parser;
  private String[] lines;

  @Setup(Level.Trial)
  public void setUp() throws MalformedLineException {
    parser = LogFormats.create(format, BenchData.options(format));
    lines = BenchData.lines(format, LINES);
    for (String line : lines) {
      parser.parse(line);
    }
    System.out.printf("%n%s: %d lines, average %.1f bytes per line%n",
        format, lines.length, BenchData.averageBytes(lines));
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void parse(Blackhole bh, CpuTime cpu) throws MalformedLineException {
    long start = THREADS.getCurrentThreadCpuTime();
    LogFormat p = parser;
    for (String line : lines) {
      bh.consume(p.parse(line));
    }
    cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
    cpu.cpuLines += LINES;
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU nanoseconds the benchmark thread spent parsing, and the lines it parsed meanwhile. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    public long cpuNanos;
    public long cpuLines;

    @Setup(Level.Iteration)
    public void reset() {
      cpuNanos = 0;
      cpuLines = 0;
    }
  }
}
