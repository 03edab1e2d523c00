package io.logyard.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * AWS Application Load Balancer access log lines of one load balancer node, for one file, in
 * the documented field order: the same traffic as the nodes' access logs ({@link
 * AccessLogLines}), seen by an HTTPS listener in front of the AWS nodes. Requests the targets
 * could not answer (502, 503) have no target and processing times of {@code -1}.
 */
final class AlbLogLines {

  /** {@code 2026-11-20T10:00:03.123456Z}: always with microseconds. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static final String DOMAIN = "shop.example.com";
  private static final String ELB =
      "app/" + ProviderLayout.AWS_ALB_NAME + "/" + ProviderLayout.AWS_ALB_ID;
  private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:"
      + ProviderLayout.AWS_REGION + ":" + ProviderLayout.AWS_ACCOUNT
      + ":targetgroup/logyard-web-targets/73e2d6bc24d8a067";
  private static final String CERTIFICATE = "arn:aws:acm:" + ProviderLayout.AWS_REGION + ":"
      + ProviderLayout.AWS_ACCOUNT + ":certificate/3b6f9d2e-71c4-4a58-9e0b-2c8d5f1a6e47";
  private static final List<String> TLS12_CIPHERS = List.of(
      "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
      "ECDHE-ECDSA-AES128-GCM-SHA256");
  private static final List<String> TLS13_CIPHERS =
      List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");

  private final SplittableRandom random;
  private final AccessLogLines requests;
  private final List<String> targets;

  /**
   * @param node the load balancer node's AWS node (its traffic mix)
   * @param targetIps private addresses of the AWS nodes behind the load balancer
   */
  AlbLogLines(SplittableRandom random, NodeInfo node, List<String> targetIps) {
    this.random = random;
    this.requests = new AccessLogLines(random, node);
    this.targets = List.copyOf(targetIps);
  }

  /** One well-formed line for a response sent at {@code time}, without line terminator. */
  String line(Instant time) {
    AccessLogLines.Request r;
    do {
      r = requests.request();
    } while (r.clientIp().startsWith("10.")); // the nodes' own health checks are not logged
    boolean http2 = r.protocol().equals("HTTP/2.0");
    boolean noTarget = (r.status() == 502 || r.status() == 503) && random.nextInt(3) > 0;
    String target = noTarget ? "-" : Randoms.oneOf(random, targets) + ":80";
    String times;
    long micros;
    if (noTarget) {
      times = "-1 -1 -1";
      micros = Randoms.between(random, 1_000, 30_000);
    } else {
      double request = random.nextInt(3) / 1000.0;
      double targetTime = r.status() >= 500 ? Randoms.between(random, 500, 30_000) / 1000.0
          : Randoms.between(random, 1, 450) / 1000.0;
      double response = random.nextInt(2) / 1000.0;
      times = seconds(request) + " " + seconds(targetTime) + " " + seconds(response);
      micros = Math.round((request + targetTime + response) * 1_000_000);
    }
    String sent = r.size().equals("-") ? "0" : r.size();
    long bodyBytes = r.method().equals("POST") || r.method().equals("PUT")
        ? Randoms.between(random, 200, 4_000) : 0;
    long received = Randoms.between(random, 180, 900) + bodyBytes;
    boolean tls13 = random.nextInt(10) < 4;
    String cipher = Randoms.oneOf(random, tls13 ? TLS13_CIPHERS : TLS12_CIPHERS);
    String trace = "Root=1-" + Long.toHexString(time.getEpochSecond()) + "-"
        + Randoms.hex(random, 24);
    boolean redirect = r.status() == 301;
    String path = r.target().replace("\\\"", "%22"); // clients send quotes percent-encoded
    String actions = redirect ? "redirect" : noTarget ? "forward" : "waf,forward";
    String redirectUrl = redirect
        ? "https://" + DOMAIN + ":443" + path + (path.endsWith("/") ? "" : "/") : "-";
    String error = noTarget ? (r.status() == 503 ? "-" : "TargetConnectionErrorCode") : "-";
    int rule = r.scan() ? 0 : path.startsWith("/api/") ? 2 : redirect ? 1 : 3;
    Instant created = time.minusNanos(micros * 1000);
    return (http2 ? "h2" : "https") + " " + TIME.format(time) + " " + ELB + " "
        + r.clientIp() + ":" + Randoms.between(random, 1024, 65535) + " " + target + " "
        + times + " " + r.status() + " " + (noTarget ? "-" : Integer.toString(r.status())) + " "
        + received + " " + sent
        + " \"" + r.method() + " https://" + DOMAIN + ":443" + path + " " + r.protocol() + "\""
        + " \"" + r.userAgent() + "\" " + cipher + " " + (tls13 ? "TLSv1.3" : "TLSv1.2") + " "
        + (noTarget && r.status() == 503 ? "-" : TARGET_GROUP)
        + " \"" + trace + "\" \"" + DOMAIN + "\" \"" + CERTIFICATE + "\" " + rule + " "
        + TIME.format(created) + " \"" + actions + "\" \"" + redirectUrl + "\" \"" + error
        + "\" \"" + target + "\" \"" + (noTarget ? "-" : Integer.toString(r.status())) + "\""
        + " \"-\" \"-\" TID_" + Randoms.hex(random, 32);
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }
}
