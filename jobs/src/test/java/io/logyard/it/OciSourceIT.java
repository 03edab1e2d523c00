package io.logyard.it;

import io.logyard.generate.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.gaul.s3proxy.S3Proxy;

/**
 * OCI Object Storage through s3a, configured the OCI way (namespace, region, customer secret
 * key; path-style access implied), with the endpoint that namespace and region derive overridden
 * by an S3 server on 127.0.0.1 (S3Proxy in this JVM).
 */
class OciSourceIT extends CloudSourceScenario {
  static final String BUCKET = "logyard-logs";
  /** Not S3SourceIT's pair: in ClusterIT's run of every provider both servers hold a bucket of this name. */
  static final String ACCESS_KEY = "ocid1.credential.logyardtest";
  static final String SECRET_KEY = "oci-customer-secret-key-9876543210";
  private S3Proxy s3;

  @Override
  protected Provider provider() {
    return Provider.OCI;
  }

  @Override
  protected void startStore() throws Exception {
    s3 = S3SourceIT.startS3(ACCESS_KEY, SECRET_KEY, BUCKET);
  }

  @Override
  protected void stopStore() throws Exception {
    if (s3 != null) s3.stop();
  }

  @Override
  protected String bucketRoot() {
    return "s3a://" + BUCKET + "/";
  }

  @Override
  protected boolean listsEtags() {
    return true;
  }

  @Override
  protected String sourcesYaml() {
    try {
      String common = """
            provider: oci
            namespace: logyardns
            region: eu-frankfurt-1
            project_id: logyardns
            endpoint: http://127.0.0.1:%d
            path_template: "{yyyy}-{mm}-{dd}/{node}-{*}"
            credentials: {type: keys, access_key_file: %s, secret_key_file: %s}
          """.formatted(s3.getPort(), secretFile("oci-access-key", ACCESS_KEY), secretFile("oci-secret-key", SECRET_KEY));
      return """
          - name: oci-access
            uri: s3a://%s/access
            format: combined
          %s- name: oci-app
            uri: s3a://%s/app
            format: json
          %s""".formatted(BUCKET, common, BUCKET, common);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
