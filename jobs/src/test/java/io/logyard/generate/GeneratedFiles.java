package io.logyard.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Test helpers: reading a generated tree and checking each line's shape independently. */
final class GeneratedFiles {

  static final ObjectMapper JSON = new ObjectMapper();

  /** {@code %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"}, quotes escaped as \". */
  static final Pattern COMBINED = Pattern.compile(
      "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) (\\d+|-)"
          + " \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\"$");
  static final Pattern IPV4 = Pattern.compile(
      "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
  static final Pattern IPV6 = Pattern.compile("^[0-9a-f]{1,4}(::?[0-9a-f]{1,4}){1,7}$");
  static final Pattern ISO_MILLIS =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");
  static final Pattern UUID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  static final DateTimeFormatter APACHE_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.STRICT);

  static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD");
  static final Set<Integer> STATUSES =
      Set.of(200, 201, 204, 301, 304, 400, 401, 403, 404, 500, 502, 503);
  static final Set<String> SERVICES =
      Set.of("auth-service", "payment-service", "db-service", "api-gateway", "monitoring");
  static final Set<String> LEVELS =
      Set.of("DEBUG", "INFO", "WARN", "WARNING", "ERROR", "CRITICAL", "EMERGENCY");
  static final List<String> APP_FIELDS = List.of("@timestamp", "event_id", "service", "level",
      "message", "node", "hostname", "provider", "region", "public_ip", "private_ip", "version");

  private GeneratedFiles() {}

  /** Every regular file under {@code root}, by path relative to it with forward slashes. */
  static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }

  /** The decompressed content of a generated file. */
  static byte[] content(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    if (!file.toString().endsWith(".gz")) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  /** The lines of a file's content, which must end with a newline. */
  static List<String> lines(byte[] content) {
    if (content.length == 0 || content[content.length - 1] != '\n') {
      throw new AssertionError("content does not end with a newline");
    }
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (byte b : content) {
      if (b == '\n') {
        lines.add(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
    return lines;
  }

  /** A parsed, well-formed access line. */
  record Access(String client, String user, Instant time, String method, String target,
      String protocol, int status, String size, String referrer, String userAgent) {}

  /** The access line, or null when it is not a well-formed combined line inside the window. */
  static Access access(String line, Instant windowStart) {
    Matcher m = COMBINED.matcher(line);
    if (!m.matches()) {
      return null;
    }
    String client = m.group(1);
    if (!IPV4.matcher(client).matches() && !IPV6.matcher(client).matches()) {
      return null;
    }
    Instant time;
    try {
      time = OffsetDateTime.parse(m.group(4), APACHE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    if (!inWindow(time, windowStart)) {
      return null;
    }
    String[] request = m.group(5).split(" ");
    if (request.length != 3 || !METHODS.contains(request[0]) || !request[1].startsWith("/")
        || !request[2].matches("HTTP/(1\\.0|1\\.1|2\\.0)")) {
      return null;
    }
    int status = Integer.parseInt(m.group(6));
    if (!STATUSES.contains(status) || !m.group(2).equals("-")) {
      return null;
    }
    if (status == 304 && !m.group(7).equals("-")) {
      return null;
    }
    return new Access(client, m.group(3), time, request[0], request[1], request[2], status,
        m.group(7), m.group(8), m.group(9));
  }

  /** The app line as a JSON object, or null when it is not a well-formed event of this node. */
  static JsonNode app(String line, Instant windowStart, Provider provider, String node) {
    JsonNode json;
    try {
      json = JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
    if (json == null || !json.isObject()) {
      return null;
    }
    for (String field : APP_FIELDS) {
      if (!json.path(field).isTextual() || json.path(field).asText().isEmpty()) {
        return null;
      }
    }
    String timestamp = json.get("@timestamp").asText();
    if (!ISO_MILLIS.matcher(timestamp).matches()) {
      return null;
    }
    Instant time;
    try {
      time = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
    boolean ok = inWindow(time, windowStart)
        && UUID.matcher(json.get("event_id").asText()).matches()
        && SERVICES.contains(json.get("service").asText())
        && LEVELS.contains(json.get("level").asText())
        && json.get("provider").asText().equals(provider.id())
        && json.get("region").asText().equals(provider.region())
        && json.get("node").asText().equals(node)
        && IPV4.matcher(json.get("public_ip").asText()).matches()
        && IPV4.matcher(json.get("private_ip").asText()).matches()
        && json.get("version").asText().matches("\\d+\\.\\d+\\.\\d+");
    return ok ? json : null;
  }

  static boolean inWindow(Instant time, Instant windowStart) {
    return !time.isBefore(windowStart)
        && time.isBefore(windowStart.plusSeconds(60L * ProviderLayout.ROTATION_MINUTES));
  }

  /** The window start encoded in a file name such as {@code aws-node-1-20261120T1005.log}. */
  static Instant windowOf(String relativePath) {
    Matcher m = Pattern.compile("-(\\d{8}T\\d{4})\\.log(\\.gz)?$").matcher(relativePath);
    if (!m.find()) {
      throw new AssertionError("no window in " + relativePath);
    }
    return java.time.LocalDateTime.parse(m.group(1),
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm")).toInstant(ZoneOffset.UTC);
  }
}
