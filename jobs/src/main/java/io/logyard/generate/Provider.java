package io.logyard.generate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The cloud providers the generator writes sample logs for, with their demo storage layout. */
public enum Provider {
  AWS(
      "aws",
      ProviderLayout.AWS_BUCKET,
      ProviderLayout.AWS_ACCOUNT,
      ProviderLayout.AWS_REGION,
      ProviderLayout.AWS_ROOT,
      ProviderLayout.AWS_PATH_TEMPLATE),
  GCP(
      "gcp",
      ProviderLayout.GCP_BUCKET,
      ProviderLayout.GCP_PROJECT,
      ProviderLayout.GCP_REGION,
      ProviderLayout.GCP_ROOT,
      ProviderLayout.GCP_PATH_TEMPLATE),
  AZURE(
      "azure",
      ProviderLayout.AZURE_CONTAINER,
      ProviderLayout.AZURE_ACCOUNT,
      ProviderLayout.AZURE_REGION,
      ProviderLayout.AZURE_ROOT,
      ProviderLayout.AZURE_PATH_TEMPLATE),
  OCI(
      "oci",
      ProviderLayout.OCI_BUCKET,
      ProviderLayout.OCI_NAMESPACE,
      ProviderLayout.OCI_REGION,
      ProviderLayout.OCI_ROOT,
      ProviderLayout.OCI_PATH_TEMPLATE);

  private final String id;
  private final String bucket;
  private final String account;
  private final String region;
  private final String root;
  private final String pathTemplate;

  Provider(
      String id, String bucket, String account, String region, String root, String pathTemplate) {
    this.id = id;
    this.bucket = bucket;
    this.account = account;
    this.region = region;
    this.root = root;
    this.pathTemplate = pathTemplate;
  }

  /** The lower-case name used on the command line, in paths and in node names. */
  public String id() {
    return id;
  }

  /** Bucket (Azure: container) name. */
  public String bucket() {
    return bucket;
  }

  /** AWS account id, GCP project, Azure storage account or OCI namespace. */
  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  /** The folder under the output directory that stands for the bucket. */
  public String root() {
    return root;
  }

  /** See {@link ProviderLayout} for the placeholders. */
  public String pathTemplate() {
    return pathTemplate;
  }

  /** The name of node {@code index} (1-based), e.g. {@code gcp-node-2}. */
  public String nodeName(int index) {
    return id + "-node-" + index;
  }

  /**
   * The provider named {@code name}, ignoring case.
   *
   * @throws IllegalArgumentException naming the valid providers when there is none
   */
  public static Provider fromId(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Provider p : values()) {
      if (p.id.equals(wanted)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown provider '" + name + "' (expected one of " + ids() + ")");
  }

  /** {@code aws, gcp, azure, oci}. */
  public static String ids() {
    return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
  }
}
