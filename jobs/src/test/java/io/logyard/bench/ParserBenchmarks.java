package io.logyard.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code make bench-parsers}: runs {@link ParserBenchmark} with a short configuration (1 fork,
 * 1 thread, 3 warmup iterations of 3 s and 3 measurement iterations of 2 s; about 3 minutes
 * for all formats on an idle machine) and prints lines/s and MB/s per format.
 * Arguments are format names to restrict the run to.
 */
public final class ParserBenchmarks {
  private ParserBenchmarks() {}

  public static void main(String[] args) throws RunnerException, NoSuchFieldException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(ParserBenchmark.class.getName() + ".parse")
            .forks(1)
            .threads(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(3))
            .measurementIterations(Integer.parseInt(System.getenv().getOrDefault("ITERATIONS", "3")))
            .measurementTime(TimeValue.seconds(2))
            .jvmArgsAppend("-Xmx1g", "-Xms1g");
    if (args.length > 0) {
      options.param("format", args);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    List<String> expected = new ArrayList<>(args.length > 0
        ? List.of(args)
        : List.of(ParserBenchmark.class.getField("format").getAnnotation(Param.class).value()));
    List<String> rows = new ArrayList<>();
    rows.add(String.format("%-18s %12s %12s %10s %9s %14s %11s", "format", "lines/s",
        "+/- (99.9%)", "bytes/line", "MB/s", "lines/CPU-s", "MB/CPU-s"));
    for (RunResult rr : results) {
      String format = rr.getParams().getParam("format");
      double linesPerSecond = rr.getPrimaryResult().getScore();
      double error = rr.getPrimaryResult().getScoreError();
      double bytes = BenchData.averageBytes(BenchData.lines(format, ParserBenchmark.LINES));
      double cpuNanos = rr.getSecondaryResults().get("cpuNanos").getScore();
      double cpuLines = rr.getSecondaryResults().get("cpuLines").getScore();
      double linesPerCpuSecond = cpuNanos > 0 ? cpuLines / cpuNanos * 1e9 : Double.NaN;
      rows.add(String.format("%-18s %,12.0f %,12.0f %10.1f %9.1f %,14.0f %11.1f", format,
          linesPerSecond, error, bytes, linesPerSecond * bytes / 1e6, linesPerCpuSecond,
          linesPerCpuSecond * bytes / 1e6));
      expected.remove(format);
    }
    System.out.println();
    System.out.println("Parser throughput, 1 thread (MB = 10^6 bytes of log text, line"
        + " terminators not counted; lines/s and MB/s by the wall clock, lines/CPU-s and"
        + " MB/CPU-s by the benchmark thread's CPU time):");
    rows.forEach(System.out::println);
    if (!expected.isEmpty()) {
      System.out.println("FAILED (no result, see the JMH output above): " + expected);
      System.exit(1);
    }
  }
}
