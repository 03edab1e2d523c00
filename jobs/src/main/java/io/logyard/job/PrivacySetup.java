package io.logyard.job;

import io.logyard.config.ConfigException;
import io.logyard.config.LogyardConfig;
import io.logyard.config.SecretFiles;
import io.logyard.privacy.Anonymizer;
import io.logyard.privacy.PrivacyPolicy;
import io.logyard.privacy.Treatment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the anonymizer from the privacy config: the policy's field treatments over the
 * defaults, and the pseudonymization key from the environment or from a file that only its
 * owner can read. The key's value never appears in a message.
 */
public final class PrivacySetup {
  private PrivacySetup() {}

  public static Anonymizer anonymizer(LogyardConfig.Privacy p, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    byte[] key = key(p, env, problems);
    Map<String, Treatment> fields = new HashMap<>(PrivacyPolicy.defaults(new byte[32]).fields());
    Set<String> known = PrivacyPolicy.knownFields();
    for (Map.Entry<String, String> e : p.fields().entrySet()) {
      String name = e.getKey();
      if (!known.contains(name) && !name.startsWith("attributes.")) {
        problems.add("privacy.fields." + name + ": unknown field (expected one of " + String.join(", ", known.stream().sorted().toList()) + ", or attributes.<name>)");
        continue;
      }
      fields.put(name, Treatment.parse(e.getValue().toLowerCase(Locale.ROOT)));
    }
    if (!problems.isEmpty()) throw new ConfigException("privacy", problems);
    return new Anonymizer(new PrivacyPolicy(p.ipv4KeepOctets(), p.ipv6KeepBits(), Map.copyOf(fields), key));
  }

  private static byte[] key(LogyardConfig.Privacy p, Map<String, String> env, List<String> problems) {
    String fromEnv = p.hmacKeyEnv() == null ? null : env.get(p.hmacKeyEnv());
    if (fromEnv != null && !fromEnv.isBlank()) {
      if (fromEnv.trim().length() < 16) {
        problems.add("privacy: the key in " + p.hmacKeyEnv() + " has fewer than 16 characters; use a longer random key");
        return null;
      }
      return fromEnv.trim().getBytes(StandardCharsets.UTF_8);
    }
    if (p.hmacKeyFile() == null) {
      problems.add("privacy: no pseudonymization key: set the environment variable " + p.hmacKeyEnv()
          + " or privacy.hmac_key_file");
      return null;
    }
    Path file = Path.of(p.hmacKeyFile());
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && p.hmacKeyCreate()) {
      try {
        create(file);
      } catch (IOException e) {
        problems.add("privacy.hmac_key_file: cannot create " + file + ": " + e.getMessage());
        return null;
      }
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      problems.add("privacy.hmac_key_file: " + file + " does not exist (set privacy.hmac_key_create: true to create one)");
      return null;
    }
    String text;
    try {
      text = SecretFiles.readOwnerOnly(file);
    } catch (IllegalArgumentException e) {
      problems.add("privacy.hmac_key_file: " + e.getMessage());
      return null;
    }
    if (text.length() < 16) {
      problems.add("privacy.hmac_key_file: " + file + " holds fewer than 16 characters; use a longer random key");
      return null;
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void create(Path file) throws IOException {
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
  }
}
