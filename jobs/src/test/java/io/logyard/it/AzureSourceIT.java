package io.logyard.it;

import io.logyard.generate.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Azure Blob Storage through ABFS (hadoop-azure) against Azurite (npm, `make tools`), with a
 * shared key read from an owner-only file. Azurite has no DFS endpoint: the source's hadoop
 * settings point ABFS at the Blob endpoint, as for a storage account without hierarchical namespace.
 */
class AzureSourceIT extends CloudSourceScenario {
  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  static final String ACCOUNT = "devstoreaccount1";
  static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  static final String CONTAINER = "logyard";
  private Emulator azurite;

  @Override
  protected Provider provider() {
    return Provider.AZURE;
  }

  @Override
  protected void startStore() throws Exception {
    int port = Emulator.freePort();
    azurite = Emulator.start("azurite", List.of(Emulator.tool("node_modules/.bin/azurite-blob").toString(),
        "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(port), "--skipApiVersionCheck", "--loose",
        "--inMemoryPersistence"), port, dir.resolve("azurite"));
  }

  @Override
  protected void stopStore() {
    if (azurite != null) azurite.close();
  }

  @Override
  protected String bucketRoot() {
    return "abfs://" + CONTAINER + "@" + ACCOUNT + ".dfs.core.windows.net/";
  }

  @Override
  protected boolean listsEtags() {
    return true;
  }

  @Override
  protected String sourcesYaml() {
    try {
      String common = """
            provider: azure
            project_id: logyarddemo
            region: westeurope
            path_template: "y={yyyy}/m={mm}/d={dd}/{node}-{*}"
            endpoint: http://127.0.0.1:%d
            credentials: {type: shared_key, account_key_file: %s}
            hadoop:
              fs.azure.account.hns.enabled: "false"
              fs.azure.fns.account.service.type: BLOB
              fs.azure.ingress.service.type: BLOB
              fs.azure.networking.library: JDK_HTTP_URL_CONNECTION
              fs.azure.createRemoteFileSystemDuringInitialization: "true"
          """.formatted(azurite.port, secretFile("azurite.key", KEY));
      return """
          - name: azure-access
            uri: %saccess
            format: combined
          %s- name: azure-app
            uri: %sapp
            format: json
          %s""".formatted(bucketRoot(), common, bucketRoot(), common);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
