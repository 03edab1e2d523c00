package io.logyard.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Where the sample-log generator puts each provider's files: the names of the demo buckets,
 * accounts and regions, and one path template per provider, relative to the generator's
 * {@code --out} directory. {@code conf/local.yaml} points its sources at exactly these paths.
 *
 * <p>Placeholders in the templates: {@code {kind}} ({@code access} or {@code app}), {@code
 * {yyyy}}, {@code {mm}}, {@code {dd}} (the UTC date of the file's first minute), {@code {node}}
 * (for example {@code aws-node-1}) and {@code {time}} (the file's first minute as {@code
 * yyyyMMdd'T'HHmm}, UTC: the start of its five-minute window, unless a run began mid-window). A file is named by its template plus {@link #PLAIN_SUFFIX} or {@link #GZIP_SUFFIX}.
 */
public final class ProviderLayout {

  /** Files rotate every five minutes: one file per node, kind and window. */
  public static final int ROTATION_MINUTES = 5;

  public static final String PLAIN_SUFFIX = ".log";
  public static final String GZIP_SUFFIX = ".log.gz";

  public static final String AWS_BUCKET = "logyard-logs";
  public static final String AWS_ACCOUNT = "123456789012";
  public static final String AWS_REGION = "us-east-1";
  /** The folder under {@code --out} that plays the role of the AWS bucket. */
  public static final String AWS_ROOT = "aws/" + AWS_BUCKET;
  public static final String AWS_PATH_TEMPLATE =
      AWS_ROOT + "/AWSLogs/" + AWS_ACCOUNT + "/" + AWS_REGION
          + "/{kind}/{yyyy}/{mm}/{dd}/{node}-{time}";

  /** The demo's Application Load Balancer in front of the AWS nodes: name and resource id. */
  public static final String AWS_ALB_NAME = "logyard-web";
  public static final String AWS_ALB_ID = "5f3c2a9e81d04b76";
  /**
   * ALB access logs as AWS delivers them: {@code {end}} is the end of the five-minute interval
   * ({@code yyyyMMdd'T'HHmm'Z'}, whose date also names the folders), {@code {ip}} the load
   * balancer node's address, {@code {random}} a random string. Always gzip'd.
   */
  public static final String AWS_ALB_PATH_TEMPLATE =
      AWS_ROOT + "/AWSLogs/" + AWS_ACCOUNT + "/elasticloadbalancing/" + AWS_REGION
          + "/{yyyy}/{mm}/{dd}/" + AWS_ACCOUNT + "_elasticloadbalancing_" + AWS_REGION
          + "_app." + AWS_ALB_NAME + "." + AWS_ALB_ID + "_{end}_{ip}_{random}.log.gz";
  /** CloudTrail log files as AWS delivers them ({@code {end}} and {@code {random}} as for ALB). */
  public static final String AWS_CLOUDTRAIL_PATH_TEMPLATE =
      AWS_ROOT + "/AWSLogs/" + AWS_ACCOUNT + "/CloudTrail/" + AWS_REGION
          + "/{yyyy}/{mm}/{dd}/" + AWS_ACCOUNT + "_CloudTrail_" + AWS_REGION
          + "_{end}_{random}.json.gz";

  public static final String GCP_BUCKET = "logyard-logs-gcp";
  public static final String GCP_PROJECT = "logyard-demo";
  public static final String GCP_REGION = "us-central1";
  public static final String GCP_ROOT = "gcp/" + GCP_BUCKET;
  public static final String GCP_PATH_TEMPLATE =
      GCP_ROOT + "/{kind}/{yyyy}/{mm}/{dd}/{node}-{time}";

  /**
   * Cloud Logging sink exports: {@code {log}} is the log id (a {@code /} in it makes folders),
   * {@code {hh}} the hour; one shard ({@code S0}) per log and hour, JSON lines, not compressed.
   */
  public static final String GCP_LOGGING_PATH_TEMPLATE =
      GCP_ROOT + "/{log}/{yyyy}/{mm}/{dd}/{hh}:00:00_{hh}:59:59_S0.json";

  /** The Azure container; the storage account is {@link #AZURE_ACCOUNT}. */
  public static final String AZURE_CONTAINER = "logyard";
  public static final String AZURE_ACCOUNT = "logyarddemo";
  public static final String AZURE_REGION = "westeurope";
  public static final String AZURE_ROOT = "azure/" + AZURE_CONTAINER;
  public static final String AZURE_PATH_TEMPLATE =
      AZURE_ROOT + "/{kind}/y={yyyy}/m={mm}/d={dd}/{node}-{time}";

  public static final String AZURE_SUBSCRIPTION = "6f1c2b3a-0000-4e5d-9c8b-7a6f5e4d3c2b";
  public static final String AZURE_RESOURCE_GROUP = "logyard-demo";
  /** The resource whose logs diagnostic settings archive: the storage account's blob service. */
  public static final String AZURE_STORAGE_RESOURCE_ID = "/subscriptions/" + AZURE_SUBSCRIPTION
      + "/resourceGroups/" + AZURE_RESOURCE_GROUP + "/providers/Microsoft.Storage/storageAccounts/"
      + AZURE_ACCOUNT + "/blobServices/default";
  /**
   * Azure Monitor resource logs archived by diagnostic settings: {@code {category}} in lower
   * case, the resource id in upper case, {@code {hh}} the hour; one append blob per category and
   * hour, one JSON record per line, not compressed.
   */
  public static final String AZURE_MONITOR_PATH_TEMPLATE = AZURE_ROOT
      + "/insights-logs-{category}/resourceId=/SUBSCRIPTIONS/6F1C2B3A-0000-4E5D-9C8B-7A6F5E4D3C2B"
      + "/RESOURCEGROUPS/LOGYARD-DEMO/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/LOGYARDDEMO"
      + "/BLOBSERVICES/DEFAULT/y={yyyy}/m={mm}/d={dd}/h={hh}/m=00/PT1H.json";

  public static final String OCI_BUCKET = "logyard-logs";
  public static final String OCI_NAMESPACE = "logyardns";
  public static final String OCI_REGION = "eu-frankfurt-1";
  public static final String OCI_ROOT = "oci/" + OCI_BUCKET;
  public static final String OCI_PATH_TEMPLATE =
      OCI_ROOT + "/{kind}/{yyyy}-{mm}-{dd}/{node}-{time}";

  private ProviderLayout() {}

  /**
   * The path of one file relative to the output directory, with forward slashes.
   *
   * @param firstMinute the first minute the file covers
   */
  public static String relativePath(
      Provider provider, LogKind kind, String node, Instant firstMinute, boolean gzip) {
    return render(provider.pathTemplate(), kind, node, firstMinute)
        + (gzip ? GZIP_SUFFIX : PLAIN_SUFFIX);
  }

  /**
   * The path of an AWS-delivered file ({@link LogKind#ALB} or {@link LogKind#CLOUDTRAIL})
   * relative to the output directory.
   *
   * @param end the end of the interval the file covers
   * @param ip the load balancer node's address (ALB only; ignored for CloudTrail)
   */
  public static String awsDeliveredPath(LogKind kind, Instant end, String ip, String random) {
    String template = switch (kind) {
      case ALB -> AWS_ALB_PATH_TEMPLATE;
      case CLOUDTRAIL -> AWS_CLOUDTRAIL_PATH_TEMPLATE;
      default -> throw new IllegalArgumentException(kind + " is not delivered by AWS");
    };
    ZonedDateTime t = end.atZone(ZoneOffset.UTC);
    return template
        .replace("{yyyy}", String.format(Locale.ROOT, "%04d", t.getYear()))
        .replace("{mm}", String.format(Locale.ROOT, "%02d", t.getMonthValue()))
        .replace("{dd}", String.format(Locale.ROOT, "%02d", t.getDayOfMonth()))
        .replace("{end}", String.format(Locale.ROOT, "%04d%02d%02dT%02d%02dZ", t.getYear(),
            t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute()))
        .replace("{ip}", ip == null ? "" : ip)
        .replace("{random}", random);
  }

  /**
   * The path of an hourly object ({@link LogKind#GCP_LOGGING} or {@link LogKind#AZURE_MONITOR})
   * relative to the output directory.
   *
   * @param name the log id (Cloud Logging) or the category (Azure Monitor, any case)
   * @param hour the hour the object covers
   */
  public static String hourlyPath(LogKind kind, String name, Instant hour) {
    String template = switch (kind) {
      case GCP_LOGGING -> GCP_LOGGING_PATH_TEMPLATE.replace("{log}", name);
      case AZURE_MONITOR -> AZURE_MONITOR_PATH_TEMPLATE
          .replace("{category}", name.toLowerCase(Locale.ROOT));
      default -> throw new IllegalArgumentException(kind + " is not written per hour");
    };
    ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
    return template
        .replace("{yyyy}", String.format(Locale.ROOT, "%04d", t.getYear()))
        .replace("{mm}", String.format(Locale.ROOT, "%02d", t.getMonthValue()))
        .replace("{dd}", String.format(Locale.ROOT, "%02d", t.getDayOfMonth()))
        .replace("{hh}", String.format(Locale.ROOT, "%02d", t.getHour()));
  }

  /** Fills a template's placeholders; see the class documentation for their meaning. */
  public static String render(String template, LogKind kind, String node, Instant firstMinute) {
    ZonedDateTime t = firstMinute.atZone(ZoneOffset.UTC);
    String yyyy = String.format(Locale.ROOT, "%04d", t.getYear());
    String mm = String.format(Locale.ROOT, "%02d", t.getMonthValue());
    String dd = String.format(Locale.ROOT, "%02d", t.getDayOfMonth());
    String time = yyyy + mm + dd
        + String.format(Locale.ROOT, "T%02d%02d", t.getHour(), t.getMinute());
    return template
        .replace("{kind}", kind.id())
        .replace("{yyyy}", yyyy)
        .replace("{mm}", mm)
        .replace("{dd}", dd)
        .replace("{node}", node)
        .replace("{time}", time);
  }
}
