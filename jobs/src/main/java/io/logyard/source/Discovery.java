package io.logyard.source;

import io.logyard.config.LogyardConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists a source's objects: the files below its URI whose key fits the path template, within
 * the date prefixes that can hold new objects. The template is walked one folder level at a
 * time: literal levels are appended, date levels ({@code {yyyy}}, {@code {mm}}, {@code {dd}},
 * also inside a level such as {@code y={yyyy}} or {@code {yyyy}-{mm}-{dd}}) are expanded to the
 * days of the {@link Window}, and levels with other variables ({@code {region}}) are listed one
 * level deep, keeping the folders that match. Below the last date level, everything is listed
 * (hours included). So a run lists a few days' prefixes, never the whole bucket. A template
 * without date parts, or {@code full_listing}, lists everything below the URI. Hidden and
 * marker files ({@code .name}, {@code _name}) are never objects.
 */
public final class Discovery {
  private static final Pattern VAR = Pattern.compile("\\{([A-Za-z_*][A-Za-z0-9_]*|\\*)}");
  private static final Set<String> DAY_PARTS = Set.of("yyyy", "mm", "dd");
  private static final Set<String> DATE_PARTS = Set.of("yyyy", "mm", "dd", "hh");

  private Discovery() {}

  /** The days, both ends included, whose date prefixes are listed. */
  public record Window(LocalDate from, LocalDate to) {
    public Window {
      if (from.isAfter(to)) throw new IllegalArgumentException("discovery window starts after it ends: " + from + ".." + to);
    }

    /** {@code days} days ending {@code today}. */
    public static Window endingOn(LocalDate today, int days) {
      return new Window(today.minusDays(days - 1L), today);
    }

    boolean contains(LocalDate d) {
      return !d.isBefore(from) && !d.isAfter(to);
    }

    List<LocalDate> days() {
      List<LocalDate> out = new ArrayList<>();
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) out.add(d);
      return out;
    }

    @Override
    public String toString() {
      return from.equals(to) ? from.toString() : from + ".." + to;
    }
  }

  /**
   * What a listing found, and how.
   *
   * @param prefixes the folders listed below (the root itself for a full listing)
   * @param how one line for the progress output: which prefixes, or why a full listing
   */
  public record Listing(List<SourceObject> objects, List<String> prefixes, String how) {}

  /** Lists {@code source} with its own Hadoop settings over {@code base}. */
  public static Listing list(LogyardConfig.Source source, Configuration base, Window window) {
    Configuration conf = Connectors.configuration(base, Connectors.hadoopSettings(source));
    Path root = new Path(Locations.qualify(source.uri()));
    try (FileSystem fs = Connectors.open(root.toUri(), conf)) {
      return list(source, fs, root, window);
    } catch (IOException e) {
      throw new UncheckedIOException("sources." + source.name() + ": cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  static Listing list(LogyardConfig.Source source, FileSystem fs, Path root, Window window) throws IOException {
    Path qualifiedRoot = fs.makeQualified(root);
    String rootText = qualifiedRoot.toString();
    String prefix = rootText.endsWith("/") ? rootText : rootText + "/";
    PathTemplate template = source.pathTemplate() == null ? null : PathTemplate.compile(source.pathTemplate());
    String[] segments = source.pathTemplate() == null ? new String[0] : source.pathTemplate().split("/", -1);
    int lastDate = -1;
    for (int i = 0; i < segments.length; i++) {
      if (!java.util.Collections.disjoint(vars(segments[i]), DAY_PARTS)) lastDate = i;
    }

    List<Prefix> prefixes;
    String how;
    if (source.fullListing() || lastDate < 0) {
      prefixes = List.of(new Prefix(qualifiedRoot, Map.of()));
      how = source.fullListing() ? "full listing: full_listing is set"
          : template == null ? "full listing: no path template, so no date prefixes to list"
          : "full listing: the path template has no date parts ({yyyy}/{mm}/{dd})";
    } else {
      // a date in the object's own name narrows what is taken, but its folder is listed whole
      int walkTo = lastDate == segments.length - 1 ? lastDate : lastDate + 1;
      prefixes = List.of(new Prefix(qualifiedRoot, Map.of()));
      for (int i = 0; i < walkTo; i++) {
        prefixes = expand(fs, prefixes, segments[i], window);
      }
      how = prefixes.size() + " date prefixes for " + window;
    }

    List<SourceObject> out = new ArrayList<>();
    for (Prefix p : prefixes) {
      for (FileStatus st : files(fs, p.path())) {
        String uri = st.getPath().toString();
        if (!uri.startsWith(prefix)) continue;
        String rel = uri.substring(prefix.length());
        if (hidden(rel)) continue;
        Map<String, String> vars = template == null ? Map.of() : template.match(rel);
        if (vars == null) continue;
        if (lastDate >= 0 && !source.fullListing() && vars.keySet().containsAll(DAY_PARTS) && !inWindow(vars, window)) continue;
        out.add(new SourceObject(source.name(), uri, st.getLen(), st.getModificationTime(), etag(st), vars));
      }
    }
    return new Listing(out, prefixes.stream().map(p -> p.path().toString()).toList(), how);
  }

  /** A folder to list and the date parts its path fixed so far. */
  private record Prefix(Path path, Map<String, String> date) {}

  private static List<Prefix> expand(FileSystem fs, List<Prefix> prefixes, String segment, Window window) throws IOException {
    Set<String> names = vars(segment);
    Map<String, Prefix> out = new LinkedHashMap<>();
    if (names.isEmpty()) {
      for (Prefix p : prefixes) put(out, new Prefix(new Path(p.path(), segment), p.date()));
    } else if (DATE_PARTS.containsAll(names)) {
      for (Prefix p : prefixes) {
        for (LocalDate d : window.days()) {
          Map<String, String> parts = parts(d);
          if (!consistent(p.date(), parts)) continue;
          for (String hh : names.contains("hh") ? hours() : List.of("")) {
            String name = segment.replace("{yyyy}", parts.get("yyyy")).replace("{mm}", parts.get("mm"))
                .replace("{dd}", parts.get("dd")).replace("{hh}", hh);
            Map<String, String> date = new HashMap<>(p.date());
            for (String n : names) date.put(n, n.equals("hh") ? hh : parts.get(n));
            put(out, new Prefix(new Path(p.path(), name), Map.copyOf(date)));
          }
        }
      }
    } else {
      PathTemplate level = PathTemplate.compile(segment);
      for (Prefix p : prefixes) {
        FileStatus[] children;
        try {
          children = fs.listStatus(p.path());
        } catch (FileNotFoundException e) {
          continue;
        }
        for (FileStatus c : children) {
          String name = c.getPath().getName();
          if (!c.isDirectory() || name.startsWith(".") || name.startsWith("_")) continue;
          Map<String, String> vars = level.match(name);
          if (vars == null) continue;
          Map<String, String> date = new HashMap<>(p.date());
          for (String n : DATE_PARTS) if (vars.containsKey(n)) date.put(n, vars.get(n));
          if (window.days().stream().noneMatch(d -> consistent(date, parts(d)))) continue;
          put(out, new Prefix(c.getPath(), Map.copyOf(date)));
        }
      }
    }
    return List.copyOf(out.values());
  }

  private static void put(Map<String, Prefix> out, Prefix p) {
    out.putIfAbsent(p.path().toString(), p);
  }

  /** Every file below {@code dir}; none when it does not exist. */
  private static List<FileStatus> files(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    try {
      if ("s3a".equals(dir.toUri().getScheme())) {
        // one flat listing of the whole prefix, and S3A's statuses carry the etag
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) out.add(it.next());
        return out;
      }
      // folder by folder, keeping the connector's own statuses (ABFS's carry the etag)
      Deque<Path> todo = new ArrayDeque<>(List.of(dir));
      while (!todo.isEmpty()) {
        RemoteIterator<FileStatus> it = fs.listStatusIterator(todo.pop());
        while (it.hasNext()) {
          FileStatus st = it.next();
          if (st.isDirectory()) {
            String name = st.getPath().getName();
            if (!name.startsWith(".") && !name.startsWith("_")) todo.push(st.getPath());
          } else {
            out.add(st);
          }
        }
      }
    } catch (FileNotFoundException e) {
      return out;
    }
    return out;
  }

  /** The store's etag where the connector's status carries one (S3A, ABFS), else null; {@link #bareEtag bare}. */
  static String etag(FileStatus st) {
    return st instanceof EtagSource e ? bareEtag(e.getEtag()) : null;
  }

  /**
   * An etag without the quotes and weak-validator prefix HTTP wraps it in, null when empty:
   * S3A 3.4 (AWS SDK v2) keeps the quotes, S3A 3.3 (SDK v1) drops them, so the same object read
   * by the launcher and by a cluster of the other Hadoop line must compare equal.
   */
  static String bareEtag(String tag) {
    if (tag == null) return null;
    String t = tag.strip();
    if (t.startsWith("W/")) t = t.substring(2);
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1);
    return t.isEmpty() ? null : t;
  }

  /**
   * The object at {@code uri} as it is now, for replaying it, or an error when it is gone or is
   * not {@code source}'s.
   */
  public static SourceObject stat(LogyardConfig.Source source, Configuration base, String uri) {
    Configuration conf = Connectors.configuration(base, Connectors.hadoopSettings(source));
    Path path = new Path(uri);
    try (FileSystem fs = Connectors.open(path.toUri(), conf)) {
      FileStatus st = fs.getFileStatus(path);
      return withVars(source, new SourceObject(source.name(), fs.makeQualified(path).toString(), st.getLen(),
          st.getModificationTime(), etag(st), Map.of()));
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("no object " + uri + " (source " + source.name() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("sources." + source.name() + ": cannot read the status of " + uri + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code uri} is below {@code source}'s root and fits its template. */
  public static boolean owns(LogyardConfig.Source source, String uri) {
    String root = Locations.qualify(source.uri());
    String prefix = root.endsWith("/") ? root : root + "/";
    String u = normalize(uri);
    if (!u.startsWith(normalize(prefix))) return false;
    if (source.pathTemplate() == null) return !hidden(u.substring(normalize(prefix).length()));
    return PathTemplate.compile(source.pathTemplate()).match(u.substring(normalize(prefix).length())) != null;
  }

  /** {@code file:///x} and {@code file:/x} are the same object. */
  private static String normalize(String uri) {
    return uri.startsWith("file:///") ? "file:/" + uri.substring("file:///".length()) : uri;
  }

  /**
   * The same object with its template variables derived again from its URI (the ledger keeps
   * objects without them), or with none when the URI is not below the source's root.
   */
  public static SourceObject withVars(LogyardConfig.Source source, SourceObject o) {
    String root = normalize(Locations.qualify(source.uri()));
    String prefix = root.endsWith("/") ? root : root + "/";
    Map<String, String> vars = null;
    String uri = normalize(o.uri());
    if (source.pathTemplate() != null && uri.startsWith(prefix)) {
      vars = PathTemplate.compile(source.pathTemplate()).match(uri.substring(prefix.length()));
    }
    return new SourceObject(o.sourceName(), o.uri(), o.size(), o.modificationTime(), o.etag(), vars == null ? Map.of() : vars);
  }

  private static Set<String> vars(String segment) {
    Set<String> out = new java.util.LinkedHashSet<>();
    Matcher m = VAR.matcher(segment);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private static Map<String, String> parts(LocalDate d) {
    return Map.of(
        "yyyy", String.format(Locale.ROOT, "%04d", d.getYear()),
        "mm", String.format(Locale.ROOT, "%02d", d.getMonthValue()),
        "dd", String.format(Locale.ROOT, "%02d", d.getDayOfMonth()));
  }

  private static boolean consistent(Map<String, String> fixed, Map<String, String> day) {
    for (String n : DAY_PARTS) {
      if (fixed.containsKey(n) && !fixed.get(n).equals(day.get(n))) return false;
    }
    return true;
  }

  private static boolean inWindow(Map<String, String> vars, Window window) {
    try {
      return window.contains(LocalDate.of(Integer.parseInt(vars.get("yyyy")), Integer.parseInt(vars.get("mm")),
          Integer.parseInt(vars.get("dd"))));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static List<String> hours() {
    List<String> out = new ArrayList<>();
    for (int h = 0; h < 24; h++) out.add(String.format(Locale.ROOT, "%02d", h));
    return out;
  }

  private static boolean hidden(String rel) {
    for (String part : rel.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) return true;
    }
    return false;
  }
}
