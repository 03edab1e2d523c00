package io.logyard.source;

import io.logyard.config.LogyardConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists a source's objects: every file below its URI whose key fits the path template. Hidden
 * and marker files ({@code .name}, {@code _name}) are never objects.
 */
public final class Discovery {
  private Discovery() {}

  public static List<SourceObject> list(LogyardConfig.Source source, Configuration base) {
    Configuration conf = new Configuration(base);
    source.hadoop().forEach(conf::set);
    PathTemplate template = source.pathTemplate() == null ? null : PathTemplate.compile(source.pathTemplate());
    Path root = new Path(Locations.qualify(source.uri()));
    List<SourceObject> out = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      Path qualifiedRoot = fs.makeQualified(root);
      String rootText = qualifiedRoot.toString();
      String prefix = rootText.endsWith("/") ? rootText : rootText + "/";
      RemoteIterator<LocatedFileStatus> it;
      try {
        it = fs.listFiles(qualifiedRoot, true);
      } catch (FileNotFoundException e) {
        return out;
      }
      while (it.hasNext()) {
        LocatedFileStatus st = it.next();
        String uri = st.getPath().toString();
        if (!uri.startsWith(prefix)) continue;
        String rel = uri.substring(prefix.length());
        if (hidden(rel)) continue;
        Map<String, String> vars = template == null ? Map.of() : template.match(rel);
        if (vars == null) continue;
        out.add(new SourceObject(source.name(), uri, st.getLen(), st.getModificationTime(), null, vars));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("sources." + source.name() + ": cannot list " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The same object with its template variables derived again from its URI (the ledger keeps
   * objects without them), or with none when the URI is not below the source's root.
   */
  public static SourceObject withVars(LogyardConfig.Source source, SourceObject o) {
    String root = Locations.qualify(source.uri());
    String prefix = root.endsWith("/") ? root : root + "/";
    Map<String, String> vars = null;
    if (source.pathTemplate() != null && o.uri().startsWith(prefix)) {
      vars = PathTemplate.compile(source.pathTemplate()).match(o.uri().substring(prefix.length()));
    }
    return new SourceObject(o.sourceName(), o.uri(), o.size(), o.modificationTime(), o.etag(), vars == null ? Map.of() : vars);
  }

  private static boolean hidden(String rel) {
    for (String part : rel.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) return true;
    }
    return false;
  }
}
