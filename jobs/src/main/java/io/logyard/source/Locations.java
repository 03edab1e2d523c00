package io.logyard.source;

import java.io.File;
import java.util.regex.Pattern;

/** Turns configured locations into Hadoop URIs: a bare path is a local file path. */
public final class Locations {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private Locations() {}

  /**
   * {@code var/warehouse} → {@code file:/abs/var/warehouse}; URIs are kept as they are. The path
   * is written as Hadoop writes it ({@code Path.toString()}: not percent-encoded), so that a
   * folder named {@code my logs} is the folder Hadoop lists, not {@code my%20logs}.
   */
  public static String qualify(String location) {
    if (SCHEME.matcher(location).matches()) {
      return location;
    }
    String abs = new File(location).getAbsoluteFile().toPath().normalize().toString().replace(File.separatorChar, '/');
    String uri = "file:" + (abs.startsWith("/") ? abs : "/" + abs);
    return location.endsWith("/") && !uri.endsWith("/") ? uri + "/" : uri;
  }
}
