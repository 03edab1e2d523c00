package io.logyard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md is the map, the references live beside what they describe: every relative link of
 * those READMEs reaches a file of the repository (and a heading, when it names one), README.md
 * stays short, and its map lists every package in the order of the imports.
 */
class ReadmeMapTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
  private static final List<String> READMES =
      List.of("README.md", "conf/README.md", "jobs/README.md", "dags/README.md", "notebooks/README.md");
  private static final int MAX_README_LINES = 200;
  private static final Path CODE = ROOT.resolve("jobs/src/main/java/io/logyard");

  /** A link of the map to a package's folder. */
  private static final Pattern PACKAGE_LINK = Pattern.compile("\\]\\(jobs/src/main/java/io/logyard/([a-z]+)\\)");
  /** A reference to a class of logyard's, imported or qualified: {@code io.logyard.sink.DeltaSink}. */
  private static final Pattern CLASS_REF = Pattern.compile("\\bio\\.logyard\\.([a-z]+)\\.([A-Z]\\w*)");
  /**
   * The references from a package to one listed after it that today's code makes, each named in
   * the paragraph above README.md's map: fix one, and drop it from both.
   */
  private static final Set<String> NAMED_EXCEPTIONS = Set.of(
      "config.SourceReader -> source.PathTemplate",
      "source.EventRow -> sink.TableSchemas",
      "source.Ledger -> sink.DeltaSink",
      "source.Ledger -> sink.Retry",
      "source.Ledger -> sink.TableSchemas",
      "source.StagedRows -> sink.TableSchemas");

  /** {@code [text](target)} and {@code ![alt](target)}, with an optional title. */
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\n]*`");

  @Test
  void everyRelativeLinkReachesAFileAndItsHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (String readme : READMES) {
      Path file = ROOT.resolve(readme);
      for (String target : links(prose(Files.readString(file)))) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) continue; // https:, mailto:
        links++;
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path to = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!to.startsWith(ROOT) || !Files.exists(to)) {
          broken.add(readme + ": " + target + " (no such file)");
        } else if (anchor != null && !(to.toString().endsWith(".md") && anchors(to).contains(anchor))) {
          broken.add(readme + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken, "links that lead nowhere");
    assertTrue(links > 20, "the READMEs link to each other and to the code: found only " + links);
  }

  @Test
  void theTopReadmeStaysAMap() throws IOException {
    long lines = Files.readAllLines(ROOT.resolve("README.md")).size();
    assertTrue(lines < MAX_README_LINES,
        "README.md has " + lines + " lines: keep it the map and move references to conf/, jobs/, dags/ or notebooks/README.md");
  }

  @Test
  void theMapListsEveryPackageLowestFirst() throws IOException {
    List<String> order = new ArrayList<>();
    Matcher m = PACKAGE_LINK.matcher(Files.readString(ROOT.resolve("README.md")));
    while (m.find()) if (!order.contains(m.group(1))) order.add(m.group(1));
    List<String> packages;
    try (var dirs = Files.list(CODE)) {
      packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    }
    assertEquals(packages, order.stream().sorted().toList(), "README.md's map names every package of " + CODE + ", once");

    Set<String> upward = new TreeSet<>();
    for (String from : order) {
      try (var files = Files.list(CODE.resolve(from))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher ref = CLASS_REF.matcher(Files.readString(f));
          while (ref.find()) {
            if (order.indexOf(ref.group(1)) > order.indexOf(from)) {
              upward.add(from + "." + f.getFileName().toString().replace(".java", "") + " -> " + ref.group(1) + "." + ref.group(2));
            }
          }
        }
      }
    }
    assertEquals(new TreeSet<>(NAMED_EXCEPTIONS), upward,
        "a package uses one listed after it in README.md's map (order " + order + "): reorder the map, or name the exception there and here");
  }

  private static List<String> links(String text) {
    List<String> targets = new ArrayList<>();
    Matcher m = LINK.matcher(CODE_SPAN.matcher(text).replaceAll(""));
    while (m.find()) targets.add(m.group(1));
    return targets;
  }

  /** The text outside fenced code blocks. */
  private static String prose(String markdown) {
    StringBuilder b = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }

  /** The anchors GitHub gives the file's headings: lower case, punctuation dropped, spaces as '-'. */
  private static Set<String> anchors(Path markdown) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(Files.readString(markdown)).split("\n")) {
      if (!line.matches("#{1,6} .*")) continue;
      String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
          .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum);
      anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
    }
    return anchors;
  }
}
