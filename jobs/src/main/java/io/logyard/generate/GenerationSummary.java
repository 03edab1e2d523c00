package io.logyard.generate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What one {@link LogGenerator#generate} call wrote.
 *
 * @param out the output directory
 * @param files every file written, in the order written
 */
public record GenerationSummary(Path out, List<FileSummary> files) {

  /**
   * One file written.
   *
   * @param relativePath path under {@code out}, with forward slashes
   * @param windowStart start of the file's five-minute rotation window (the file may begin later
   *     when the run started mid-window)
   * @param lines lines in the file, malformed ones included (CloudTrail: records)
   * @param malformedLines lines (records) no parser should accept
   * @param emergencyEvents application events at level CRITICAL or EMERGENCY
   * @param securityEvents application events whose message starts with {@code [SECURITY]}
   * @param bytes size on disk (compressed for gzip files)
   */
  public record FileSummary(
      Provider provider,
      LogKind kind,
      String node,
      String relativePath,
      Instant windowStart,
      boolean gzip,
      long lines,
      long malformedLines,
      long emergencyEvents,
      long securityEvents,
      long bytes) {}

  public GenerationSummary {
    files = List.copyOf(files);
  }

  public long totalLines() {
    return sum(files, FileSummary::lines);
  }

  public long malformedLines() {
    return sum(files, FileSummary::malformedLines);
  }

  public long emergencyEvents() {
    return sum(files, FileSummary::emergencyEvents);
  }

  public long securityEvents() {
    return sum(files, FileSummary::securityEvents);
  }

  public long bytes() {
    return sum(files, FileSummary::bytes);
  }

  /** The files of one provider. */
  public List<FileSummary> files(Provider provider) {
    return files.stream().filter(f -> f.provider() == provider).toList();
  }

  /** Lines per provider and kind, malformed lines included. */
  public Map<Provider, Map<LogKind, Long>> linesByProviderAndKind() {
    Map<Provider, Map<LogKind, Long>> out = new EnumMap<>(Provider.class);
    for (FileSummary f : files) {
      out.computeIfAbsent(f.provider(), p -> new EnumMap<>(LogKind.class))
          .merge(f.kind(), f.lines(), Long::sum);
    }
    return out;
  }

  /**
   * A table of files, lines and bytes per provider, for people: a column of lines per kind of
   * log written (CloudTrail: records).
   */
  public String report() {
    List<LogKind> kinds = files.stream().map(FileSummary::kind).distinct().sorted().toList();
    StringBuilder sb = new StringBuilder();
    String format = "%-8s %6s %5s %6s" + " %10s".repeat(kinds.size()) + " %10s %9s %9s %12s%n";
    List<Object> header = new java.util.ArrayList<>(List.of("provider", "files", "gzip", "plain"));
    kinds.forEach(k -> header.add(k.id()));
    header.addAll(List.of("malformed", "emergency", "security", "bytes"));
    sb.append(String.format(Locale.ROOT, format, header.toArray()));
    List<Provider> providers = files.stream().map(FileSummary::provider).distinct().toList();
    for (Provider p : providers) {
      row(sb, format, kinds, p.id(), files(p));
    }
    row(sb, format, kinds, "total", files);
    return sb.toString();
  }

  private static void row(StringBuilder sb, String format, List<LogKind> kinds, String name,
      List<FileSummary> of) {
    long gzip = of.stream().filter(FileSummary::gzip).count();
    List<Object> cells = new java.util.ArrayList<>(List.of(name, of.size(), gzip, of.size() - gzip));
    for (LogKind k : kinds) {
      cells.add(sum(of.stream().filter(f -> f.kind() == k).toList(), FileSummary::lines));
    }
    cells.addAll(List.of(sum(of, FileSummary::malformedLines), sum(of, FileSummary::emergencyEvents),
        sum(of, FileSummary::securityEvents), sum(of, FileSummary::bytes)));
    sb.append(String.format(Locale.ROOT, format, cells.toArray()));
  }

  private static long sum(List<FileSummary> files, ToLongFunction<FileSummary> field) {
    return files.stream().mapToLong(field).sum();
  }
}
