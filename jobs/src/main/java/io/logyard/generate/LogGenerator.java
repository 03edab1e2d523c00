package io.logyard.generate;

import io.logyard.generate.AppLogLines.EventClass;
import io.logyard.generate.GenerationSummary.FileSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes realistic sample logs for a set of providers, laid out the way each provider's object
 * storage holds them (see {@link ProviderLayout}): for every node, an Apache combined access log
 * and a JSON application log, rotated every five minutes, gzip and plain files mixed; for AWS, when
 * asked, the access logs of an Application Load Balancer in front of the nodes (one file per load
 * balancer node and interval) and the account's CloudTrail log files (one {@code
 * {"Records":[...]}} document per interval), gzip'd and named as AWS names them; for GCP, the
 * Cloud Logging exports of its load balancer's request log and its audit log, and for Azure, the
 * Azure Monitor resource logs of its storage account, one plain object per log (category) and
 * hour, named as the providers name them (a later run over the same hour replaces the object).
 *
 * <p>Deterministic: the same options give the same bytes. Each file draws from its own random
 * generator, keyed by the seed and the file's path, so a file's content does not depend on which
 * other providers or nodes are generated, nor on the order. Gzip headers carry no modification
 * time ({@link GZIPOutputStream} always writes zero there).
 */
public final class LogGenerator {

  private static final Duration ROTATION = Duration.ofMinutes(ProviderLayout.ROTATION_MINUTES);
  private static final byte[] NEWLINE = {'\n'};
  private static final Duration HOUR = Duration.ofHours(1);

  private LogGenerator() {}

  /**
   * Writes the files under {@code out} (created if missing; files of the same name are
   * replaced, nothing else is touched). Each file appears atomically: it is written under a
   * hidden temporary name in its folder and then renamed.
   *
   * <p>Windows are aligned to the clock (10:00, 10:05, ...). A file is named by the first minute
   * it covers: the window start, or the start instant when the run begins mid-window.
   */
  public static GenerationSummary generate(GeneratorOptions options, Path out) throws IOException {
    List<FileSummary> files = new ArrayList<>();
    Instant end = options.end();
    for (Provider provider : options.providers()) {
      List<NodeInfo> nodes = new ArrayList<>();
      for (int index = 1; index <= options.nodesPerProvider(); index++) {
        nodes.add(NodeInfo.of(provider, index, options.seed()));
      }
      for (NodeInfo node : nodes) {
        for (Instant window = rotationStart(options.start()); window.isBefore(end);
            window = window.plus(ROTATION)) {
          Instant from = max(window, options.start());
          Instant to = min(window.plus(ROTATION), end);
          long lines = Math.round(
              options.linesPerMinute() * Duration.between(from, to).toMillis() / 60_000.0);
          if (lines == 0) {
            continue;
          }
          for (LogKind kind : List.of(LogKind.ACCESS, LogKind.APP)) {
            if (options.writes(provider, kind)) {
              files.add(writeFile(options, out, node, kind, window, from, to, (int) lines));
            }
          }
          if (options.writes(provider, LogKind.ALB)) {
            files.add(writeAlb(options, out, node, nodes, window, from, to, (int) lines));
          }
        }
      }
      for (LogKind kind : List.of(LogKind.GCP_LOGGING, LogKind.AZURE_MONITOR)) {
        if (options.writes(provider, kind)) {
          for (Instant hour = options.start().truncatedTo(ChronoUnit.HOURS); hour.isBefore(end);
              hour = hour.plus(HOUR)) {
            files.addAll(writeHourly(options, out, kind, nodes, hour, max(hour, options.start()),
                min(hour.plus(HOUR), end)));
          }
        }
      }
      if (options.writes(provider, LogKind.CLOUDTRAIL)) {
        for (Instant window = rotationStart(options.start()); window.isBefore(end);
            window = window.plus(ROTATION)) {
          Instant from = max(window, options.start());
          Instant to = min(window.plus(ROTATION), end);
          long records = Math.round(
              options.linesPerMinute() * Duration.between(from, to).toMillis() / 60_000.0);
          if (records > 0) {
            files.add(writeCloudTrail(options, out, nodes, window, from, to, (int) records));
          }
        }
      }
    }
    return new GenerationSummary(out, files);
  }

  /** The five-minute boundary at or before {@code t}. */
  static Instant rotationStart(Instant t) {
    long size = ROTATION.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), size) * size);
  }

  private static FileSummary writeFile(GeneratorOptions options, Path out, NodeInfo node,
      LogKind kind, Instant window, Instant from, Instant to, int lines) throws IOException {
    long windowNumber = window.getEpochSecond() / ROTATION.getSeconds();
    // alternate by window, node and kind, so that every node has both forms in every window
    boolean gzip = (windowNumber + node.index() + kind.ordinal()) % 2 == 0;
    // a file is named by its first minute: the window start, unless the run starts mid-window;
    // so a later run that covers the rest of a window adds a file instead of replacing one
    Instant named = from.truncatedTo(ChronoUnit.MINUTES);
    String relative = ProviderLayout.relativePath(node.provider(), kind, node.name(), named, gzip);
    SplittableRandom random = Randoms.forKey(options.seed(),
        ProviderLayout.render(node.provider().pathTemplate(), kind, node.name(), named));

    Instant[] times = new Instant[lines];
    long span = Duration.between(from, to).toMillis();
    for (int i = 0; i < lines; i++) {
      times[i] = from.plusMillis(random.nextLong(span));
    }
    Arrays.sort(times);

    Path target = out.resolve(relative);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    long malformed = 0;
    long emergencies = 0;
    long security = 0;
    try (OutputStream file = Files.newOutputStream(temp);
        OutputStream sink = new BufferedOutputStream(
            gzip ? new GZIPOutputStream(file, 1 << 16) : file, 1 << 16)) {
      AccessLogLines access = kind == LogKind.ACCESS ? new AccessLogLines(random, node) : null;
      AppLogLines app = kind == LogKind.APP
          ? new AppLogLines(random, node, options.emergencyRate(), options.securityRate())
          : null;
      for (Instant time : times) {
        boolean broken = random.nextDouble() < options.malformedRate();
        byte[] line;
        if (access != null) {
          // access logs have whole seconds; sorted millis truncate to non-decreasing seconds
          Instant second = Instant.ofEpochSecond(time.getEpochSecond());
          String valid = access.line(second);
          line = broken ? MalformedLines.access(random, valid, second)
              : valid.getBytes(StandardCharsets.UTF_8);
        } else {
          AppLogLines.Line valid = app.line(time);
          if (broken) {
            line = MalformedLines.app(random, valid.json());
          } else {
            line = valid.json().getBytes(StandardCharsets.UTF_8);
            emergencies += valid.eventClass() == EventClass.EMERGENCY ? 1 : 0;
            security += valid.eventClass() == EventClass.SECURITY ? 1 : 0;
          }
        }
        malformed += broken ? 1 : 0;
        sink.write(line);
        sink.write(NEWLINE);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new FileSummary(node.provider(), kind, node.name(), relative, window, gzip, lines,
        malformed, emergencies, security, Files.size(target));
  }

  /**
   * The access log one load balancer node delivers for an interval: node {@code i} of the load
   * balancer stands in front of every AWS node and shares AWS node {@code i}'s traffic mix.
   */
  private static FileSummary writeAlb(GeneratorOptions options, Path out, NodeInfo node,
      List<NodeInfo> targets, Instant window, Instant from, Instant to, int lines)
      throws IOException {
    String key = "alb:" + node.index() + ":" + from.truncatedTo(ChronoUnit.MINUTES);
    String ip = albNodeIp(options.seed(), node.index());
    String relative = ProviderLayout.awsDeliveredPath(LogKind.ALB, window.plus(ROTATION), ip,
        Randoms.lowerAlnum(Randoms.forKey(options.seed(), key + ":name"), 8));
    SplittableRandom random = Randoms.forKey(options.seed(), key);
    Instant[] times = times(random, from, to, lines);
    AlbLogLines alb = new AlbLogLines(random, node,
        targets.stream().map(NodeInfo::privateIp).toList());
    long[] malformed = {0};
    writeAtomically(out.resolve(relative), true, sink -> {
      for (Instant time : times) {
        Instant micros = Instant.ofEpochSecond(time.getEpochSecond(),
            (time.getNano() / 1000 + random.nextInt(1000)) * 1000L);
        String valid = alb.line(micros);
        boolean broken = random.nextDouble() < options.malformedRate();
        sink.write(broken ? MalformedLines.alb(random, valid, micros)
            : valid.getBytes(StandardCharsets.UTF_8));
        sink.write(NEWLINE);
        malformed[0] += broken ? 1 : 0;
      }
    });
    return new FileSummary(Provider.AWS, LogKind.ALB, ProviderLayout.AWS_ALB_NAME, relative,
        window, true, lines, malformed[0], 0, 0, Files.size(out.resolve(relative)));
  }

  /** The account's CloudTrail log file for an interval: one document, on one line. */
  private static FileSummary writeCloudTrail(GeneratorOptions options, Path out,
      List<NodeInfo> nodes, Instant window, Instant from, Instant to, int records)
      throws IOException {
    String key = "cloudtrail:" + from.truncatedTo(ChronoUnit.MINUTES);
    String relative = ProviderLayout.awsDeliveredPath(LogKind.CLOUDTRAIL, window.plus(ROTATION),
        null, Randoms.alnum(Randoms.forKey(options.seed(), key + ":name"), 16));
    SplittableRandom random = Randoms.forKey(options.seed(), key);
    Instant[] times = times(random, from, to, records);
    List<String> instances = nodes.stream()
        .map(n -> Randoms.hex(Randoms.forKey(options.seed(), "instance:" + n.name()), 17))
        .toList();
    CloudTrailRecords trail = new CloudTrailRecords(random, instances, nodes.get(0).publicIp());
    long[] malformed = {0};
    writeAtomically(out.resolve(relative), true, sink -> {
      sink.write("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < times.length; i++) {
        Instant second = Instant.ofEpochSecond(times[i].getEpochSecond());
        boolean broken = random.nextDouble() < options.malformedRate();
        String record = broken ? trail.malformed(second) : trail.record(second);
        if (i > 0) {
          sink.write(',');
        }
        sink.write(record.getBytes(StandardCharsets.UTF_8));
        malformed[0] += broken ? 1 : 0;
      }
      // CloudTrail writes the document on one line, without a line terminator
      sink.write("]}".getBytes(StandardCharsets.UTF_8));
    });
    return new FileSummary(Provider.AWS, LogKind.CLOUDTRAIL, ProviderLayout.AWS_ACCOUNT,
        relative, window, true, records, malformed[0], 0, 0, Files.size(out.resolve(relative)));
  }

  /**
   * The objects of an hourly kind for one hour: a Cloud Logging export shard per log (the load
   * balancer's request log, {@code linesPerMinute} entries a minute, and the Admin Activity audit
   * log, a tenth of that), or an Azure Monitor {@code PT1H.json} per category (storage reads,
   * three quarters of {@code linesPerMinute} a minute, and writes). Not compressed, as the
   * providers write them; empty objects are not written.
   */
  private static List<FileSummary> writeHourly(GeneratorOptions options, Path out, LogKind kind,
      List<NodeInfo> nodes, Instant hour, Instant from, Instant to) throws IOException {
    long total = Math.round(
        options.linesPerMinute() * Duration.between(from, to).toMillis() / 60_000.0);
    boolean gcp = kind == LogKind.GCP_LOGGING;
    List<String> names = gcp ? CloudLoggingEntries.LOGS : AzureMonitorRecords.CATEGORIES;
    List<FileSummary> files = new ArrayList<>();
    for (int n = 0; n < names.size(); n++) {
      String name = names.get(n);
      long count = gcp ? (n == 0 ? total : Math.round(total / 10.0))
          : (n == 0 ? Math.round(total * 0.75) : total - Math.round(total * 0.75));
      if (count == 0) {
        continue;
      }
      String relative = ProviderLayout.hourlyPath(kind, name, hour);
      SplittableRandom random = Randoms.forKey(options.seed(),
          kind.id() + ":" + name + ":" + from.truncatedTo(ChronoUnit.MINUTES) + ":" + to);
      Instant[] times = times(random, from, to, (int) count);
      CloudLoggingEntries entries = gcp ? new CloudLoggingEntries(random, nodes) : null;
      AzureMonitorRecords records = gcp ? null : new AzureMonitorRecords(random, nodes);
      long[] malformed = {0};
      writeAtomically(out.resolve(relative), false, sink -> {
        for (Instant time : times) {
          Instant micros = Instant.ofEpochSecond(time.getEpochSecond(),
              (time.getNano() / 1000 + random.nextInt(1000)) * 1000L);
          String valid = gcp ? entries.entry(name, micros) : records.record(name, micros);
          boolean broken = random.nextDouble() < options.malformedRate();
          sink.write(broken ? MalformedLines.jsonRecord(random, valid, gcp ? "timestamp" : "time")
              : valid.getBytes(StandardCharsets.UTF_8));
          sink.write(NEWLINE);
          malformed[0] += broken ? 1 : 0;
        }
      });
      files.add(new FileSummary(kind.providerOnly(), kind, name, relative, hour, false, count,
          malformed[0], 0, 0, Files.size(out.resolve(relative))));
    }
    return files;
  }

  /** A load balancer node's public address; depends only on the seed and the node. */
  static String albNodeIp(long seed, int index) {
    SplittableRandom r = Randoms.forKey(seed, "alb-node:" + index);
    return Randoms.oneOf(r, List.of("3.", "18.", "52.", "54.")) + Randoms.between(r, 200, 235)
        + "." + r.nextInt(256) + "." + Randoms.between(r, 1, 254);
  }

  /** {@code n} sorted instants in [from, to). */
  private static Instant[] times(SplittableRandom random, Instant from, Instant to, int n) {
    Instant[] times = new Instant[n];
    long span = Duration.between(from, to).toMillis();
    for (int i = 0; i < n; i++) {
      times[i] = from.plusMillis(random.nextLong(span));
    }
    Arrays.sort(times);
    return times;
  }

  private interface Content {
    void write(OutputStream sink) throws IOException;
  }

  /** Writes under a hidden temporary name in the target's folder, then renames. */
  private static void writeAtomically(Path target, boolean gzip, Content content)
      throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (OutputStream file = Files.newOutputStream(temp);
        OutputStream sink = new BufferedOutputStream(
            gzip ? new GZIPOutputStream(file, 1 << 16) : file, 1 << 16)) {
      content.write(sink);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
