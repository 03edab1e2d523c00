package io.logyard.bench;

import io.logyard.format.LogFormats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic, deterministic log lines for the parser benchmarks: the same seed gives the same
 * lines, so the report can state their average length.
 */
public final class BenchData {
  private static final String[] PATHS = {
    "/", "/index.html", "/api/v2/orders", "/api/v2/orders/18342", "/static/js/app.4f9c2b.js",
    "/static/css/site.css", "/img/products/shoe-1289.jpg", "/search", "/login", "/cart/checkout",
    "/health", "/favicon.ico", "/wp-login.php", "/A%20Beka%20G1%20Howe/029_AND_30/reading.mp4"
  };
  private static final String[] QUERIES = {
    "", "", "", "?q=running+shoes&page=2", "?utm_source=newsletter&utm_medium=email",
    "?id=18342", "?lang=en"
  };
  private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "PUT", "HEAD",
    "DELETE"};
  private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 304, 301, 404, 403, 500,
    503, 206};
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.3 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "curl/8.5.0",
    "python-requests/2.31.0",
    "Googlebot/2.1 (+http://www.google.com/bot.html)",
    "aws-sdk-java/2.25.6 Linux/6.1.79 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10"
        + " vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/standard"
  };
  private static final String[] REFERRERS = {
    "-", "-", "https://www.example.test/", "https://www.example.test/search?q=shoes",
    "https://news.example.org/article/2024/03/05/best-running-shoes"
  };
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy", Locale.ROOT);
  private static final long START = Instant.parse("2024-03-05T00:00:00Z").getEpochSecond();

  private BenchData() {}

  /** {@code count} lines of the format, from a fixed seed. */
  public static String[] lines(String format, int count) {
    SplittableRandom r = new SplittableRandom(20240305L);
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = line(format, r, i);
    }
    return out;
  }

  /** Average UTF-8 length of the lines, line terminators not counted. */
  public static double averageBytes(String[] lines) {
    long total = 0;
    for (String l : lines) {
      total += l.getBytes(StandardCharsets.UTF_8).length;
    }
    return (double) total / lines.length;
  }

  /**
   * The definition of a user-defined format the benchmark measures ({@code delimited}: a CSV
   * export of an application's requests; {@code regex}: the same fields matched by a pattern), or
   * no options for a built-in format.
   */
  public static Map<String, String> options(String format) {
    switch (format) {
      case "delimited":
        return Map.of("delimiter", ",", "fields", USER_FIELDS);
      case "regex":
        return Map.of("pattern", "^(?<ts>[^,]+),(?<ip>[^,]+),(?<status>\\d+),(?<bytes>\\d+),"
            + "(?<path>[^,]*),(?<took>[0-9.]+),(?<user>[^,]*),(?<note>.*)$", "fields", USER_FIELDS);
      default:
        return Map.of();
    }
  }

  /** The fields of the user-defined formats: columns, an identifier and a free-text note. */
  private static final String USER_FIELDS = "ts:timestamp:timestamp, ip:string:client_ip,"
      + " status:int:http_status, bytes:long:response_bytes, path:string:endpoint,"
      + " took:double:latency_ms, user:string::identifier, note";

  /** The formats {@link #lines} makes lines for: the built-in ones and the user-defined types. */
  public static List<String> formats() {
    List<String> all = new ArrayList<>(LogFormats.names());
    all.addAll(List.of("delimited", "regex"));
    return all;
  }

  private static String userDefined(SplittableRandom r, int i) {
    return iso(r, i) + "," + client(r) + "," + STATUSES[r.nextInt(STATUSES.length)] + ","
        + r.nextInt(200_000) + "," + pick(r, PATHS) + "," + r.nextInt(500) + "." + r.nextInt(10)
        + "," + pick(r, new String[] {"alice", "bob", "-", "svc-batch"}) + ","
        + pick(r, new String[] {"ok", "cache miss", "retried once", "slow upstream"});
  }

  static String line(String format, SplittableRandom r, int i) {
    switch (format) {
      case "delimited":
      case "regex":
        return userDefined(r, i);
      case "combined":
        return access(r, i, true);
      case "common":
        return access(r, i, false);
      case "json":
        return json(r, i);
      case "s3-access":
        return s3(r, i);
      case "gcs-usage":
        return gcs(r, i);
      case "azure-storage":
        return azure(r, i);
      case "oci-objectstorage":
        return oci(r, i);
      case "apache-error":
        return apacheError(r, i);
      case "aws-alb":
        return alb(r, i);
      case "aws-elb":
        return elb(r, i);
      case "aws-cloudfront":
        return cloudfront(r, i);
      case "aws-vpc-flow":
        return vpcFlow(r, i);
      case "aws-cloudtrail":
        return cloudtrail(r, i);
      case "syslog":
        return syslog(r, i);
      case "nginx-error":
        return nginxError(r, i);
      case "logfmt":
        return logfmt(r, i);
      case "gcp-logging":
        return gcpLogging(r, i);
      case "azure-monitor":
        return azureMonitor(r, i);
      default:
        throw new IllegalArgumentException(format);
    }
  }

  private static String iso(SplittableRandom r, int i) {
    return time(i).format(ISO) + "." + String.format(Locale.ROOT, "%06d", r.nextInt(1_000_000))
        + "Z";
  }

  private static String alb(SplittableRandom r, int i) {
    int status = STATUSES[r.nextInt(STATUSES.length)];
    return pick(r, new String[] {"http", "https", "h2"}) + " " + iso(r, i)
        + " app/my-loadbalancer/50dc6c495c0c9188 " + client(r) + ":" + (1024 + r.nextInt(60000))
        + " 10.0.0." + (1 + r.nextInt(200)) + ":80 0.00" + r.nextInt(10) + " 0.0" + r.nextInt(99)
        + " 0.000 " + status + " " + status + " " + r.nextInt(2000) + " " + r.nextInt(200_000)
        + " \"" + pick(r, METHODS) + " https://www.example.com:443" + pick(r, PATHS)
        + pick(r, QUERIES) + " HTTP/1.1\" \"" + pick(r, AGENTS)
        + "\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:"
        + "123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337262-"
        + Long.toHexString(r.nextLong()) + "\" \"www.example.com\" \"arn:aws:acm:us-east-2:"
        + "123456789012:certificate/12345678-1234-1234-1234-123456789012\" 0 " + iso(r, i)
        + " \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"" + status
        + "\" \"-\" \"-\" TID_1234abcd5678ef90";
  }

  private static String elb(SplittableRandom r, int i) {
    int status = STATUSES[r.nextInt(STATUSES.length)];
    return iso(r, i) + " my-loadbalancer " + ipv4(r) + ":" + (1024 + r.nextInt(60000))
        + " 10.0.0.1:80 0.000073 0.001048 0.000057 " + status + " " + status + " 0 "
        + r.nextInt(200_000) + " \"" + pick(r, METHODS) + " http://www.example.com:80"
        + pick(r, PATHS) + " HTTP/1.1\" \"" + pick(r, AGENTS) + "\" - -";
  }

  private static String cloudfront(SplittableRandom r, int i) {
    String[] t = time(i).format(ISO).split("T");
    return String.join("\t", t[0], t[1], "LAX1", String.valueOf(r.nextInt(200_000)), client(r),
        pick(r, METHODS), "d111111abcdef8.cloudfront.net", pick(r, PATHS),
        String.valueOf(STATUSES[r.nextInt(STATUSES.length)]), "-",
        pick(r, AGENTS).replace(" ", "%20"), r.nextBoolean() ? "-" : "page=" + r.nextInt(9), "-",
        "Hit", "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
        "d111111abcdef8.cloudfront.net", "https", "23", "0.00" + r.nextInt(10), "-", "TLSv1.2",
        "ECDHE-RSA-AES128-GCM-SHA256", "Hit", "HTTP/2.0", "-", "-",
        String.valueOf(1024 + r.nextInt(60000)), "0.001", "Hit", "text/html", "78", "-", "-");
  }

  private static String vpcFlow(SplittableRandom r, int i) {
    return "2 123456789010 eni-1235b8ca123456789 " + ipv4(r) + " 172.31.16.21 "
        + (1024 + r.nextInt(60000)) + " " + pick(r, new String[] {"22", "443", "80", "3389"})
        + " 6 " + r.nextInt(100) + " " + r.nextInt(100_000) + " " + (START + i / 7) + " "
        + (START + i / 7 + 60) + " " + (r.nextInt(10) == 0 ? "REJECT" : "ACCEPT") + " OK";
  }

  private static String cloudtrail(SplittableRandom r, int i) {
    return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\","
        + "\"principalId\":\"AIDA6ON6E4XEGITEXAMPLE\",\"arn\":\"arn:aws:iam::888888888888:"
        + "user/Mary\",\"accountId\":\"888888888888\",\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\","
        + "\"userName\":\"Mary\"},\"eventTime\":\"" + time(i).format(ISO) + "Z\","
        + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\""
        + pick(r, new String[] {"GetObject", "PutObject", "ListBuckets"}) + "\",\"awsRegion\":"
        + "\"us-east-1\",\"sourceIPAddress\":\"" + ipv4(r) + "\",\"userAgent\":\""
        + pick(r, AGENTS) + "\",\"requestParameters\":{\"bucketName\":\"logs\",\"key\":"
        + "\"a/" + r.nextInt(1000) + ".txt\"},\"responseElements\":null,\"requestID\":\""
        + Long.toHexString(r.nextLong()) + "\",\"eventID\":\"" + Long.toHexString(r.nextLong())
        + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"recipientAccountId\":"
        + "\"888888888888\"}";
  }

  private static String syslog(SplittableRandom r, int i) {
    return "<" + (8 + r.nextInt(180)) + ">1 " + iso(r, i) + " web-" + r.nextInt(9)
        + ".example.com sshd " + r.nextInt(65536) + " ID47 - Accepted publickey for alice from "
        + ipv4(r) + " port " + r.nextInt(65536) + " ssh2";
  }

  private static String nginxError(SplittableRandom r, int i) {
    return time(i).format(ISO).replace('-', '/').replace('T', ' ') + " [error] 1234#0: *"
        + r.nextInt(100_000) + " open() \"/usr/share/nginx/html" + pick(r, PATHS)
        + "\" failed (2: No such file or directory), client: " + client(r)
        + ", server: localhost, request: \"GET " + pick(r, PATHS)
        + " HTTP/1.1\", host: \"localhost\"";
  }

  private static String logfmt(SplittableRandom r, int i) {
    return "ts=" + iso(r, i) + " level=" + pick(r, new String[] {"info", "warn", "error"})
        + " msg=\"request done\" method=" + pick(r, METHODS) + " path=" + pick(r, PATHS)
        + " status=" + STATUSES[r.nextInt(STATUSES.length)] + " duration=" + r.nextInt(900)
        + "ms host=web-1 service=api";
  }

  private static String gcpLogging(SplittableRandom r, int i) {
    return "{\"insertId\":\"" + Long.toHexString(r.nextLong()) + "\",\"httpRequest\":{"
        + "\"requestMethod\":\"" + pick(r, METHODS) + "\",\"requestUrl\":\"https://example.com"
        + pick(r, PATHS) + "\",\"status\":" + STATUSES[r.nextInt(STATUSES.length)]
        + ",\"responseSize\":\"" + r.nextInt(200_000) + "\",\"userAgent\":\""
        + pick(r, AGENTS) + "\",\"remoteIp\":\"" + client(r) + "\",\"latency\":\"0."
        + r.nextInt(999) + "s\"},\"resource\":{\"type\":\"http_load_balancer\",\"labels\":"
        + "{\"project_id\":\"my-project\"}},\"timestamp\":\"" + iso(r, i)
        + "\",\"severity\":\"INFO\",\"logName\":\"projects/my-project/logs/requests\","
        + "\"receiveTimestamp\":\"" + iso(r, i) + "\"}";
  }

  private static String azureMonitor(SplittableRandom r, int i) {
    return "{\"time\":\"" + iso(r, i) + "\",\"resourceId\":\"/SUBSCRIPTIONS/0000/"
        + "RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/ACCT/BLOBSERVICES/"
        + "DEFAULT\",\"category\":\"StorageRead\",\"operationName\":\"GetBlob\","
        + "\"statusCode\":" + STATUSES[r.nextInt(STATUSES.length)] + ",\"durationMs\":"
        + r.nextInt(900) + ",\"callerIpAddress\":\"" + ipv4(r) + ":" + r.nextInt(65536)
        + "\",\"correlationId\":\"" + Long.toHexString(r.nextLong()) + "\",\"properties\":"
        + "{\"userAgentHeader\":\"" + pick(r, AGENTS) + "\",\"serviceType\":\"blob\"},"
        + "\"uri\":\"https://acct.blob.core.windows.net/logs" + pick(r, PATHS) + "\"}";
  }

  private static String pick(SplittableRandom r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  private static String ipv4(SplittableRandom r) {
    return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "."
        + (1 + r.nextInt(254));
  }

  private static String client(SplittableRandom r) {
    return r.nextInt(20) == 0
        ? "2001:db8:" + Integer.toHexString(r.nextInt(65536)) + "::" + Integer.toHexString(
            1 + r.nextInt(65535))
        : ipv4(r);
  }

  private static LocalDateTime time(int i) {
    return LocalDateTime.ofEpochSecond(START + i / 7, 0, ZoneOffset.UTC);
  }

  private static String access(SplittableRandom r, int i, boolean combined) {
    StringBuilder b = new StringBuilder(256);
    b.append(client(r)).append(" - ").append(r.nextInt(10) == 0 ? "alice" : "-").append(" [")
        .append(time(i).format(CLF)).append(r.nextBoolean() ? " +0000" : " -0700").append("] \"")
        .append(pick(r, METHODS)).append(' ').append(pick(r, PATHS)).append(pick(r, QUERIES))
        .append(" HTTP/1.1\" ").append(STATUSES[r.nextInt(STATUSES.length)]).append(' ')
        .append(r.nextInt(30) == 0 ? "-" : String.valueOf(r.nextInt(200_000)));
    if (combined) {
      b.append(" \"").append(pick(r, REFERRERS)).append("\" \"").append(pick(r, AGENTS))
          .append('"');
    }
    return b.toString();
  }

  private static String json(SplittableRandom r, int i) {
    String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARNING", "ERROR", "CRITICAL"};
    String[] services = {"auth-service", "db-service", "monitoring", "checkout", "search"};
    String[] messages = {
      "User logged in successfully", "Database connection failed", "High memory usage detected",
      "Order placed", "Cache miss for key product:18342", "Request timed out after 30s"
    };
    return "{\"@timestamp\":\"" + time(i).format(ISO) + "."
        + String.format(Locale.ROOT, "%03d", r.nextInt(1000)) + "Z\",\"level\":\"" + pick(r, levels)
        + "\",\"message\":\"" + pick(r, messages)
        + "\",\"service\":\"" + pick(r, services) + "\",\"event_id\":\"evt-" + i
        + "\",\"hostname\":\"node-" + r.nextInt(8) + ".internal\",\"version\":\"1.4."
        + r.nextInt(10) + "\",\"metadata\":{\"user_id\":\"" + r.nextInt(100_000)
        + "\",\"request_ms\":" + r.nextInt(2000) + ",\"region\":\"eu-west-1\"}}";
  }

  private static String s3(SplittableRandom r, int i) {
    String op = r.nextInt(4) == 0 ? "REST.PUT.OBJECT" : "REST.GET.OBJECT";
    String key = "data/2024/03/05/part-" + String.format(Locale.ROOT, "%05d", r.nextInt(99_999))
        + ".parquet";
    int status = STATUSES[r.nextInt(STATUSES.length)];
    return "36c1f05b76016b78528454e6e0c60e2b7ff7aa20c0a5e4c748276e5b0a2debd2 analytics-prod ["
        + time(i).format(CLF) + " +0000] " + ipv4(r)
        + " arn:aws:sts::123456789012:assumed-role/etl-runner/session-" + r.nextInt(1000) + " "
        + Long.toHexString(r.nextLong()).toUpperCase(Locale.ROOT) + " " + op + " " + key + " \""
        + (op.startsWith("REST.PUT") ? "PUT" : "GET") + " /analytics-prod/" + key
        + (r.nextInt(3) == 0 ? "?partNumber=2" : "") + " HTTP/1.1\" " + status + " "
        + (status >= 400 ? "NoSuchKey" : "-") + " " + r.nextInt(10_000_000) + " "
        + r.nextInt(100_000_000) + " " + r.nextInt(500) + " " + r.nextInt(100) + " \""
        + pick(r, REFERRERS) + "\" \"" + pick(r, AGENTS) + "\" - "
        + "BsCfJedfuSnds2QFoxi+E/O7M6OEWzJnw4dUaes/2hyA363sONRJKzB7EOY+Bt9DTHYUn+HoHxI= SigV4"
        + " ECDHE-RSA-AES128-GCM-SHA256 AuthHeader analytics-prod.s3.eu-west-1.amazonaws.com"
        + " TLSv1.2 - -";
  }

  private static String gcs(SplittableRandom r, int i) {
    long micros = (START + i / 7) * 1_000_000L + r.nextInt(1_000_000);
    String obj = "exports/2024/03/05/file-" + r.nextInt(100_000) + ".json";
    return "\"" + micros + "\",\"" + ipv4(r) + "\",\"1\",\"\",\"GET\",\"/download/storage/v1/b/"
        + "shop-assets/o/" + obj.replace("/", "%2F") + "?alt=media\",\"" + STATUSES[r.nextInt(
        STATUSES.length)] + "\",\"0\",\"" + r.nextInt(1_000_000) + "\",\"" + r.nextInt(200_000)
        + "\",\"storage.googleapis.com\",\"\",\"" + pick(r, AGENTS) + "\",\"ADPycdt"
        + Long.toHexString(r.nextLong()) + "\",\"GET_Object\",\"shop-assets\",\"" + obj + "\"";
  }

  private static String azure(SplittableRandom r, int i) {
    String blob = "images/2024/03/photo-" + r.nextInt(100_000) + ".jpg";
    return "1.0;" + time(i).format(ISO) + "."
        + String.format(Locale.ROOT, "%07d", r.nextInt(10_000_000)) + "Z;GetBlob;Success;"
        + STATUSES[r.nextInt(STATUSES.length)] + ";"
        + r.nextInt(300) + ";"
        + r.nextInt(100) + ";authenticated;shopdata;shopdata;blob;\"https://shopdata.blob.core."
        + "windows.net/" + blob + "?timeout=30\";\"/shopdata/" + blob + "\";"
        + new java.util.UUID(r.nextLong(), r.nextLong()) + ";0;" + ipv4(r) + ":" + (1024
        + r.nextInt(60000)) + ";2021-08-06;512;0;376;" + r.nextInt(1_000_000)
        + ";0;;\"Q2hlY2tzdW0xMjM0NTY3OA==\";\"&quot;0x8DC3CEXAMPLE&quot;\";"
        + "Tuesday, 05-Mar-24 09:00:00 GMT;;\"" + pick(r, AGENTS) + "\";;\""
        + new java.util.UUID(r.nextLong(), r.nextLong()) + "\"";
  }

  private static String oci(SplittableRandom r, int i) {
    String t =
        time(i).format(ISO) + "." + String.format(Locale.ROOT, "%03d", r.nextInt(900)) + "Z";
    return "{\"data\":{\"apiType\":\"native\",\"authenticationType\":\"instance\","
        + "\"bucketCreator\":\"ocid1.user.oc1..aaaaexamplecreator\",\"bucketId\":"
        + "\"ocid1.bucket.oc1.eu-frankfurt-1.aaaaexamplebucket\",\"bucketName\":\"reports\","
        + "\"clientIpAddress\":\"" + ipv4(r) + "\",\"compartmentId\":"
        + "\"ocid1.compartment.oc1..aaaaexamplecomp\",\"compartmentName\":\"analytics\","
        + "\"credentials\":\"ST$example\",\"endTime\":\"" + t + "\",\"eTag\":\"a7c2e5f0\","
        + "\"isPar\":false,\"message\":\"Object retrieved\",\"namespaceName\":\"tenancy\","
        + "\"objectName\":\"2024/03/q" + r.nextInt(1000) + ".csv\",\"opcRequestId\":\"fra-1:"
        + Long.toHexString(r.nextLong()) + "\",\"principalName\":\"etl-runner\",\"region\":"
        + "\"eu-frankfurt-1\",\"requestAction\":\"GET\",\"requestResourcePath\":"
        + "\"/n/tenancy/b/reports/o/2024/03/q" + r.nextInt(1000) + ".csv\",\"startTime\":\"" + t
        + "\",\"statusCode\":" + STATUSES[r.nextInt(STATUSES.length)] + ",\"userAgent\":\""
        + pick(r, AGENTS) + "\"},\"id\":\"" + new java.util.UUID(r.nextLong(), r.nextLong())
        + "\",\"oracle\":{\"compartmentid\":\"ocid1.compartment.oc1..aaaaexamplecomp\","
        + "\"ingestedtime\":\"" + t + "\",\"loggroupid\":\"ocid1.loggroup.oc1.example\","
        + "\"logid\":\"ocid1.log.oc1.example\",\"tenantid\":\"ocid1.tenancy.oc1..example\"},"
        + "\"source\":\"reports\",\"specversion\":\"1.0\",\"time\":\"" + t + "\",\"type\":"
        + "\"com.oraclecloud.objectstorage.getobject\"}";
  }

  private static String apacheError(SplittableRandom r, int i) {
    String ts = time(i).withNano(r.nextInt(1_000_000) * 1000).format(CTIME);
    switch (r.nextInt(3)) {
      case 0:
        return "[" + ts + "] [core:error] [pid " + r.nextInt(60000) + ":tid " + r.nextLong()
            + "] [client " + ipv4(r) + ":" + (1024 + r.nextInt(60000))
            + "] AH00128: File does not exist: /srv/www" + pick(r, PATHS)
            + ", referer: https://www.example.test/";
      case 1:
        return "[" + ts + "] [ssl:warn] [pid " + r.nextInt(60000) + "] AH01909: "
            + "www.example.test:443:0 server certificate does NOT include an ID which matches"
            + " the server name";
      default:
        return "[" + ts + "] [authz_core:error] [pid " + r.nextInt(60000) + ":tid "
            + r.nextLong() + "] [client " + ipv4(r) + ":" + (1024 + r.nextInt(60000))
            + "] AH01630: client denied by server configuration: /srv/www/private";
    }
  }
}
