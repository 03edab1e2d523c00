package io.logyard.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * JSON application log lines of one node, for one file: one object per line with
 * {@code @timestamp}, {@code event_id}, {@code service}, {@code level}, {@code message} and the node's
 * metadata ({@code node}, {@code hostname}, {@code provider}, {@code region}, {@code public_ip},
 * {@code private_ip}, {@code version}); auth-service login events also carry a {@code metadata}
 * object. Messages are authentication events, application metrics, database operations and
 * gateway traffic; a configured share are CRITICAL/EMERGENCY events or {@code [SECURITY]}
 * incidents. Some messages hold IP addresses, e-mails and secrets on purpose, for the privacy
 * stage to scrub.
 */
final class AppLogLines {

  /** {@code 2026-11-20T10:00:03.123Z}: always with milliseconds. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static final List<String> SERVICES =
      List.of("auth-service", "payment-service", "db-service", "api-gateway", "monitoring");

  /** What kind of event a line is; the generator counts them for its summary. */
  enum EventClass { NORMAL, EMERGENCY, SECURITY }

  /** One generated event: its JSON line and its class. */
  record Line(String json, EventClass eventClass) {}

  private record Template(String level, Function<SplittableRandom, String> message) {}

  private record Incident(String service, Function<SplittableRandom, String> message) {}

  private static final List<String> USERS = List.of(
      "alice@example.com", "bob@example.org", "carol.smith@example.net", "dave@example.com",
      "erin@example.com", "frank.miller@example.org", "grace@example.com", "heidi@example.net");
  private static final List<String> TABLES =
      List.of("orders", "users", "payments", "products", "sessions", "inventory");
  private static final List<String> PATHS = List.of(
      "/api/v1/users", "/api/v1/orders?id=123", "/api/v1/cart", "/api/v1/payments", "/login",
      "/api/v1/products?page=2&limit=20", "/health");

  private static final Weighted<String> SERVICE_MIX = Weighted.<String>builder()
      .add(20, "auth-service").add(15, "payment-service").add(20, "db-service")
      .add(30, "api-gateway").add(15, "monitoring").build();

  private static final Weighted<Template> AUTH = Weighted.<Template>builder()
      .add(30, t("INFO", r -> "User " + user(r) + " logged in from " + ip(r)))
      .add(10, t("INFO", r -> "User " + user(r) + " logged out"))
      .add(8, t("WARN", r -> "Login failed for user " + user(r) + " from " + ip(r)
          + ": invalid password"))
      .add(5, t("INFO", r -> "Password reset requested for " + user(r) + " from " + ip(r)))
      .add(8, t("DEBUG", r -> "Validated session token=" + Randoms.alnum(r, 32) + " for user "
          + user(r)))
      .add(4, t("INFO", r -> "MFA challenge passed for " + user(r)))
      .add(2, t("ERROR", r -> "LDAP bind failed for cn=auth-svc: connection refused (10.0.2.15:636)"))
      .add(3, t("DEBUG", r -> "Loaded " + Randoms.between(r, 150, 260) + " roles from cache in "
          + Randoms.between(r, 1, 9) + " ms"))
      .add(1, t("DEBUG", r -> "Login request body: {\"username\":\"" + user(r)
          + "\",\"password\":\"" + password(r) + "\"}"))
      .build();

  private static final Weighted<Template> PAYMENT = Weighted.<Template>builder()
      .add(30, t("INFO", r -> "Payment " + Randoms.hex(r, 8) + " of " + amount(r)
          + " EUR authorized for order " + order(r)))
      .add(6, t("WARN", r -> "Payment declined for order " + order(r) + ": insufficient funds"))
      .add(6, t("INFO", r -> "Refund of " + amount(r) + " EUR issued for order " + order(r)))
      .add(4, t("WARN", r -> "Retrying call to payment gateway (attempt "
          + Randoms.between(r, 2, 3) + "/3) after 504"))
      .add(2, t("ERROR", r -> "Payment gateway timeout after 30000 ms for order " + order(r)))
      .add(5, t("DEBUG", r -> "Calling processor https://api.payments.example/v2/charges with "
          + "api_key=sk_live_" + Randoms.alnum(r, 24)))
      .add(3, t("INFO", r -> "Card ending " + Randoms.between(r, 1000, 9999) + " charged "
          + amount(r) + " EUR for customer " + user(r)))
      .build();

  private static final Weighted<Template> DB = Weighted.<Template>builder()
      .add(35, t("INFO", r -> "query " + table(r) + " took " + Randoms.between(r, 1, 400) + " ms"))
      .add(10, t("DEBUG", r -> "query " + table(r) + " took " + Randoms.between(r, 1, 90)
          + " ms rows=" + Randoms.between(r, 0, 500)))
      .add(6, t("WARNING", r -> "slow query on " + table(r) + " took "
          + Randoms.between(r, 1000, 8000) + " ms"))
      .add(8, t("INFO", r -> "connection pool: " + Randoms.between(r, 2, 48) + "/50 in use"))
      .add(3, t("ERROR", r -> "Database connection failed: timeout after 5000 ms to 10.0.3.12:5432"))
      .add(2, t("DEBUG", r -> "Connecting with jdbc:postgresql://db.internal:5432/shop?user=app"
          + "&password=" + password(r)))
      .add(3, t("INFO", r -> "vacuum on " + table(r) + " finished in " + Randoms.between(r, 1, 40)
          + " s"))
      .build();

  private static final Weighted<Template> GATEWAY = Weighted.<Template>builder()
      .add(30, t("INFO", r -> Randoms.oneOf(r, List.of("GET", "GET", "GET", "POST", "PUT"))
          + " " + Randoms.oneOf(r, PATHS) + " -> "
          + Randoms.oneOf(r, List.of(200, 200, 200, 200, 201, 304, 401, 404, 500))
          + " in " + Randoms.between(r, 2, 900) + " ms from " + ip(r)))
      .add(5, t("WARN", r -> "Rate limit exceeded for client " + ip(r) + " (120 req/min)"))
      .add(3, t("ERROR", r -> "Upstream payment-service returned 502 for POST /api/v1/payments"))
      .add(5, t("DEBUG", r -> "Forwarding request with header Authorization: Bearer "
          + Randoms.alnum(r, 36)))
      .add(4, t("INFO", r -> "Route table reloaded: " + Randoms.between(r, 30, 60) + " routes"))
      .add(3, t("WARN", r -> "Upstream " + Randoms.oneOf(r, SERVICES) + " slow: p99="
          + Randoms.between(r, 800, 4000) + " ms"))
      .build();

  private static final Weighted<Template> MONITORING = Weighted.<Template>builder()
      .add(40, t("INFO", r -> "cpu=" + Randoms.between(r, 3, 88) + "% mem="
          + Randoms.between(r, 20, 85) + "% disk=" + Randoms.between(r, 10, 80) + "%"))
      .add(10, t("INFO", r -> "heartbeat ok uptime=" + Randoms.between(r, 1, 2000) + "h"))
      .add(6, t("WARNING", r -> "High memory usage detected: mem=" + Randoms.between(r, 90, 97)
          + "%"))
      .add(3, t("WARNING", r -> "High CPU usage detected: cpu=" + Randoms.between(r, 90, 99) + "%"))
      .add(6, t("DEBUG", r -> "load1=" + load(r) + " load5=" + load(r) + " load15=" + load(r)))
      .add(2, t("ERROR", r -> "Metrics push to 10.128.0.5:9091 failed: connection reset"))
      .add(3, t("INFO", r -> "Metrics pushed to 10.128.0.5:9091 in " + Randoms.between(r, 3, 40)
          + " ms"))
      .build();

  private static final List<Incident> EMERGENCIES = List.of(
      new Incident("db-service", r -> "Primary database unreachable, failing over to replica "
          + "10.0.3.13"),
      new Incident("payment-service", r -> "Payment processor circuit breaker open: all charges "
          + "failing"),
      new Incident("monitoring", r -> "Disk /var/lib/data " + Randoms.between(r, 98, 100)
          + "% full"),
      new Incident("auth-service", r -> "Token signing key unavailable: authentication disabled"),
      new Incident("api-gateway", r -> "All upstreams for /api/v1/orders are down"),
      new Incident("monitoring", r -> "Out of memory: killed process " + Randoms.between(r, 900,
          32000) + " (java)"));

  private static final List<Incident> SECURITY = List.of(
      new Incident("auth-service", r -> "[SECURITY] " + Randoms.between(r, 5, 40)
          + " failed logins for user " + user(r) + " from " + ip(r)),
      new Incident("api-gateway", r -> "[SECURITY] Blocked SQL injection attempt from " + ip(r)
          + " on /api/v1/users?id=1' OR '1'='1"),
      new Incident("monitoring", r -> "[SECURITY] Port scan detected from " + ip(r) + ": "
          + Randoms.between(r, 100, 2000) + " ports in 10 s"),
      new Incident("api-gateway", r -> "[SECURITY] Access denied to /admin for user " + user(r)
          + " from " + ip(r)),
      new Incident("auth-service", r -> "[SECURITY] Reused session token="
          + Randoms.alnum(r, 32) + " from new address " + ip(r)),
      new Incident("auth-service", r -> "[SECURITY] Unexpected privilege escalation: user "
          + user(r) + " granted role admin"));

  private final SplittableRandom random;
  private final double emergencyRate;
  private final double securityRate;
  private final String nodeFields;

  AppLogLines(SplittableRandom random, NodeInfo node, double emergencyRate, double securityRate) {
    this.random = random;
    this.emergencyRate = emergencyRate;
    this.securityRate = securityRate;
    this.nodeFields = ",\"node\":" + quote(node.name())
        + ",\"hostname\":" + quote(node.hostname())
        + ",\"provider\":" + quote(node.provider().id())
        + ",\"region\":" + quote(node.provider().region())
        + ",\"public_ip\":" + quote(node.publicIp())
        + ",\"private_ip\":" + quote(node.privateIp())
        + ",\"version\":" + quote(node.version());
  }

  /** One well-formed line at {@code time}, without line terminator. */
  Line line(Instant time) {
    String eventId = Randoms.uuid(random);
    double roll = random.nextDouble();
    String service;
    String level;
    String message;
    String metadata = "";
    EventClass eventClass;
    if (roll < emergencyRate) {
      Incident incident = Randoms.oneOf(random, EMERGENCIES);
      service = incident.service();
      level = random.nextInt(10) < 6 ? "CRITICAL" : "EMERGENCY";
      message = incident.message().apply(random);
      eventClass = EventClass.EMERGENCY;
    } else if (roll < emergencyRate + securityRate) {
      Incident incident = Randoms.oneOf(random, SECURITY);
      service = incident.service();
      level = warnName(service, random.nextInt(10) < 6 ? "WARN" : "ERROR");
      message = incident.message().apply(random);
      eventClass = EventClass.SECURITY;
    } else {
      service = SERVICE_MIX.pick(random);
      Template template = templates(service).pick(random);
      level = warnName(service, template.level());
      message = template.message().apply(random);
      if (service.equals("auth-service") && message.contains(" logged in from ")) {
        metadata = ",\"metadata\":{\"user_id\":\"" + Randoms.between(random, 10_000, 99_999)
            + "\",\"method\":\"" + (random.nextInt(4) == 0 ? "sso" : "password") + "\"}";
      }
      eventClass = EventClass.NORMAL;
    }
    String json = "{\"@timestamp\":" + quote(TIME.format(time))
        + ",\"event_id\":" + quote(eventId)
        + ",\"service\":" + quote(service)
        + ",\"level\":" + quote(level)
        + ",\"message\":" + quote(message)
        + nodeFields + metadata + "}";
    return new Line(json, eventClass);
  }

  /** Python-style services write WARNING, the others WARN (both occur in seed 003). */
  private static String warnName(String service, String level) {
    boolean python = service.equals("monitoring") || service.equals("db-service");
    if (level.equals("WARN") && python) {
      return "WARNING";
    }
    if (level.equals("WARNING") && !python) {
      return "WARN";
    }
    return level;
  }

  private static Weighted<Template> templates(String service) {
    return switch (service) {
      case "auth-service" -> AUTH;
      case "payment-service" -> PAYMENT;
      case "db-service" -> DB;
      case "api-gateway" -> GATEWAY;
      default -> MONITORING;
    };
  }

  private static Template t(String level, Function<SplittableRandom, String> message) {
    return new Template(level, message);
  }

  private static String user(SplittableRandom r) {
    return Randoms.oneOf(r, USERS);
  }

  private static String ip(SplittableRandom r) {
    int kind = r.nextInt(10);
    return kind < 5 ? Randoms.documentationIpv4(r) : kind < 8 ? Randoms.publicIpv4(r)
        : Randoms.ipv6(r);
  }

  private static String password(SplittableRandom r) {
    return Randoms.oneOf(r, List.of("hunter2", "S3cr3t!", "Winter2026", "p@ssw0rd"))
        + Randoms.between(r, 0, 99);
  }

  private static String amount(SplittableRandom r) {
    int cents = Randoms.between(r, 199, 49_999);
    return cents / 100 + "." + String.format(Locale.ROOT, "%02d", cents % 100);
  }

  private static String order(SplittableRandom r) {
    return Integer.toString(Randoms.between(r, 10_000, 99_999));
  }

  private static String table(SplittableRandom r) {
    return Randoms.oneOf(r, TABLES);
  }

  private static String load(SplittableRandom r) {
    int hundredths = Randoms.between(r, 2, 380);
    return hundredths / 100 + "." + String.format(Locale.ROOT, "%02d", hundredths % 100);
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
