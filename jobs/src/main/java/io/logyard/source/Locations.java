package io.logyard.source;

import java.io.File;
import java.util.regex.Pattern;

/** Turns configured locations into Hadoop URIs: a bare path is a local file path. */
public final class Locations {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private Locations() {}

  /** {@code var/warehouse} → {@code file:/abs/var/warehouse}; URIs are kept as they are. */
  public static String qualify(String location) {
    if (SCHEME.matcher(location).matches()) {
      return location;
    }
    String uri = new File(location).getAbsoluteFile().toURI().toString();
    return uri.endsWith("/") && !location.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
