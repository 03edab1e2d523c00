package io.logyard.privacy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How log events are anonymized before anything is written.
 *
 * <p>{@code fields} maps a configurable field name to its treatment: a {@code log_results} column
 * ({@link #knownFields()}), {@code attributes} (the treatment of every attribute without its own
 * entry) or {@code attributes.<name>} (one attribute). Fields the map leaves out take their
 * default treatment ({@link #defaultFields()}), so a policy is always complete and a forgotten
 * entry never means "keep": {@link #fields()} returns the effective, complete map.
 *
 * @param ipv4KeepOctets leading IPv4 octets kept, 0..4; the others are zeroed (seed 001: 3)
 * @param ipv6KeepBits leading IPv6 bits kept, 0..128; the others are zeroed (seed 001: 64)
 * @param fields treatment per field; entries given override the defaults
 * @param hmacKey the secret key of the pseudonymizing HMAC-SHA256; not empty. It comes from a
 *     secret, is copied on the way in and out, and never appears in {@link #toString()}.
 */
public record PrivacyPolicy(
    int ipv4KeepOctets, int ipv6KeepBits, Map<String, Treatment> fields, byte[] hmacKey)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Prefix of a single attribute's entry: {@code attributes.requester}. */
  public static final String ATTRIBUTE_PREFIX = "attributes.";

  private static final Set<String> KNOWN_FIELDS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              List.of(
                  "client_ip",
                  "public_ip",
                  "private_ip",
                  "message",
                  "endpoint",
                  "referrer",
                  "user_agent",
                  "hostname",
                  "remote_log_id",
                  "attributes")));

  private static final Map<String, Treatment> DEFAULT_FIELDS;

  static {
    Map<String, Treatment> d = new LinkedHashMap<>();
    d.put("client_ip", Treatment.MASK);
    d.put("public_ip", Treatment.MASK);
    d.put("private_ip", Treatment.MASK);
    d.put("message", Treatment.MASK);
    d.put("endpoint", Treatment.MASK);
    d.put("referrer", Treatment.MASK);
    d.put("user_agent", Treatment.MASK);
    d.put("hostname", Treatment.MASK);
    d.put("remote_log_id", Treatment.MASK);
    d.put("attributes", Treatment.MASK);
    d.put("attributes.requester", Treatment.HASH);
    d.put("attributes.x_forwarded_for", Treatment.MASK);
    DEFAULT_FIELDS = Collections.unmodifiableMap(d);
  }

  /** Validates, fills in default treatments and copies the key. */
  public PrivacyPolicy {
    List<String> problems = new ArrayList<>();
    if (ipv4KeepOctets < 0 || ipv4KeepOctets > 4) {
      problems.add("ipv4KeepOctets: must be between 0 and 4, was " + ipv4KeepOctets);
    }
    if (ipv6KeepBits < 0 || ipv6KeepBits > 128) {
      problems.add("ipv6KeepBits: must be between 0 and 128, was " + ipv6KeepBits);
    }
    Map<String, Treatment> effective = new TreeMap<>(DEFAULT_FIELDS);
    if (fields != null) {
      for (Map.Entry<String, Treatment> e : fields.entrySet()) {
        String name = e.getKey();
        if (name == null) {
          problems.add("fields: a field name is missing");
          continue;
        }
        if (!isConfigurable(name)) {
          problems.add(
              "fields."
                  + name
                  + ": unknown field; expected one of "
                  + String.join(", ", KNOWN_FIELDS)
                  + " or attributes.<name>");
          continue;
        }
        if (e.getValue() == null) {
          problems.add("fields." + name + ": treatment missing; expected one of keep, mask, hash, drop");
          continue;
        }
        effective.put(name, e.getValue());
      }
    }
    if (hmacKey == null || hmacKey.length == 0) {
      problems.add("hmacKey: missing; the pseudonymization key must come from a secret");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid privacy policy: " + String.join("; ", problems));
    }
    fields = Collections.unmodifiableMap(effective);
    hmacKey = hmacKey.clone();
  }

  /** Seed 001's policy: IPv4 /24, IPv6 /64, and the default field treatments. */
  public static PrivacyPolicy defaults(byte[] hmacKey) {
    return new PrivacyPolicy(3, 64, DEFAULT_FIELDS, hmacKey);
  }

  /**
   * The field names that can be configured: the {@code log_results} columns that can carry
   * personal data, and {@code attributes} for every attribute. A single attribute is configured
   * as {@code attributes.<name>}.
   */
  public static Set<String> knownFields() {
    return KNOWN_FIELDS;
  }

  /**
   * The default treatments: every field masked by its kind (addresses truncated, free text and
   * URLs scrubbed, which leaves a plain host name or event id as it is); {@code
   * attributes.requester} (S3 requester ARNs) hashed.
   */
  public static Map<String, Treatment> defaultFields() {
    return DEFAULT_FIELDS;
  }

  /** Whether {@code name} is a known field or {@code attributes.<name>} with a non-empty name. */
  public static boolean isConfigurable(String name) {
    return name != null
        && (KNOWN_FIELDS.contains(name)
            || (name.startsWith(ATTRIBUTE_PREFIX) && name.length() > ATTRIBUTE_PREFIX.length()));
  }

  /** The effective treatment of a known field or {@code attributes.<name>} entry. */
  public Treatment treatment(String field) {
    Treatment t = fields.get(field);
    if (t != null) {
      return t;
    }
    if (field != null && field.startsWith(ATTRIBUTE_PREFIX)) {
      return fields.get("attributes");
    }
    throw new IllegalArgumentException("unknown field '" + field + "'");
  }

  /** A copy of the key: the record never hands out its own array. */
  @Override
  public byte[] hmacKey() {
    return hmacKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivacyPolicy p
        && p.ipv4KeepOctets == ipv4KeepOctets
        && p.ipv6KeepBits == ipv6KeepBits
        && p.fields.equals(fields)
        && Arrays.equals(p.hmacKey, hmacKey);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * ipv4KeepOctets + ipv6KeepBits) + fields.hashCode())
        + Arrays.hashCode(hmacKey);
  }

  /** Never shows the key, only its length. */
  @Override
  public String toString() {
    return "PrivacyPolicy[ipv4KeepOctets="
        + ipv4KeepOctets
        + ", ipv6KeepBits="
        + ipv6KeepBits
        + ", fields="
        + fields
        + ", hmacKey=("
        + hmacKey.length
        + " bytes, hidden)]";
  }
}
