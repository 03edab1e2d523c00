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
 * and a JSON application log, rotated every five minutes, gzip and plain files mixed.
 *
 * <p>Deterministic: the same options give the same bytes. Each file draws from its own random
 * generator, keyed by the seed and the file's path, so a file's content does not depend on which
 * other providers or nodes are generated, nor on the order. Gzip headers carry no modification
 * time ({@link GZIPOutputStream} always writes zero there).
 */
public final class LogGenerator {

  private static final Duration ROTATION = Duration.ofMinutes(ProviderLayout.ROTATION_MINUTES);
  private static final byte[] NEWLINE = {'\n'};

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
      for (int index = 1; index <= options.nodesPerProvider(); index++) {
        NodeInfo node = NodeInfo.of(provider, index, options.seed());
        for (Instant window = rotationStart(options.start()); window.isBefore(end);
            window = window.plus(ROTATION)) {
          Instant from = max(window, options.start());
          Instant to = min(window.plus(ROTATION), end);
          long lines = Math.round(
              options.linesPerMinute() * Duration.between(from, to).toMillis() / 60_000.0);
          if (lines == 0) {
            continue;
          }
          for (LogKind kind : LogKind.values()) {
            files.add(writeFile(options, out, node, kind, window, from, to, (int) lines));
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

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
