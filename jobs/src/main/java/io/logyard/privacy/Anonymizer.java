package io.logyard.privacy;

import io.logyard.format.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies a {@link PrivacyPolicy} to log events and to free text.
 *
 * <p>Runs once per log line: the scanners are hand-written single passes that return the input
 * string itself when nothing changes, and allocate only where they replace something. Nothing
 * here throws on odd input; should a scanner ever fail on a string it does not understand, the
 * whole string is replaced by {@code [REDACTED]} (failing closed, never leaking).
 *
 * <p>Thread-safe and {@link Serializable}: the only mutable state is the per-thread {@link Mac},
 * held in a transient {@link ThreadLocal} re-created lazily after deserialization.
 */
public final class Anonymizer implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String HMAC = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();
  private static final String REDACTED = Secrets.REDACTED;

  /** Attributes holding a list of addresses (X-Forwarded-For), masked with {@link #maskIpList}. */
  private static final Set<String> IP_LIST_ATTRIBUTES =
      Set.of("x_forwarded_for", "forwarded_for", "xff");

  /** Attributes holding a query string, with or without its '?'. */
  private static final Set<String> QUERY_ATTRIBUTES = Set.of("query", "query_string", "querystring");

  /** Attributes holding a URL or a request line, masked with {@link #scrubUrl}. */
  private static final Set<String> URL_ATTRIBUTES =
      Set.of(
          "request_uri",
          "request",
          "request_line",
          "request_url",
          "referer",
          "referrer",
          "url",
          "uri",
          "path");

  private final PrivacyPolicy policy;
  private final int keepOctets;
  private final int keepBits;
  private final byte[] key;
  private final Treatment clientIp;
  private final Treatment publicIp;
  private final Treatment privateIp;
  private final Treatment message;
  private final Treatment endpoint;
  private final Treatment referrer;
  private final Treatment userAgent;
  private final Treatment hostname;
  private final Treatment remoteLogId;
  private final Treatment attributesDefault;
  /** {@code attributes.<name>} entries by normalized name (lower case, '-' as '_'). */
  private final HashMap<String, Treatment> attributeTreatments = new HashMap<>();

  private transient volatile ThreadLocal<Mac> macs;

  public Anonymizer(PrivacyPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("privacy policy missing");
    }
    this.policy = policy;
    this.keepOctets = policy.ipv4KeepOctets();
    this.keepBits = policy.ipv6KeepBits();
    this.key = policy.hmacKey();
    this.clientIp = policy.treatment("client_ip");
    this.publicIp = policy.treatment("public_ip");
    this.privateIp = policy.treatment("private_ip");
    this.message = policy.treatment("message");
    this.endpoint = policy.treatment("endpoint");
    this.referrer = policy.treatment("referrer");
    this.userAgent = policy.treatment("user_agent");
    this.hostname = policy.treatment("hostname");
    this.remoteLogId = policy.treatment("remote_log_id");
    this.attributesDefault = policy.treatment("attributes");
    for (Map.Entry<String, Treatment> e : policy.fields().entrySet()) {
      if (e.getKey().startsWith(PrivacyPolicy.ATTRIBUTE_PREFIX)) {
        attributeTreatments.put(
            normalizeName(e.getKey().substring(PrivacyPolicy.ATTRIBUTE_PREFIX.length())),
            e.getValue());
      }
    }
    newMac(); // fail at construction, not on the first line, if the JVM lacks HmacSHA256
  }

  public PrivacyPolicy policy() {
    return policy;
  }

  // ---------------------------------------------------------------------------------- events

  /**
   * Applies the policy to every field of {@code e} in place. Columns and attributes follow their
   * configured treatment; {@code http_method}, {@code service} and {@code version}, which have
   * none, are always scrubbed like free text (a malformed request can put anything there).
   * {@code nodeName} and {@code alertLevel} come from configuration or are normalized, and are
   * left alone.
   */
  public void apply(LogEvent e) {
    if (e == null) {
      return;
    }
    e.clientIp = treatAddress(e.clientIp, clientIp);
    e.publicIp = treatAddress(e.publicIp, publicIp);
    e.privateIp = treatAddress(e.privateIp, privateIp);
    e.message = treatText(e.message, message);
    e.userAgent = treatText(e.userAgent, userAgent);
    e.hostname = treatText(e.hostname, hostname);
    e.remoteLogId = treatText(e.remoteLogId, remoteLogId);
    e.endpoint = treatUrl(e.endpoint, endpoint);
    e.referrer = treatUrl(e.referrer, referrer);
    e.httpMethod = scrubText(e.httpMethod);
    e.service = scrubText(e.service);
    e.version = scrubText(e.version);
    if (e.attributes.isEmpty()) {
      return;
    }
    for (Iterator<Map.Entry<String, String>> it = e.attributes.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, String> a = it.next();
      String name = a.getKey() == null ? "" : normalizeName(a.getKey());
      Treatment t = attributeTreatments.getOrDefault(name, attributesDefault);
      if (t == Treatment.DROP) {
        it.remove();
        continue;
      }
      String v = a.getValue();
      String treated;
      switch (t) {
        case KEEP:
          continue;
        case HASH:
          treated = hash(v);
          break;
        default:
          if (IP_LIST_ATTRIBUTES.contains(name)) {
            treated = maskIpList(v);
          } else if (QUERY_ATTRIBUTES.contains(name)) {
            treated = scrubQuery(v);
          } else if (URL_ATTRIBUTES.contains(name)) {
            treated = scrubUrl(v);
          } else {
            treated = scrubText(v);
          }
      }
      if (treated != v) {
        a.setValue(treated);
      }
    }
  }

  private String treatAddress(String v, Treatment t) {
    switch (t) {
      case KEEP:
        return v;
      case HASH:
        return hashAddress(v);
      case DROP:
        return null;
      default:
        return maskIp(v);
    }
  }

  private String treatText(String v, Treatment t) {
    switch (t) {
      case KEEP:
        return v;
      case HASH:
        return hash(v);
      case DROP:
        return null;
      default:
        return scrubText(v);
    }
  }

  private String treatUrl(String v, Treatment t) {
    switch (t) {
      case KEEP:
        return v;
      case HASH:
        return hash(v);
      case DROP:
        return null;
      default:
        return scrubUrl(v);
    }
  }

  /** HASH treatment: the placeholders "" and "-" (no value) stay as they are. */
  private String hash(String v) {
    if (v == null || v.isEmpty() || v.equals("-")) {
      return v;
    }
    return pseudonymize(v);
  }

  /**
   * HASH treatment of an address column: a single address is hashed in its canonical form without
   * port or zone, so that one address has one pseudonym however the log spelled it.
   */
  private String hashAddress(String v) {
    if (v == null) {
      return null;
    }
    String canonical;
    try {
      String t = v.trim();
      canonical = t.isEmpty() ? null : maskSingle(t, 0, t.length(), 4, 128);
    } catch (RuntimeException e) {
      canonical = null;
    }
    return canonical != null ? pseudonymize(canonical) : hash(v);
  }

  private static String normalizeName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || (c >= 'A' && c <= 'Z')) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
      }
    }
    return name;
  }

  // -------------------------------------------------------------------------------- addresses

  /**
   * Masks one address: IPv4 keeps {@code ipv4KeepOctets} octets, IPv6 {@code ipv6KeepBits} bits,
   * in canonical form ({@code 2a02:cf40:add:4002::}). A port ({@code host:port}, {@code
   * [v6]:port}) and an IPv6 zone id are dropped; an IPv4-mapped IPv6 address is masked as IPv4
   * ({@code ::ffff:203.0.113.0}). A value that is not a single address (a hostname, {@code -},
   * {@code unknown}) is scrubbed like free text, which leaves a hostname unchanged.
   */
  public String maskIp(String ip) {
    try {
      return scanIp(ip);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** {@link #maskIp} without the fail-closed guard (tests run it on random input). */
  String scanIp(String ip) {
    if (ip == null) {
      return null;
    }
    int a = 0;
    int b = ip.length();
    while (a < b && ip.charAt(a) <= ' ') {
      a++;
    }
    while (b > a && ip.charAt(b - 1) <= ' ') {
      b--;
    }
    if (a == b) {
      return ip;
    }
    String masked = maskSingle(ip, a, b, keepOctets, keepBits);
    return masked != null ? masked : scrubText(ip);
  }

  /**
   * Masks every address of a comma- or blank-separated list (X-Forwarded-For), keeping the
   * separators: {@code "10.0.0.2, 10.0.0.1"} becomes {@code "10.0.0.0, 10.0.0.0"}.
   */
  public String maskIpList(String list) {
    try {
      return scanIpList(list);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** {@link #maskIpList} without the fail-closed guard. */
  String scanIpList(String list) {
    if (list == null || list.isEmpty()) {
      return list;
    }
    int n = list.length();
    Out out = new Out(list);
    int i = 0;
    while (i < n) {
      while (i < n && isListSeparator(list.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isListSeparator(list.charAt(i))) {
        i++;
      }
      if (i == start) {
        break;
      }
      String masked = maskSingle(list, start, i, keepOctets, keepBits);
      if (masked == null) {
        masked = scrubText(list.substring(start, i));
      }
      if (masked.length() != i - start || !list.regionMatches(start, masked, 0, i - start)) {
        out.replace(start, i, masked);
      }
    }
    return out.result();
  }

  private static boolean isListSeparator(char c) {
    return c == ',' || c <= ' ';
  }

  /**
   * The masked form of {@code [a, b)} if it is exactly one address (with port or zone), keeping
   * {@code octets} IPv4 octets and {@code bits} IPv6 bits; null if it is not one address.
   */
  private static String maskSingle(String s, int a, int b, int octets, int bits) {
    char c0 = s.charAt(a);
    if (c0 == '[') {
      int close = s.indexOf(']', a);
      if (close < 0 || close >= b || (close + 1 != b && !isPort(s, close + 1, b))) {
        return null;
      }
      return maskV6Only(s, a + 1, close, octets, bits);
    }
    if (Ip.isDigit(c0)) {
      long p = Ip.parseV4Prefix(s, a, b);
      if (p >= 0) {
        int end = a + Ip.v4Length(p);
        if (end == b || isPort(s, end, b)) {
          return Ip.formatV4(Ip.maskV4(Ip.v4Address(p), octets));
        }
        return null;
      }
    }
    String masked = maskV6Only(s, a, b, octets, bits);
    if (masked == null) {
      int port = portColon(s, a, b); // "2001:db8::1:51234"
      masked = port > a ? maskV6Only(s, a, port, octets, bits) : null;
    }
    return masked;
  }

  private static String maskV6Only(String s, int from, int to, int octets, int bits) {
    int end = to;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '%') {
        end = i;
        break;
      }
    }
    long[] v = new long[2];
    return Ip.parseV6(s, from, end, v) ? maskedV6Text(v[0], v[1], octets, bits) : null;
  }

  /**
   * The masked text of an IPv6 address. IPv4-mapped addresses are masked as IPv4; a 6to4 address
   * (2002::/16) also gets the IPv4 address embedded in its prefix masked, which keeping 64 bits
   * alone would not.
   */
  private static String maskedV6Text(long hi, long lo, int octets, int bits) {
    if (Ip.isV4Mapped(hi, lo)) {
      int v4 = Ip.maskV4((int) lo, octets);
      return Ip.formatV6(0, (0xffffL << 32) | (v4 & 0xffffffffL));
    }
    if ((hi >>> 48) == 0x2002) {
      long v4 = Ip.maskV4((int) (hi >>> 16), octets) & 0xffffffffL;
      hi = (hi & ~(0xffffffffL << 16)) | (v4 << 16);
    }
    return Ip.formatV6(Ip.keepHighBits(hi, bits), Ip.keepHighBits(lo, bits - 64));
  }

  private static boolean isPort(String s, int from, int to) {
    if (s.charAt(from) != ':' || to - from < 2 || to - from > 6) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      if (!Ip.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
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
  public String scrubText(String text) {
    if (text == null || !mayNeedScrub(text)) {
      return text;
    }
    try {
      return scanText(text);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** For quarantined raw lines: the same as {@link #scrubText}. */
  public String redactLine(String raw) {
    return scrubText(raw);
  }

  /**
   * The cheap pre-check: an address needs a digit or ':', an e-mail an '@' (or %40), a secret
   * value '=' or ':'. Of the bare credentials, AWS access key ids can be letters only and are
   * looked for; a JSON Web Token or a key-less "Bearer x" without a single digit is not.
   */
  static boolean mayNeedScrub(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c <= '@') {
        if ((c >= '0' && c <= ':') || c == '=' || c == '@' || c == '%') {
          return true;
        }
      } else if (c == 'A' && (s.startsWith("KIA", i + 1) || s.startsWith("SIA", i + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The scanner behind {@link #scrubText}, without the pre-check and the fail-closed guard. */
  String scanText(String s) {
    int n = s.length();
    Out out = new Out(s);
    int ipBlockedUntil = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int next = -1;
      if (Secrets.isAlnum(c)) {
        if (i == 0 || !Secrets.isAlnum(s.charAt(i - 1)) || afterEscape(s, i)) {
          if (i >= ipBlockedUntil && Ip.hexValue(c) >= 0 && isAddressBoundary(s, i)) {
            next = address(out, i);
            if (next < 0) {
              ipBlockedUntil = -next - 1;
              next = -1;
            }
          }
          if (next < 0 && mayStartCredential(c) && isWordStart(s, i)) {
            next = credential(out, i);
          }
          if (next > i) {
            i = next;
            continue;
          }
        }
        // nothing starts inside a word: skip to its end
        do {
          i++;
        } while (i < n && Secrets.isAlnum(s.charAt(i)));
        continue;
      }
      switch (c) {
        case '@':
          next = email(out, i, 1);
          break;
        case '%':
          if (i + 2 < n && Ip.hexValue(s.charAt(i + 1)) >= 0 && Ip.hexValue(s.charAt(i + 2)) >= 0) {
            if (s.charAt(i + 1) == '4' && s.charAt(i + 2) == '0') {
              next = email(out, i, 3);
            }
            if (next < 0) {
              next = i + 3; // an escape is one character: "%3D1.2.3.4" has an address at its end
            }
          }
          break;
        case '=':
          next = secretValue(out, i);
          break;
        case ':':
          if (i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
            next = userInfo(out, i + 3);
          }
          if (next < 0) {
            next = secretValue(out, i);
          }
          if (next < 0 && i >= ipBlockedUntil && isAddressBoundary(s, i)) {
            next = address(out, i); // "::1"
            if (next < 0) {
              ipBlockedUntil = -next - 1;
              next = -1;
            }
          }
          break;
        default:
          break;
      }
      i = next > i ? next : i + 1;
    }
    return out.result();
  }

  /** Whether {@code i} follows a percent-escape such as {@code %3D}. */
  private static boolean afterEscape(String s, int i) {
    return i >= 3
        && s.charAt(i - 3) == '%'
        && Ip.hexValue(s.charAt(i - 2)) >= 0
        && Ip.hexValue(s.charAt(i - 1)) >= 0;
  }

  /**
   * Whether an address may start at {@code i}: not inside a word or number ({@code v1.2.3.4},
   * {@code x.1.2.3.4}), but after blanks, punctuation, {@code =}, {@code :}, an ellipsis or a
   * percent-escape ({@code %3D1.2.3.4}).
   */
  private static boolean isAddressBoundary(String s, int i) {
    if (i == 0) {
      return true;
    }
    char p = s.charAt(i - 1);
    if (Secrets.isAlnum(p)) {
      return afterEscape(s, i);
    }
    if (p == '.') {
      return i < 2 || !Secrets.isAlnum(s.charAt(i - 2));
    }
    if (p == '%') {
      return false;
    }
    return p < 128 || !Character.isLetterOrDigit(p);
  }

  private static boolean isWordStart(String s, int i) {
    if (i == 0) {
      return true;
    }
    char p = s.charAt(i - 1);
    if (Secrets.isAlnum(p)) {
      return afterEscape(s, i);
    }
    return p != '_' && p != '-' && (p < 128 || !Character.isLetter(p));
  }

  private static boolean mayStartCredential(char c) {
    return c == 'B' || c == 'b' || Secrets.mayStartCredential(c);
  }

  /**
   * An IPv4 or IPv6 address starting at {@code i}: masks it and returns its end, or returns
   * {@code -(end of the run of address characters) - 1} so that the scan does not look for an
   * address inside that run again.
   */
  private int address(Out out, int i) {
    String s = out.s;
    int n = s.length();
    int r = i;
    boolean colon = false;
    boolean dot = false;
    while (r < n) {
      char ch = s.charAt(r);
      if (ch == ':') {
        colon = true;
      } else if (ch == '.') {
        dot = true;
      } else if (Ip.hexValue(ch) < 0) {
        break;
      }
      r++;
    }
    if (dot && Ip.isDigit(s.charAt(i))) {
      long p = Ip.parseV4Prefix(s, i, n);
      if (p >= 0) {
        int end = i + Ip.v4Length(p);
        boolean longer =
            end < n
                && (Ip.isDigit(s.charAt(end))
                    || (s.charAt(end) == '.' && end + 1 < n && Ip.isDigit(s.charAt(end + 1))));
        if (!longer) {
          int a = Ip.v4Address(p);
          int masked =
              s.regionMatches(true, end, ".in-addr.arpa", 0, 13)
                  // a reverse-DNS name lists the octets backwards
                  ? Integer.reverseBytes(Ip.maskV4(Integer.reverseBytes(a), keepOctets))
                  : Ip.maskV4(a, keepOctets);
          if (masked != a) {
            out.replace(i, end, Ip.formatV4(masked));
          }
          out.floor = end;
          return end;
        }
      }
    }
    if (colon && r - i >= 2) {
      // The whole run, then without trailing punctuation ("2001:db8::1." "2001:db8::1: refused").
      // A last segment glued to a word ("::bar", "1::1:AKIA...") is no part of an address.
      int e = r;
      boolean glued = r < n && isWordChar(s.charAt(r));
      if (glued) {
        while (e > i && s.charAt(e - 1) != ':' && s.charAt(e - 1) != '.') {
          e--;
        }
      }
      long[] v = glued ? null : v6(s, i, e);
      if (v == null) {
        int t = e;
        while (t > i && (s.charAt(t - 1) == '.' || s.charAt(t - 1) == ':')) {
          t--;
        }
        v = t != e || glued ? v6(s, i, t) : null;
        e = t;
      }
      // Segments too many: a port or what follows the address ("2001:db8::1:51234",
      // "...:d7e3:e@example.org", "...:fd0c:203.0.113.5:30"). At most three are dropped, so a
      // long hex-colon blob (a key fingerprint) is not cut down to an address.
      for (int cuts = 0; v == null && cuts < 3; cuts++) {
        e = s.lastIndexOf(':', e - 1);
        if (e <= i) {
          break;
        }
        v = v6(s, i, e);
      }
      boolean ok = v != null;
      if (ok) {
        String masked = maskedV6Text(v[0], v[1], keepOctets, keepBits);
        if (masked.length() != e - i || !s.regionMatches(i, masked, 0, e - i)) {
          out.replace(i, e, masked);
        }
        out.floor = e;
        // a zone id ("fe80::1%eth0") names an interface, not a person: it stays, unscanned
        int end = e;
        if (end < n && s.charAt(end) == '%' && Ip.isScoped(v[0])) {
          end++;
          while (end < n && isZoneChar(s.charAt(end))) {
            end++;
          }
        }
        return end;
      }
      int restart = r - i <= 2 * Ip.MAX_V6_LENGTH ? restart(s, i, r) : -1;
      if (restart > i) {
        return -restart - 1;
      }
    }
    return -r - 1;
  }

  /**
   * Where to look again for an address inside a run that is not one, or -1: after a lone leading
   * ':' (" :203.0.113.5"), after a leading segment too long for a group ("deadbeef:2001:db8::1"),
   * or at a dotted part that may be an IPv4 address ("db:10.0.0.1").
   */
  private static int restart(String s, int from, int to) {
    if (s.charAt(from) == ':') {
      return s.charAt(from + 1) == ':' ? -1 : from + 1;
    }
    int firstColon = s.indexOf(':', from);
    if (firstColon < 0 || firstColon >= to) {
      return -1;
    }
    if (firstColon - from > 4) {
      return firstColon + 1;
    }
    int dot = s.indexOf('.', from);
    if (dot < 0 || dot >= to) {
      return -1;
    }
    int colon = s.lastIndexOf(':', dot);
    return colon >= from && Ip.isDigit(s.charAt(colon + 1)) ? colon + 1 : -1;
  }

  /** The address {@code [from, to)} as {@code {high, low}} bits, or null. */
  private static long[] v6(String s, int from, int to) {
    if (!Ip.couldBeV6(s, from, to)) {
      return null;
    }
    long[] v = new long[2];
    return Ip.parseV6(s, from, to, v) ? v : null;
  }

  /** The ':' before a trailing run of 1-5 digits in {@code [from, to)} (a port), or -1. */
  private static int portColon(String s, int from, int to) {
    int k = to;
    while (k > from && to - k <= 5 && Ip.isDigit(s.charAt(k - 1))) {
      k--;
    }
    return k < to && to - k <= 5 && k - 1 > from && s.charAt(k - 1) == ':' ? k - 1 : -1;
  }

  private static boolean isWordChar(char c) {
    return Secrets.isAlnum(c) || c == '_' || (c >= 128 && Character.isLetterOrDigit(c));
  }

  private static boolean isZoneChar(char c) {
    return Secrets.isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '~';
  }

  /** An e-mail address around the '@' (or "%40") at {@code at}: pseudonymized as a whole. */
  private int email(Out out, int at, int atLength) {
    String s = out.s;
    int n = s.length();
    int floor = out.floor;
    int ls = at;
    while (ls > floor) {
      if (ls - 3 >= floor
          && s.charAt(ls - 3) == '%'
          && Ip.hexValue(s.charAt(ls - 2)) >= 0
          && Ip.hexValue(s.charAt(ls - 1)) >= 0) {
        char decoded = (char) (Ip.hexValue(s.charAt(ls - 2)) * 16 + Ip.hexValue(s.charAt(ls - 1)));
        if (isLocalChar(decoded)) {
          ls -= 3;
          continue;
        }
        break; // "email%3Dalice%40..." starts after the escaped '='
      }
      if (!isLocalChar(s.charAt(ls - 1))) {
        break;
      }
      ls--;
    }
    while (ls < at && s.charAt(ls) == '.') {
      ls++;
    }
    if (ls == at || (ls >= 2 && isPseudonym(s, ls - 2, at))) {
      return -1; // nothing, or an address pseudonymized before ("a@b@example.com")
    }
    int d = at + atLength;
    int e = d;
    int labelStart = d;
    int lastDot = -1;
    while (e < n) {
      char ch = s.charAt(e);
      if (Secrets.isAlnum(ch) || ch == '-') {
        e++;
      } else if (ch == '.' && e > labelStart && e + 1 < n && Secrets.isAlnum(s.charAt(e + 1))) {
        lastDot = e;
        e++;
        labelStart = e;
      } else {
        break;
      }
    }
    if (lastDot < 0 || e - lastDot - 1 < 2 || !Character.isLetter(s.charAt(lastDot + 1))) {
      return -1;
    }
    String address =
        (s.substring(ls, at) + '@' + s.substring(d, e)).toLowerCase(Locale.ROOT);
    out.replace(ls, e, pseudonymize(address));
    return e;
  }

  private static boolean isLocalChar(char c) {
    return Secrets.isAlnum(c) || c == '.' || c == '_' || c == '+' || c == '-';
  }

  /**
   * The value after the '=' or ':' at {@code i} when the key before it names a secret: redacted,
   * with an authorization scheme ({@code Bearer}) kept. Handles blanks around the separator and
   * JSON's quoted and escaped-quoted keys and values.
   */
  private int secretValue(Out out, int i) {
    String s = out.s;
    int k = i - 1;
    while (k >= 0 && k >= i - 3 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
      k--;
    }
    if (k < 0) {
      return -1;
    }
    if (s.charAt(k) == '"' || s.charAt(k) == '\'') {
      k--;
      if (k >= 0 && s.charAt(k) == '\\') {
        k--;
      }
    }
    if (k < 0 || !isAsciiLetter(s.charAt(k))) {
      return -1; // cheap exit for "10:00:03", "a=1"
    }
    int keyEnd = k + 1;
    int ks = keyEnd;
    while (ks > 0 && keyEnd - ks <= 64 && Secrets.isKeyChar(s.charAt(ks - 1))) {
      ks--;
    }
    if (keyEnd - ks > 64 || !Secrets.isSecretName(s, ks, keyEnd, false)) {
      return -1;
    }
    return redactValue(out, i + 1);
  }

  /** Redacts the value starting at {@code v} (after blanks and an opening quote); see above. */
  private static int redactValue(Out out, int v) {
    String s = out.s;
    int n = s.length();
    int blanks = 0;
    while (v < n && (s.charAt(v) == ' ' || s.charAt(v) == '\t') && blanks < 8) {
      v++;
      blanks++;
    }
    if (v >= n) {
      return -1;
    }
    char quote = 0;
    boolean escaped = false;
    char vc = s.charAt(v);
    if (vc == '"' || vc == '\'') {
      quote = vc;
      v++;
    } else if (vc == '\\' && v + 1 < n && (s.charAt(v + 1) == '"' || s.charAt(v + 1) == '\'')) {
      quote = s.charAt(v + 1);
      escaped = true;
      v += 2;
    }
    int vs = v + Secrets.schemeLength(s, v);
    if (s.startsWith(REDACTED, vs)) {
      return vs + REDACTED.length(); // already redacted: scrubbing twice changes nothing
    }
    int ve;
    if (quote != 0 && !escaped) {
      ve = vs;
      while (ve < n && s.charAt(ve) != quote) {
        ve += s.charAt(ve) == '\\' ? 2 : 1;
      }
      ve = Math.min(ve, n);
    } else if (escaped) {
      ve = vs;
      while (ve < n && !(s.charAt(ve) == '\\' && ve + 1 < n && s.charAt(ve + 1) == quote)) {
        ve++;
      }
    } else {
      ve = vs;
      while (ve < n && !isValueDelimiter(s.charAt(ve))) {
        ve++;
      }
    }
    if (ve <= vs) {
      return -1;
    }
    if (!s.startsWith(REDACTED, vs) || ve - vs != REDACTED.length()) {
      out.replace(vs, ve, REDACTED);
    }
    return ve;
  }

  private static boolean isValueDelimiter(char c) {
    return c <= ' '
        || c == '&'
        || c == ','
        || c == ';'
        || c == '"'
        || c == '\''
        || c == ')'
        || c == ']'
        || c == '}'
        || c == '<'
        || c == '>';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The user-info of the URL authority starting at {@code from} (just after "://"): with a
   * password it is redacted whole, a bare user name is pseudonymized. Returns the index of the
   * '@', or -1 when there is no user-info.
   */
  private int userInfo(Out out, int from) {
    String s = out.s;
    int n = s.length();
    int at = -1;
    boolean colon = false;
    for (int j = from; j < n; j++) {
      char ch = s.charAt(j);
      if (ch == '/' || ch == '?' || ch == '#' || ch <= ' ' || ch == '"' || ch == '\''
          || ch == '<' || ch == '>' || ch == '\\') {
        break;
      }
      if (ch == '@') {
        at = j;
      } else if (ch == ':' && at < 0) {
        colon = true;
      }
    }
    if (at <= from) {
      return -1;
    }
    if ((s.startsWith(REDACTED, from) && at == from + REDACTED.length())
        || isPseudonym(s, from, at)) {
      return at; // scrubbed before
    }
    out.replace(from, at, colon ? REDACTED : pseudonymize(s.substring(from, at)));
    return at;
  }

  /** Whether {@code [from, to)} is one of our pseudonyms: "h:" and 32 lower-case hex digits. */
  private static boolean isPseudonym(String s, int from, int to) {
    if (to - from != 34 || !s.startsWith("h:", from)) {
      return false;
    }
    for (int k = from + 2; k < to; k++) {
      char c = s.charAt(k);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** A bare credential at a word start: AWS key id, JWT, known token formats, "Bearer x". */
  private int credential(Out out, int i) {
    String s = out.s;
    char c = s.charAt(i);
    if ((c == 'B' || c == 'b')
        && (s.regionMatches(true, i, "bearer ", 0, 7) || s.regionMatches(true, i, "basic ", 0, 6))) {
      int v = i + Secrets.schemeLength(s, i);
      int e = v;
      while (e < s.length() && Secrets.isTokenChar(s.charAt(e))) {
        e++;
      }
      if (v > i && Secrets.looksLikeCredential(s, v, e)) {
        out.replace(v, e, REDACTED);
        return e;
      }
      return -1;
    }
    int end = Secrets.credentialEnd(s, i);
    if (end > i) {
      out.replace(i, end, REDACTED);
    }
    return end;
  }

  // -------------------------------------------------------------------------------------- URLs

  /**
   * Scrubs a URL, a path with query string, or a request line ({@code GET /p?q HTTP/1.1}): like
   * {@link #scrubText}, and in the query string every parameter whose name is secret-like
   * (including {@code code}, {@code pin}, {@code ticket}) gets the value {@code [REDACTED]};
   * percent-encoded parameter values are decoded before they are scrubbed.
   */
  public String scrubUrl(String url) {
    try {
      return scanUrl(url);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** {@link #scrubUrl} without the fail-closed guard. */
  String scanUrl(String url) {
    if (url == null || url.isEmpty()) {
      return url;
    }
    int q = url.indexOf('?');
    return q < 0 || isPlainQuery(url, q) ? scrubText(url) : scanQuery(url, q);
  }

  /**
   * Whether the query after {@code q} has no percent-escape and no secret-like parameter name, and
   * the path no '=', so that scrubbing the URL as text gives the same result as scrubbing it part
   * by part.
   */
  private static boolean isPlainQuery(String url, int q) {
    int eq = url.indexOf('=');
    if (eq >= 0 && eq < q) {
      return false; // "/p;jsessionid=x?y=1": a value before the query must end at the '?'
    }
    int n = url.length();
    int p = q + 1;
    int nameEnd = -1;
    for (int i = p; i <= n; i++) {
      char c = i < n ? url.charAt(i) : '&';
      if (c == '%') {
        return false;
      }
      if (c == '=' && nameEnd < 0) {
        nameEnd = i;
      } else if (c == '&' || c == '#' || c <= ' ') {
        if (nameEnd > p && Secrets.isSecretName(url, p, nameEnd, true)) {
          return false;
        }
        if (c != '&') {
          return true;
        }
        p = i + 1;
        nameEnd = -1;
      }
    }
    return true;
  }

  /**
   * A query string without its '?' ({@code a=1&token=x}), as some formats store it: scrubbed
   * like the query of {@link #scrubUrl}. A value with a '?' is scrubbed as a URL.
   */
  String scrubQuery(String query) {
    if (query == null || query.isEmpty()) {
      return query;
    }
    try {
      int q = query.indexOf('?');
      return scanQuery(query, q);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /** Scrubs {@code url} whose query starts after {@code q} (-1: the whole value is a query). */
  private String scanQuery(String url, int q) {
    int n = url.length();
    int qe = q + 1;
    while (qe < n && url.charAt(qe) != '#' && url.charAt(qe) > ' ') {
      qe++;
    }
    StringBuilder sb = new StringBuilder(n + 16);
    if (q >= 0) {
      sb.append(scrubText(url.substring(0, q))).append('?');
    }
    int p = q + 1;
    while (p <= qe) {
      int pe = p;
      while (pe < qe && url.charAt(pe) != '&') {
        pe++;
      }
      if (pe > p) {
        appendParameter(sb, url.substring(p, pe));
      }
      if (pe < qe) {
        sb.append('&');
      }
      p = pe + 1;
    }
    if (qe < n) {
      sb.append(scrubText(url.substring(qe)));
    }
    String result = sb.toString();
    return result.equals(url) ? url : result;
  }

  private void appendParameter(StringBuilder sb, String param) {
    int eq = param.indexOf('=');
    if (eq < 0) {
      sb.append(scrubText(param));
      return;
    }
    String name = param.substring(0, eq);
    String value = param.substring(eq + 1);
    String decodedName = name.indexOf('%') >= 0 || name.indexOf('+') >= 0 ? decode(name) : name;
    if (Secrets.isSecretName(decodedName, true) && !value.isEmpty()) {
      sb.append(scrubText(name)).append('=').append(REDACTED);
      return;
    }
    sb.append(scrubText(name)).append('=');
    if (value.indexOf('%') >= 0) {
      String decoded = decode(value);
      String scrubbed = scrubText(decoded);
      if (scrubbed.equals(decoded)) {
        sb.append(scrubText(value));
      } else {
        sb.append(encode(scrubbed));
      }
    } else {
      sb.append(scrubText(value));
    }
  }

  /** Percent-decoding as in a query string ('+' is a blank); invalid escapes stay as they are. */
  static String decode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '%'
          && i + 2 < n
          && Ip.hexValue(s.charAt(i + 1)) >= 0 && Ip.hexValue(s.charAt(i + 2)) >= 0) {
        bytes.write(Ip.hexValue(s.charAt(i + 1)) * 16 + Ip.hexValue(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c < 128) {
        bytes.write(c);
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Percent-encodes what would change the meaning of a query value; keeps the rest readable. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c > ' ' && c < 127 && "&=#%+\"<>\\^`{|}".indexOf(c) < 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------------------ pseudonyms

  /**
   * The keyed pseudonym of a value: {@code "h:"} and the first 16 bytes of HMAC-SHA256(key, UTF-8
   * value) in lower-case hex. Deterministic for one key, unrelated across keys; null stays null.
   */
  public String pseudonymize(String id) {
    if (id == null) {
      return null;
    }
    byte[] h = mac().doFinal(id.getBytes(StandardCharsets.UTF_8));
    return "h:" + HEX.formatHex(h, 0, 16);
  }

  private Mac mac() {
    ThreadLocal<Mac> t = macs;
    if (t == null) {
      synchronized (this) {
        t = macs;
        if (t == null) {
          t = ThreadLocal.withInitial(this::newMac);
          macs = t;
        }
      }
    }
    return t.get();
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC + " is not available in this JVM", e);
    }
  }

  // ---------------------------------------------------------------------------------- output

  /** Copy-on-write output: the input is copied only once something in it is replaced. */
  private static final class Out {
    final String s;
    StringBuilder sb;
    int copied;
    /** Where the text last matched stops: an e-mail's local part cannot reach back before it. */
    int floor;

    Out(String s) {
      this.s = s;
    }

    void replace(int start, int end, String with) {
      if (sb == null) {
        sb = new StringBuilder(s.length() + 16);
      }
      sb.append(s, copied, start).append(with);
      copied = end;
      floor = end;
    }

    String result() {
      if (sb == null) {
        return s;
      }
      sb.append(s, copied, s.length());
      return sb.toString();
    }
  }
}
