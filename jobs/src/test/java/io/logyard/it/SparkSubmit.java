package io.logyard.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The spark-submit recipes of jobs/README.md, executed as written: a recipe is the {@code sh}
 * block after a {@code <!-- recipe:NAME -->} marker. The test changes only what is the user's
 * (the master URL, the configuration file, the repository-relative jar path) and adds settings
 * that keep the run on this machine: packages resolved from what {@code make tools} fetched
 * into {@code .tools/ivy} (never from the network), the driver on 127.0.0.1, an event log to
 * check where tasks ran.
 */
public final class SparkSubmit {
  public static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Pattern RECIPE = Pattern.compile("<!-- recipe:([\\w.-]+) -->\\s*```sh\\n(.*?)```", Pattern.DOTALL);

  /** The Spark distribution in the project's virtual environment (PySpark's: Hadoop 3.3.4). */
  public static Path stockSparkHome() throws IOException {
    try (Stream<Path> libs = Files.list(ROOT.resolve(".venv/lib"))) {
      return libs.map(p -> p.resolve("site-packages/pyspark")).filter(Files::isDirectory).findFirst()
          .orElseThrow(() -> new IllegalStateException("no PySpark in .venv (make venv)"));
    }
  }

  /**
   * The same Spark built with Hadoop 3.4: the stock distribution with its Hadoop client jars
   * replaced by the 3.4.2 ones this build uses (assembled under {@code target/}).
   */
  public static Path hadoop34SparkHome() throws IOException {
    Path stock = stockSparkHome();
    Path home = ROOT.resolve("jobs/target/spark-3.5-hadoop-3.4");
    Path jars = home.resolve("jars");
    if (Files.isDirectory(jars)) return home;
    Files.createDirectories(jars);
    try (Stream<Path> stockJars = Files.list(stock.resolve("jars"))) {
      for (Path j : (Iterable<Path>) stockJars::iterator) {
        if (!j.getFileName().toString().startsWith("hadoop-client-")) Files.createSymbolicLink(jars.resolve(j.getFileName()), j);
      }
    }
    for (String entry : System.getProperty("java.class.path").split(":")) {
      Path p = Path.of(entry);
      if (p.getFileName().toString().matches("hadoop-client-(api|runtime)-3\\.4\\.\\d+\\.jar")) {
        Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
      }
    }
    Files.createSymbolicLink(home.resolve("bin"), stock.resolve("bin"));
    return home;
  }

  /** The recipe's command line, tokens as the shell would split them. */
  public static List<String> recipe(String name) throws IOException {
    Matcher m = RECIPE.matcher(Files.readString(ROOT.resolve("jobs/README.md")));
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return List.of(m.group(2).replace("\\\n", " ").strip().split("\\s+"));
      }
    }
    throw new IllegalStateException("jobs/README.md has no recipe '" + name + "'");
  }

  /** A free TCP port on 127.0.0.1. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * The recipe ready to run: {@code spark-submit} of {@code sparkHome}, {@code master}, the
   * configuration {@code conf} for the jar's command, test settings before the jar.
   */
  public static List<String> command(String recipe, Path sparkHome, String master, Path conf, Map<String, String> testConf)
      throws IOException {
    List<String> in = recipe(recipe);
    if (!in.get(0).equals("spark-submit")) throw new IllegalStateException("recipe " + recipe + " is not a spark-submit line");
    List<String> out = new ArrayList<>();
    out.add(sparkHome.resolve("bin/spark-submit").toString());
    boolean app = false;
    for (int i = 1; i < in.size(); i++) {
      String t = in.get(i);
      if (!app && t.equals("--master")) {
        out.add(t);
        out.add(master);
        i++;
      } else if (!app && t.endsWith(".jar")) {
        testConf.forEach((k, v) -> {
          out.add("--conf");
          out.add(k + "=" + v);
        });
        out.add(ROOT.resolve(t).toString());
        app = true;
      } else if (app && t.equals("--conf")) {
        out.add(t);
        out.add(conf.toString());
        i++;
      } else {
        out.add(t);
      }
    }
    if (!app) throw new IllegalStateException("recipe " + recipe + " names no jar");
    return out;
  }

  /** Settings that keep a submitted run on this machine, its event log under {@code dir}. */
  public static Map<String, String> localSettings(Path dir) throws IOException {
    Path ivy = dir.resolve("ivysettings.xml");
    Path cache = Path.of(System.getProperty("logyard.tools", ROOT.resolve(".tools").toString())).resolve("ivy/cache").toAbsolutePath();
    if (!Files.isDirectory(cache)) throw new IllegalStateException(cache + " is missing: run make tools");
    Files.createDirectories(dir.resolve("events"));
    Files.writeString(ivy, """
        <ivysettings>
          <settings defaultResolver="tools"/>
          <resolvers>
            <filesystem name="tools">
              <ivy pattern="%1$s/[organisation]/[module]/ivy-[revision].xml"/>
              <artifact pattern="%1$s/[organisation]/[module]/[type]s/[artifact]-[revision](-[classifier]).[ext]"/>
            </filesystem>
          </resolvers>
        </ivysettings>
        """.formatted(cache));
    return Map.of(
        "spark.jars.ivySettings", ivy.toString(),
        "spark.jars.ivy", dir.resolve("ivy").toString(),
        "spark.driver.host", "127.0.0.1",
        "spark.driver.bindAddress", "127.0.0.1",
        "spark.driver.memory", "1g",
        "spark.executor.memory", "1g",
        "spark.eventLog.enabled", "true",
        "spark.eventLog.dir", dir.resolve("events").toUri().toString(),
        "spark.driver.extraJavaOptions", "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", ROOT.resolve("conf/log4j2.properties").toString()));
  }

  /** Starts the command with SPARK_HOME set; its output goes to {@code log}. */
  public static Process start(List<String> command, Path sparkHome, Path log) throws IOException {
    System.out.println("$ " + String.join(" ", command));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("SPARK_CONF_DIR");
    return pb.start();
  }

  /** Runs the command to its end; returns what it printed, failing the test unless it exits 0. */
  public static String run(List<String> command, Path sparkHome, Path log) throws Exception {
    Process p = start(command, sparkHome, log);
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("spark-submit did not finish in 15 minutes; see " + log);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) throw new AssertionError("spark-submit exited " + p.exitValue() + ":\n" + tail(out));
    return out;
  }

  public static String tail(String out) {
    String[] lines = out.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
  }

  private SparkSubmit() {}
}
