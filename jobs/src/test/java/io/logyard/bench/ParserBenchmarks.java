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
 * 2 warmup and 3 measurement iterations, 1 thread) and prints lines/s and MB/s per format.
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
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(3))
            .jvmArgsAppend("-Xmx1g", "-Xms1g");
    if (args.length > 0) {
      options.param("format", args);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    List<String> expected = new ArrayList<>(args.length > 0
        ? List.of(args)
        : List.of(ParserBenchmark.class.getField("format").getAnnotation(Param.class).value()));
    List<String> rows = new ArrayList<>();
    rows.add(String.format("%-18s %14s %12s %10s %10s", "format", "lines/s", "+/- (99.9%)",
        "bytes/line", "MB/s"));
    for (RunResult rr : results) {
      String format = rr.getParams().getParam("format");
      double linesPerSecond = rr.getPrimaryResult().getScore();
      double error = rr.getPrimaryResult().getScoreError();
      double bytes = BenchData.averageBytes(BenchData.lines(format, ParserBenchmark.LINES));
      rows.add(String.format("%-18s %,14.0f %,12.0f %10.1f %10.1f", format, linesPerSecond,
          error, bytes, linesPerSecond * bytes / 1e6));
      expected.remove(format);
    }
    System.out.println();
    System.out.println("Parser throughput, 1 thread (MB = 10^6 bytes of log text, line"
        + " terminators not counted):");
    rows.forEach(System.out::println);
    if (!expected.isEmpty()) {
      System.out.println("FAILED (no result, see the JMH output above): " + expected);
      System.exit(1);
    }
  }
}
