package io.logyard.privacy;

import io.logyard.format.Field;
import io.logyard.format.LogEvent;
import io.logyard.format.LogFormat;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a {@link PrivacyPolicy} to log events, free text and quarantine reasons: the one entry
 * point of the privacy step. The work is done by one class per capability: {@link IpMasker}
 * (addresses), {@link TextScrubber} (free text), {@link UrlScrubber} (URLs, request lines, query
 * strings), {@link Pseudonymizer} (keyed pseudonyms) and {@link EventPrivacy} (a policy applied
 * to one format's events, field by field, by each field's declared {@link
 * io.logyard.format.PrivacyKind}).
 *
 * <p>Runs once per log line: the scanners are hand-written single passes that return the input
 * string itself when nothing changes. Nothing here throws on odd input; should a scanner ever
 * fail on a string it does not understand, the whole string is replaced by {@code [REDACTED]}
 * (failing closed, never leaking).
 *
 * <p>Thread-safe and {@link Serializable}.
 */
public final class Anonymizer implements Serializable {

  private static final long serialVersionUID = 2L;
  /** Bound on the memo of appliers (field lists made per object must not grow it forever). */
  private static final int MAX_APPLIERS = 256;

  private final PrivacyPolicy policy;
  private final Pseudonymizer pseudonyms;
  private final TextScrubber text;
  private final IpMasker ip;
  private final UrlScrubber url;
  /** Appliers by field list, by identity ({@link IdentityKey}) and by equal contents. */
  private transient volatile Map<Object, EventPrivacy> appliers;

  private transient volatile EventPrivacy generic;

  public Anonymizer(PrivacyPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("privacy policy missing");
    }
    this.policy = policy;
    this.pseudonyms = new Pseudonymizer(policy.hmacKey());
    this.text = new TextScrubber(policy.ipv4KeepOctets(), policy.ipv6KeepBits(), pseudonyms);
    this.ip = new IpMasker(policy.ipv4KeepOctets(), policy.ipv6KeepBits(), text);
    this.url = new UrlScrubber(text);
  }

  public PrivacyPolicy policy() {
    return policy;
  }

  // ---------------------------------------------------------------------------------- events

  /**
   * Applies the policy to every field of an event of {@code format} in place, each field treated
   * by the kind the format declares for it.
   */
  public void apply(LogFormat format, LogEvent e) {
    if (e != null) {
      applier(format.fields()).apply(e);
    }
  }

  /**
   * Applies the policy to an event whose format is not known: every column is treated by the
   * kind such a column usually has (addresses, URLs, free text), every attribute as free text or,
   * when its name says so, as a secret. Prefer {@link #apply(LogFormat, LogEvent)}.
   */
  public void apply(LogEvent e) {
    if (e == null) {
      return;
    }
    EventPrivacy g = generic;
    if (g == null) {
      g = new EventPrivacy(this, policy, List.of());
      generic = g;
    }
    g.apply(e);
  }

  /**
   * The applier for events of a format with this field list, made once per list: formats hold
   * their list in a constant (found by identity), and a format whose list is made per object
   * (from a header line) shares the applier of an equal list. Both memos are bounded.
   */
  EventPrivacy applier(List<Field> fields) {
    Map<Object, EventPrivacy> m = appliers;
    if (m == null) {
      synchronized (this) {
        m = appliers;
        if (m == null) {
          m = new ConcurrentHashMap<>();
          appliers = m;
        }
      }
    }
    Object identity = new IdentityKey(fields);
    EventPrivacy p = m.get(identity);
    if (p != null) {
      return p;
    }
    List<Field> copy = List.copyOf(fields);
    p = m.get(copy);
    if (p == null) {
      p = new EventPrivacy(this, policy, copy);
      if (m.size() < MAX_APPLIERS) {
        m.putIfAbsent(copy, p);
      }
    }
    if (m.size() < MAX_APPLIERS) {
      m.putIfAbsent(identity, p);
    }
    return p;
  }

  /** A map key comparing its list by identity. */
  private record IdentityKey(Object list) {
    @Override
    public boolean equals(Object o) {
      return o instanceof IdentityKey k && k.list == list;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(list);
    }
  }

  /** HASH treatment: the placeholders "" and "-" (no value) stay as they are. */
  String hash(String v) {
    if (v == null || v.isEmpty() || v.equals("-")) {
      return v;
    }
    return pseudonymize(v);
  }

  /**
   * HASH treatment of an address: a single address is hashed in its canonical form without port
   * or zone, so that one address has one pseudonym however the log spelled it.
   */
  String hashAddress(String v) {
    if (v == null) {
      return null;
    }
    String canonical;
    try {
      canonical = IpMasker.canonical(v);
    } catch (RuntimeException e) {
      canonical = null;
    }
    return canonical != null ? pseudonymize(canonical) : hash(v);
  }

  // -------------------------------------------------------------------------------- addresses

  /**
   * Masks one address: IPv4 keeps {@code ipv4KeepOctets} octets, IPv6 {@code ipv6KeepBits} bits,
   * in canonical form ({@code 2a02:cf40:add:4002::}). A port ({@code host:port}, {@code
   * [v6]:port}) and an IPv6 zone id are dropped; an IPv4-mapped IPv6 address is masked as IPv4
   * ({@code ::ffff:203.0.113.0}). A value that is not a single address (a hostname, {@code -},
   * {@code unknown}) is scrubbed like free text, which leaves a hostname unchanged.
   */
  public String maskIp(String address) {
    return ip.maskIp(address);
  }

  /** {@link #maskIp} without the fail-closed guard (tests run it on random input). */
  String scanIp(String address) {
    return ip.scanIp(address);
  }

  /**
   * Masks every address of a comma- or blank-separated list (X-Forwarded-For), keeping the
   * separators: {@code "10.0.0.2, 10.0.0.1"} becomes {@code "10.0.0.0, 10.0.0.0"}.
   */
  public String maskIpList(String list) {
    return ip.maskIpList(list);
  }

  /** {@link #maskIpList} without the fail-closed guard. */
  String scanIpList(String list) {
    return ip.scanIpList(list);
  }

  // ------------------------------------------------------------------------------------- text

  /**
   * Scrubs free text: masks every IPv4 and IPv6 address in it (four dotted octets 0-255 only, so
   * versions like {@code 1.4.2}, dates like {@code 2026.11.20} and times like {@code 10:00:03}
   * stay), pseudonymizes e-mail addresses (also {@code %40}-encoded), and replaces secrets by
   * {@code [REDACTED]}: values of secret-like keys ({@code password=x}, {@code "token": "x"},
   * {@code Authorization: Bearer x}), URL passwords ({@code https://user:x@host}), AWS access key
   * ids, JSON Web Tokens and a few well-known token formats.
   */
  public String scrubText(String s) {
    return text.scrub(s);
  }

  /** The scanner behind {@link #scrubText}, without the pre-check and the fail-closed guard. */
  String scanText(String s) {
    return text.scan(s);
  }

  /** The cheap pre-check of {@link #scrubText}. */
  static boolean mayNeedScrub(String s) {
    return TextScrubber.mayNeedScrub(s);
  }

  /**
   * For quarantined raw lines: {@link #scrubText}, and a line that is one long credential-like
   * token (a body line of a key or certificate dumped across lines) redacted whole.
   */
  public String redactLine(String raw) {
    String s = scrubText(raw);
    return s != null && TextScrubber.isBareSecretLine(s) ? Secrets.REDACTED : s;
  }

  /**
   * For quarantine reasons, error messages and progress lines that may quote input: scrubbed like
   * free text and, since a quote has lost the key that said what it was, every credential-like
   * token inside quotes ({@code found 'Hunter2Token99'}) redacted too.
   */
  public String scrubReason(String reason) {
    return text.scrubQuoted(reason);
  }

  // -------------------------------------------------------------------------------------- URLs

  /**
   * Scrubs a URL, a path with query string, or a request line ({@code GET /p?q HTTP/1.1}): like
   * {@link #scrubText}, and in the query string every parameter whose name is secret-like
   * (including {@code code}, {@code pin}, {@code ticket}) gets the value {@code [REDACTED]};
   * percent-encoded parameter values are decoded before they are scrubbed.
   */
  public String scrubUrl(String s) {
    return url.scrub(s);
  }

  /** {@link #scrubUrl} without the fail-closed guard. */
  String scanUrl(String s) {
    return url.scan(s);
  }

  /** A query string without its '?' ({@code a=1&token=x}): scrubbed like a URL's query. */
  String scrubQuery(String query) {
    return url.scrubQuery(query);
  }

  static String decode(String s) {
    return UrlScrubber.decode(s);
  }

  static String encode(String s) {
    return UrlScrubber.encode(s);
  }

  // ------------------------------------------------------------------------------ pseudonyms

  /**
   * The keyed pseudonym of a value: {@code "h:"} and the first 16 bytes of HMAC-SHA256(key, UTF-8
   * value) in lower-case hex. Deterministic for one key, unrelated across keys; null stays null.
   */
  public String pseudonymize(String id) {
    return pseudonyms.pseudonymize(id);
  }
}
