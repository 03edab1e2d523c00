package io.logyard.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The metadata of one simulated node, as its application writes it into every JSON log line
 * (the {@code /etc/NODE_INFO} of seed 000).
 *
 * @param index 1-based index within the provider
 * @param name e.g. {@code aws-node-1}
 */
public record NodeInfo(
    Provider provider,
    int index,
    String name,
    String hostname,
    String publicIp,
    String privateIp,
    String version) {

  private static final List<String> VERSIONS = List.of("1.4.2", "1.4.2", "1.4.3", "1.5.0");

  /** Node {@code index} of {@code provider}; its addresses depend only on the seed and the name. */
  static NodeInfo of(Provider provider, int index, long seed) {
    String name = provider.nodeName(index);
    SplittableRandom r = Randoms.forKey(seed, "node:" + name);
    String version = Randoms.oneOf(r, VERSIONS);
    int host = Randoms.between(r, 4, 250);
    int subnet = Randoms.between(r, 1, 3);
    return switch (provider) {
      case AWS -> {
        String privateIp = "10.0." + subnet + "." + host;
        yield new NodeInfo(provider, index, name,
            "ip-" + privateIp.replace('.', '-') + ".ec2.internal",
            Randoms.oneOf(r, List.of("3.86.", "54.210.", "44.199.", "34.224."))
                + r.nextInt(256) + "." + Randoms.between(r, 1, 254),
            privateIp, version);
      }
      case GCP -> new NodeInfo(provider, index, name,
          name + "." + provider.region() + "-a.c." + provider.account() + ".internal",
          Randoms.oneOf(r, List.of("34.121.", "35.192.", "34.70.", "104.197."))
              + r.nextInt(256) + "." + Randoms.between(r, 1, 254),
          "10.128.0." + host, version);
      case AZURE -> new NodeInfo(provider, index, name,
          name + ".internal.cloudapp.net",
          Randoms.oneOf(r, List.of("20.103.", "40.114.", "51.124.", "13.69."))
              + r.nextInt(256) + "." + Randoms.between(r, 1, 254),
          "10.1." + subnet + "." + host, version);
      case OCI -> new NodeInfo(provider, index, name,
          name + ".subnet" + subnet + ".logyardvcn.oraclevcn.com",
          Randoms.oneOf(r, List.of("129.146.", "130.61.", "138.2.", "152.70."))
              + r.nextInt(256) + "." + Randoms.between(r, 1, 254),
          "10.0." + subnet + "." + host, version);
    };
  }
}
