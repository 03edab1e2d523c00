package io.logyard.bench;

import io.logyard.it.SparkSubmit;
import io.logyard.it.StandaloneCluster;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code make bench-pipeline}: the whole pipeline at volume, against DuckDB doing the same job.
 *
 * <ol>
 *   <li>Generates Apache combined logs ({@link BenchData}, 0.5% malformed lines) once per size:
 *       {@code SIZE_MB} (default 1000, 10^6-byte MB, uncompressed) in 8 gzip objects, a 10 MB lot,
 *       and 50 MB both as 10,000 objects of 5 KB and as 8 objects.
 *   <li>Runs {@code bin/logyard run} on a fresh warehouse over the big data set, then a run with
 *       nothing new, {@code status} and a one-line {@code query}; the 10 MB lot into an empty
 *       warehouse and into the big one; the 10,000 small objects and the same bytes in 8.
 *   <li>Runs {@link DuckDbJob} on the big data set in its own process, with as many threads as
 *       logyard has cores, and checks that both counted the same lines, parsed and quarantined.
 * </ol>
 *
 * Every command runs under {@code /usr/bin/time}: wall, CPU seconds (user + system), peak RSS.
 * {@code SCENARIOS=big} runs only the first two (e.g. {@code SIZE_MB=5000 SCENARIOS=big}).
 * Arguments: work folder, launcher (bin/logyard), the test classpath (for DuckDB's process).
 */
public final class PipelineBenchmark {
  private static final Pattern TIME = Pattern.compile("BENCHTIME ([0-9.]+) ([0-9.]+) ([0-9.]+) ([0-9]+)");
  private static final Pattern LOT = Pattern.compile("(\\d+) lines read = (\\d+) parsed \\+ (\\d+) quarantined \\+ (\\d+) skipped");

  private final Path work;
  private final String launcher;
  private final String classpath;
  private final List<String> report = new ArrayList<>();

  private PipelineBenchmark(Path work, String launcher, String classpath) {
    this.work = work;
    this.launcher = launcher;
    this.classpath = classpath;
  }

  /** What one command cost. */
  record Measure(String output, double wall, double cpu, long peakKb) {}

  public static void main(String[] args) throws Exception {
    long sizeMb = Long.parseLong(System.getenv().getOrDefault("SIZE_MB", "1000"));
    int cores = Integer.parseInt(System.getenv().getOrDefault("CORES", "2"));
    PipelineBenchmark b = new PipelineBenchmark(Path.of(args[0]).toAbsolutePath(), args[1], args[2]);
    String scenarios = System.getenv().getOrDefault("SCENARIOS", "all");
    if (scenarios.equals("cluster")) {
      b.cluster(b.generate("big-" + sizeMb, sizeMb * 1_000_000L, 8, 0), sizeMb, cores);
      Files.write(b.work.resolve("report-cluster-" + sizeMb + ".txt"), b.report);
    } else {
      b.run(sizeMb, cores, scenarios.equals("big"));
    }
  }

  private void run(long sizeMb, int cores, boolean onlyBig) throws Exception {
    Path big = generate("big-" + sizeMb, sizeMb * 1_000_000L, 8, 0);

    say("== logyard run over %d MB of combined logs (8 gzip objects), fresh warehouse, local[%d]", sizeMb, cores);
    Path wh = fresh("wh-big");
    Measure m = logyard(conf("big", wh, cores, big), "run");
    long[] counts = counts(m.output());
    say("%s", line("logyard run", m, sizeMb));
    phases(m.output());
    say("   lines %d = %d parsed + %d quarantined; Delta commits %d (creating 5 tables included)", counts[0], counts[1], counts[2],
        commits(wh));

    Path duckOut = Files.createDirectories(fresh("duckdb-out"));
    Measure d = time(List.of("java", "-Xmx2g", "-cp", classpath, DuckDbJob.class.getName(),
        big + "/*.gz", duckOut.toString(), Integer.toString(cores)));
    say("%s", line("duckdb (same job)", d, sizeMb));
    Matcher dm = Pattern.compile("lines=(\\d+) parsed=(\\d+) quarantined=(\\d+)").matcher(d.output());
    if (!dm.find()) throw new IllegalStateException("DuckDB printed no counts:\n" + d.output());
    long[] dc = {Long.parseLong(dm.group(1)), Long.parseLong(dm.group(2)), Long.parseLong(dm.group(3))};
    // both must see every line; what parses may differ by definition (DuckDB's one regular
    // expression wants every field of a combined line, logyard's parser takes a line that ends
    // after the size as a common-format line)
    say("   lines %d = %d parsed + %d quarantined; %s", dc[0], dc[1], dc[2],
        dc[0] != counts[0] ? "LINES DIFFER FROM LOGYARD'S " + counts[0]
            : String.format(Locale.ROOT, "same lines; logyard parsed %+d", counts[1] - dc[1]));
    say("   ratio logyard/duckdb: wall %.2f, CPU %.2f", m.wall() / d.wall(), m.cpu() / d.cpu());

    if (onlyBig) {
      Files.write(work.resolve("report-" + sizeMb + ".txt"), report);
      return;
    }
    cluster(big, sizeMb, cores);
    Path small = generate("small-10", 10_000_000L, 2, 1_000_000L);
    Path many = generate("many-10000", 50_000_000L, 10_000, 2_000_000L);
    Path few = generate("few-8", 50_000_000L, 8, 2_000_000L);

    say("== fixed cost on that warehouse");
    Path confBig = conf("big", wh, cores, big);
    say("%s", line("run, nothing new", median(() -> logyard(confBig, "run")), 0));
    say("%s", line("status", median(() -> logyard(confBig, "status")), 0));
    say("%s", line("query (one line)", median(() -> logyard(confBig, "query", "SELECT count(*) FROM log_results")), 0));

    say("== a 10 MB lot: into an empty warehouse, and into the %d MB one", sizeMb);
    Measure empty = logyard(conf("small", fresh("wh-small"), cores, small), "run");
    say("%s", line("10 MB into empty", empty, 10));
    Measure full = logyard(conf2(wh, cores, big, small), "run");
    say("%s", line("10 MB into " + sizeMb + " MB", full, 10));
    say("   ratio %.2f", full.wall() / empty.wall());

    say("== 50 MB as 10,000 objects of 5 KB, and as 8 objects");
    Measure manyM = logyard(conf("many", fresh("wh-many"), cores, many), "run");
    say("%s", line("10,000 objects", manyM, 50));
    Measure fewM = logyard(conf("few", fresh("wh-few"), cores, few), "run");
    say("%s", line("8 objects", fewM, 50));
    say("   ratio %.2f", manyM.wall() / fewM.wall());

    Files.write(work.resolve("report.txt"), report);
    System.out.println("(report in " + work.resolve("report.txt") + ")");
  }

  /**
   * The same lot on a Spark standalone cluster of the same total cores, as one worker and as one
   * worker per core (recipe hadoop-3.4 of jobs/README.md, the driver in spark-submit): wall time,
   * CPU of the driver and of the executors' tasks, and the tasks each executor ran.
   */
  private void cluster(Path data, long sizeMb, int cores) throws Exception {
    Path home = SparkSubmit.hadoop34SparkHome();
    for (int workers : new int[] {1, cores}) {
      say("== the same %d MB on a standalone cluster: %d worker(s) x %d core(s), spark-submit", sizeMb, workers, cores / workers);
      Path dir = fresh("cluster-" + workers);
      Files.createDirectories(dir);
      try (StandaloneCluster c = StandaloneCluster.start(dir.resolve("cluster"), home, workers, cores / workers, "3g")) {
        Map<String, String> settings = new HashMap<>(SparkSubmit.localSettings(dir));
        settings.put("spark.executor.memory", (2048 / workers) + "m");
        settings.put("spark.driver.memory", "1g");
        List<String> cmd = SparkSubmit.command("hadoop-3.4", home, c.url,
            conf("cluster-" + workers, dir.resolve("warehouse"), cores, data), settings);
        Measure m = time(List.of("env", "SPARK_HOME=" + home, "SPARK_LOCAL_IP=127.0.0.1", "bash", "-c",
            String.join(" ", cmd.stream().map(PipelineBenchmark::quote).toList())));
        long[] counts = counts(m.output());
        String events = Files.readString(Files.list(dir.resolve("events")).findFirst().orElseThrow());
        Map<String, Integer> tasks = new TreeMap<>();
        long cpuNs = 0;
        Matcher t = Pattern.compile("\"Event\":\"SparkListenerTaskEnd\".*?\"Executor ID\":\"([^\"]+)\".*?\"Executor CPU Time\":(\\d+)")
            .matcher(events);
        while (t.find()) {
          tasks.merge("executor " + t.group(1), 1, Integer::sum);
          cpuNs += Long.parseLong(t.group(2));
        }
        say("%-34s %7.1f s wall  driver %6.1f CPU-s + tasks %6.1f CPU-s  %6.1f MB/s  driver peak %5d MB", "logyard on the cluster",
            m.wall(), m.cpu(), cpuNs / 1e9, sizeMb / m.wall(), m.peakKb() / 1024);
        phases(m.output());
        say("   lines %d = %d parsed + %d quarantined; tasks per executor %s", counts[0], counts[1], counts[2], tasks);
      }
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  interface Cmd {
    Measure run() throws Exception;
  }

  /** The median (by wall time) of three runs of a short command. */
  private static Measure median(Cmd c) throws Exception {
    List<Measure> ms = new ArrayList<>();
    for (int i = 0; i < 3; i++) ms.add(c.run());
    ms.sort((a, b) -> Double.compare(a.wall(), b.wall()));
    return ms.get(1);
  }

  private void say(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    System.out.println(s);
    System.out.flush();
    report.add(s);
  }

  private static String line(String what, Measure m, long mb) {
    return String.format(Locale.ROOT, "   %-24s wall %7.1f s   CPU %7.1f s   %s  peak RSS %6d MB", what, m.wall(), m.cpu(),
        mb > 0 ? String.format(Locale.ROOT, "%6.1f MB/s", mb / m.wall()) : "            ", m.peakKb() / 1024);
  }

  private void phases(String output) {
    for (String l : output.split("\n")) {
      if (l.contains("phases:") || l.contains("spark jobs")) say("   %s", l.trim());
    }
  }

  /** Commits in every table of a warehouse: the JSON files of their Delta logs. */
  private static long commits(Path warehouse) throws IOException {
    try (Stream<Path> s = Files.walk(warehouse)) {
      return s.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("_delta_log")
          && p.getFileName().toString().matches("\\d{20}\\.json")).count();
    }
  }

  private static long[] counts(String output) {
    long[] c = new long[3];
    Matcher m = LOT.matcher(output);
    while (m.find()) {
      c[0] += Long.parseLong(m.group(1));
      c[1] += Long.parseLong(m.group(2));
      c[2] += Long.parseLong(m.group(3));
    }
    return c;
  }

  private Measure logyard(Path conf, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(launcher));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--conf", conf.toString()));
    return time(cmd);
  }

  private Measure time(List<String> command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "BENCHTIME %e %U %S %M"));
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    Matcher m = TIME.matcher(out);
    if (code != 0 || !m.find()) throw new IllegalStateException(String.join(" ", command) + " failed (" + code + "):\n" + out);
    return new Measure(out, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3)),
        Long.parseLong(m.group(4)));
  }

  private Path fresh(String name) throws IOException {
    Path p = work.resolve(name);
    if (Files.exists(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path f : s.sorted(Collections.reverseOrder()).toList()) Files.delete(f);
      }
    }
    return p;
  }

  private Path conf(String name, Path warehouse, int cores, Path data) throws IOException {
    return writeConf(name, warehouse, cores, "  - {name: " + name + ", provider: local, uri: " + data + ", format: combined, full_listing: true}\n");
  }

  private Path conf2(Path warehouse, int cores, Path a, Path b) throws IOException {
    return writeConf("big-and-small", warehouse, cores,
        "  - {name: big, provider: local, uri: " + a + ", format: combined, full_listing: true}\n"
            + "  - {name: small, provider: local, uri: " + b + ", format: combined, full_listing: true}\n");
  }

  private Path writeConf(String name, Path warehouse, int cores, String sources) throws IOException {
    Path conf = work.resolve("conf-" + name + ".yaml");
    Files.writeString(conf, "warehouse: {path: " + warehouse + "}\n"
        + "pipeline: {settle_seconds: 0}\n"
        + "privacy: {hmac_key_file: " + work.resolve("hmac.key") + ", hmac_key_create: true}\n"
        + "spark: {master: \"local[" + cores + "]\"}\n"
        + "sources:\n" + sources);
    return conf;
  }

  /**
   * {@code bytes} of combined log lines (uncompressed) in {@code objects} gzip files, made once:
   * a folder that exists with its marker is reused.
   */
  Path generate(String name, long bytes, int objects, long firstLine) throws IOException {
    Path dir = work.resolve("data").resolve(name);
    if (Files.exists(dir.resolve(".complete"))) return dir;
    fresh("data/" + name);
    Files.createDirectories(dir);
    System.out.printf("generating %s: %d MB in %d objects...%n", name, bytes / 1_000_000, objects);
    SplittableRandom r = new SplittableRandom(20261120L + firstLine);
    long perObject = bytes / objects;
    long i = firstLine;
    for (int o = 0; o < objects; o++) {
      Path f = dir.resolve(String.format("node-%05d.log.gz", o));
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(f), 1 << 16),
          StandardCharsets.UTF_8), 1 << 16)) {
        long written = 0;
        while (written < perObject) {
          String line = BenchData.line("combined", r, (int) (i++ % Integer.MAX_VALUE));
          if (r.nextInt(200) == 0) line = line.substring(0, r.nextInt(line.length()));
          w.write(line);
          w.write('\n');
          written += line.length() + 1;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Files.writeString(dir.resolve(".complete"), "");
    return dir;
  }
}
