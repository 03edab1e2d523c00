package io.logyard.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Apache combined access log lines ({@code %h %l %u %t "%r" %>s %b "%{Referer}i"
 * "%{User-agent}i"}) of one node's web server, for one file: a pool of clients with a skewed
 * share of the traffic, a Zipf-like mix of endpoints, realistic statuses, sizes, referrers and
 * user agents. Some URLs carry e-mails or tokens on purpose, for the privacy stage to scrub.
 */
final class AccessLogLines {

  /** {@code 20/Nov/2026:10:00:03 +0000}. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private enum Category { PAGE, API, STATIC, HEALTH, AUTH, REDIRECT, ADMIN, SCAN }

  private record Endpoint(String path, Category category, Weighted<String> methods,
      int minBytes, int maxBytes) {}

  private record Client(String ip, String userAgent, boolean browser, boolean cli) {}

  private static final Weighted<String> GET = methods(1, 0, 0, 0, 0);
  private static final Weighted<String> GET_HEAD = methods(95, 0, 0, 0, 5);

  /** In order of popularity: the Zipf weight falls with the position. */
  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("/", Category.PAGE, GET_HEAD, 4_000, 45_000),
      new Endpoint("/api/v1/users", Category.API, methods(85, 15, 0, 0, 0), 200, 9_000),
      new Endpoint("/api/v1/orders?id={id}", Category.API, methods(80, 0, 12, 8, 0), 150, 3_500),
      new Endpoint("/static/app.js", Category.STATIC, GET, 180_000, 420_000),
      new Endpoint("/health", Category.HEALTH, methods(80, 0, 0, 0, 20), 2, 60),
      new Endpoint("/login", Category.AUTH, methods(45, 55, 0, 0, 0), 800, 6_000),
      new Endpoint("/static/css/main.css", Category.STATIC, GET, 20_000, 90_000),
      new Endpoint("/api/v1/products?page={page}&limit=20", Category.API, GET, 2_000, 24_000),
      new Endpoint("/images/logo.png", Category.STATIC, GET, 2_000, 60_000),
      new Endpoint("/api/v1/cart", Category.API, methods(60, 30, 0, 10, 0), 120, 4_000),
      new Endpoint("/api/v1/search?q={term}", Category.API, GET, 500, 30_000),
      new Endpoint("/api/v1/users/{id}", Category.API, methods(70, 0, 20, 10, 0), 200, 2_500),
      new Endpoint("/favicon.ico", Category.STATIC, GET, 1_150, 15_086),
      new Endpoint("/api/v1/orders", Category.API, methods(30, 70, 0, 0, 0), 150, 6_000),
      new Endpoint("/logout", Category.AUTH, GET, 300, 1_200),
      new Endpoint("/api/v1/payments", Category.API, methods(20, 80, 0, 0, 0), 150, 1_500),
      new Endpoint("/robots.txt", Category.STATIC, GET, 68, 68),
      new Endpoint("/docs", Category.REDIRECT, GET, 0, 0),
      new Endpoint("/admin", Category.ADMIN, GET, 3_000, 12_000),
      new Endpoint("/api/v1/password/reset?token={token}", Category.AUTH, GET, 400, 2_000),
      new Endpoint("/oauth/callback?code={code}&state={state}", Category.AUTH, GET, 300, 1_000),
      new Endpoint("/api/v1/users?email={email}", Category.API, GET, 200, 2_000),
      new Endpoint("/wp-login.php", Category.SCAN, methods(60, 40, 0, 0, 0), 0, 0),
      new Endpoint("/.env", Category.SCAN, GET, 0, 0),
      // raw quotes in the request line: Apache writes them escaped as \"
      new Endpoint("/api/v1/users?id=1\\\"%20OR%20\\\"1\\\"=\\\"1", Category.SCAN, GET, 0, 0));

  private static final Weighted<Endpoint> ENDPOINT_MIX = Weighted.zipf(ENDPOINTS, 1.05);

  private static final List<String> BROWSERS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/130.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          + "Version/18.1 Safari/605.1.15",
      "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
          + "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/130.0.6723.102 Mobile Safari/537.36");
  private static final List<String> CLIS = List.of(
      "curl/8.5.0", "python-requests/2.32.3", "Go-http-client/1.1", "Wget/1.21.4",
      "okhttp/4.12.0", "PostmanRuntime/7.42.0");
  private static final List<String> BOTS = List.of(
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)");
  private static final List<String> SCANNERS = List.of(
      "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)",
      "sqlmap/1.8.11#stable (https://sqlmap.org)",
      "zgrab/0.x");
  private static final List<String> SITE_PAGES = List.of(
      "https://shop.example.com/", "https://shop.example.com/products?page=2",
      "https://shop.example.com/cart", "https://shop.example.com/login",
      "https://shop.example.com/orders/10234", "https://shop.example.com/account");
  private static final List<String> EXTERNAL = List.of(
      "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/",
      "https://t.co/x8Yz1qLm", "https://news.ycombinator.com/");
  private static final List<String> TERMS = List.of(
      "shoes", "red+dress", "usb-c+cable", "coffee", "headphones", "gift%20card");
  private static final List<String> EMAILS = List.of(
      "alice%40example.com", "bob%40example.org", "carol.smith%40example.net");

  private final SplittableRandom random;
  private final NodeInfo node;
  private final Weighted<Client> clients;
  private final List<Client> scanners;
  private final String healthCheckIp;

  AccessLogLines(SplittableRandom random, NodeInfo node) {
    this.random = random;
    this.node = node;
    List<Client> pool = new ArrayList<>();
    int poolSize = Randoms.between(random, 25, 50);
    for (int i = 0; i < poolSize; i++) {
      String ip = random.nextInt(100) < 15 ? Randoms.ipv6(random) : Randoms.publicIpv4(random);
      int kind = random.nextInt(100);
      if (kind < 76) {
        pool.add(new Client(ip, Randoms.oneOf(random, BROWSERS), true, false));
      } else if (kind < 88) {
        pool.add(new Client(ip, Randoms.oneOf(random, CLIS), false, true));
      } else {
        pool.add(new Client(ip, Randoms.oneOf(random, BOTS), false, false));
      }
    }
    this.clients = Weighted.zipf(pool, 0.9);
    this.scanners = List.of(
        new Client(Randoms.publicIpv4(random), Randoms.oneOf(random, SCANNERS), false, false),
        new Client(Randoms.ipv6(random), Randoms.oneOf(random, SCANNERS), false, false));
    String privateIp = node.privateIp();
    this.healthCheckIp = privateIp.substring(0, privateIp.lastIndexOf('.') + 1)
        + Randoms.between(random, 2, 3);
  }

  /**
   * One request as a web server or load balancer saw it; {@code size} is Apache's {@code %b}
   * ({@code -} for no body), {@code target} the path and query as written in the request line.
   */
  record Request(String clientIp, String user, String method, String target, String protocol,
      int status, String size, String referrer, String userAgent, boolean scan) {}

  /** One well-formed line at {@code time}, without line terminator. */
  String line(Instant time) {
    Request r = request();
    return r.clientIp() + " - " + r.user() + " [" + TIME.format(time) + "] \""
        + r.method() + " " + r.target() + " " + r.protocol() + "\" "
        + r.status() + " " + r.size() + " \""
        + r.referrer() + "\" \"" + r.userAgent() + "\"";
  }

  /** The next request; {@link #line} formats it the way Apache does. */
  Request request() {
    Endpoint endpoint = ENDPOINT_MIX.pick(random);
    String method = endpoint.methods().pick(random);
    Client client = switch (endpoint.category()) {
      case HEALTH -> new Client(healthCheckIp, probe(), false, false);
      case SCAN -> Randoms.oneOf(random, scanners);
      default -> clients.pick(random);
    };
    int status = status(endpoint.category(), method);
    String user = "-";
    if (endpoint.category() == Category.ADMIN && status == 200) {
      user = "admin";
    } else if (client.cli() && endpoint.category() == Category.API && random.nextInt(3) == 0) {
      user = "svc-batch";
    }
    String protocol = client.browser() && random.nextInt(10) < 6 ? "HTTP/2.0"
        : endpoint.category() == Category.SCAN && random.nextBoolean() ? "HTTP/1.0" : "HTTP/1.1";
    // drawn in the order the line has always been written: path, size, referrer
    String path = path(endpoint);
    String size = size(endpoint, method, status);
    String referrer = referrer(endpoint, client);
    return new Request(client.ip(), user, method, path, protocol, status, size, referrer,
        client.userAgent(), endpoint.category() == Category.SCAN);
  }

  private String probe() {
    return switch (node.provider()) {
      case AWS -> "ELB-HealthChecker/2.0";
      case GCP -> "GoogleHC/1.0";
      case AZURE, OCI -> "kube-probe/1.30";
    };
  }

  private String path(Endpoint endpoint) {
    String path = endpoint.path();
    if (path.indexOf('{') < 0) {
      return path;
    }
    return path
        .replace("{id}", Integer.toString(Randoms.between(random, 100, 99_999)))
        .replace("{page}", Integer.toString(Randoms.between(random, 1, 20)))
        .replace("{term}", Randoms.oneOf(random, TERMS))
        .replace("{token}", Randoms.hex(random, 32))
        .replace("{code}", Randoms.alnum(random, 20))
        .replace("{state}", Randoms.hex(random, 16))
        .replace("{email}", Randoms.oneOf(random, EMAILS));
  }

  private int status(Category category, String method) {
    return switch (category) {
      case PAGE -> pick(200, 86, 304, 9, 301, 1, 404, 1.5, 500, 1, 502, 0.5, 503, 1);
      case STATIC -> pick(200, 68, 304, 29, 404, 2.5, 500, 0.5);
      case HEALTH -> pick(200, 97, 503, 3);
      case REDIRECT -> pick(301, 95, 404, 5);
      case ADMIN -> pick(401, 55, 403, 35, 200, 10);
      case SCAN -> pick(404, 80, 403, 15, 400, 5);
      case AUTH -> "POST".equals(method)
          ? pick(200, 70, 401, 22, 400, 4, 403, 2, 500, 2)
          : pick(200, 82, 301, 6, 400, 4, 401, 5, 500, 3);
      case API -> switch (method) {
        case "POST" -> pick(201, 62, 200, 18, 400, 8, 401, 5, 500, 4, 502, 1.5, 503, 1.5);
        case "PUT" -> pick(200, 74, 204, 10, 400, 6, 404, 5, 500, 4, 503, 1);
        case "DELETE" -> pick(204, 74, 200, 6, 403, 5, 404, 10, 500, 5);
        default -> pick(200, 78, 304, 3, 400, 3, 401, 4, 403, 1, 404, 5, 500, 3, 502, 1.5,
            503, 1.5);
      };
    };
  }

  /** {@code pick(status1, weight1, status2, weight2, ...)}. */
  private int pick(double... statusWeightPairs) {
    double total = 0;
    for (int i = 1; i < statusWeightPairs.length; i += 2) {
      total += statusWeightPairs[i];
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < statusWeightPairs.length; i += 2) {
      x -= statusWeightPairs[i + 1];
      if (x < 0) {
        return (int) statusWeightPairs[i];
      }
    }
    return (int) statusWeightPairs[statusWeightPairs.length - 2];
  }

  private String size(Endpoint endpoint, String method, int status) {
    if ("HEAD".equals(method) || status == 304) {
      return "-";
    }
    if (status == 204) {
      // Apache's %b writes "-" for an empty body; servers logging bytes sent write 0
      return random.nextInt(10) < 6 ? "-" : "0";
    }
    int bytes;
    if (status == 200) {
      bytes = Randoms.between(random, endpoint.minBytes(), Math.max(endpoint.minBytes(),
          endpoint.maxBytes()));
    } else if (status == 201) {
      bytes = Randoms.between(random, 90, 700);
    } else if (status == 301) {
      bytes = Randoms.between(random, 228, 262);
    } else if (status < 500) {
      bytes = Randoms.between(random, 120, 600);
    } else {
      bytes = Randoms.between(random, 250, 800);
    }
    return Integer.toString(bytes);
  }

  private String referrer(Endpoint endpoint, Client client) {
    if (!client.browser()) {
      return "-";
    }
    int roll = random.nextInt(100);
    return switch (endpoint.category()) {
      case STATIC, API -> roll < 85 ? Randoms.oneOf(random, SITE_PAGES) : "-";
      case PAGE -> roll < 40 ? "-" : roll < 70 ? Randoms.oneOf(random, EXTERNAL)
          : Randoms.oneOf(random, SITE_PAGES);
      default -> roll < 50 ? "-" : Randoms.oneOf(random, SITE_PAGES);
    };
  }

  private static Weighted<String> methods(
      double get, double post, double put, double delete, double head) {
    return Weighted.<String>builder()
        .add(get, "GET").add(post, "POST").add(put, "PUT").add(delete, "DELETE").add(head, "HEAD")
        .build();
  }
}
