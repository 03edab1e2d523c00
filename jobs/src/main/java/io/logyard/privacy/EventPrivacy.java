package io.logyard.privacy;

import io.logyard.format.Field;
import io.logyard.format.LogEvent;
import io.logyard.format.PrivacyKind;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a {@link PrivacyPolicy} to the events of one format: each field gets the treatment the
 * policy configures for it (keep, mask, hash, drop), carried out as its declared {@link
 * PrivacyKind} says. Nothing here looks at what a parser named an attribute, except to find a
 * secret by its name: an attribute the format does not declare (a JSON field, a trailing extra)
 * is free text, or a secret when its name says so ({@code password}, {@code headers.cookie}).
 *
 * <p>Masking by kind: {@code ADDRESS} and {@code ADDRESS_LIST} are masked, {@code URL} and
 * {@code REQUEST_LINE} scrubbed with their query, {@code QUERY} likewise, {@code IDENTIFIER}
 * pseudonymized whole, {@code SECRET} redacted (whatever the treatment, unless dropped), {@code
 * FREE_TEXT} scrubbed, {@code PLAIN} kept when it is only digits and scrubbed as text otherwise.
 */
final class EventPrivacy implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String REDACTED = Secrets.REDACTED;
  /** Bound on the per-format memo of undeclared attribute names (JSON logs can have many). */
  private static final int MAX_MEMO = 4096;

  private final Anonymizer a;
  /** Declared kinds of the format's attributes, by attribute name. */
  private final Map<String, PrivacyKind> declared = new HashMap<>();
  private final transient Map<String, PrivacyKind> undeclared = new ConcurrentHashMap<>();
  /** Masked values by kind ({@link MaskMemo}), for the kinds whose masking scans the text. */
  private final transient MaskMemo[] memos = newMemos();

  /*
   * The kind of each column: as the format declares it, else the kind a column of that meaning
   * has (a format leaves undeclared the columns it never fills).
   */
  private final PrivacyKind kClientIp;
  private final PrivacyKind kPublicIp;
  private final PrivacyKind kPrivateIp;
  private final PrivacyKind kMessage;
  private final PrivacyKind kUserAgent;
  private final PrivacyKind kHostname;
  private final PrivacyKind kRemoteLogId;
  private final PrivacyKind kEndpoint;
  private final PrivacyKind kReferrer;
  private final PrivacyKind kHttpMethod;
  private final PrivacyKind kService;
  private final PrivacyKind kVersion;
  private final PrivacyKind kNodeName;
  private final PrivacyKind kAlertLevel;

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
  /** {@code attributes.<name>} treatments by normalized name (lower case, '-' as '_'). */
  private final Map<String, Treatment> attributeTreatments = new HashMap<>();

  EventPrivacy(Anonymizer a, PrivacyPolicy policy, List<Field> fields) {
    this.a = a;
    Map<String, PrivacyKind> columns = new HashMap<>();
    for (Field f : fields) {
      if (f.isAttribute()) {
        declared.put(f.name(), f.kind());
      } else {
        columns.put(f.column(), f.kind());
      }
    }
    this.kClientIp = columns.getOrDefault("client_ip", PrivacyKind.ADDRESS);
    this.kPublicIp = columns.getOrDefault("public_ip", PrivacyKind.ADDRESS);
    this.kPrivateIp = columns.getOrDefault("private_ip", PrivacyKind.ADDRESS);
    this.kMessage = columns.getOrDefault("message", PrivacyKind.FREE_TEXT);
    this.kUserAgent = columns.getOrDefault("user_agent", PrivacyKind.FREE_TEXT);
    this.kHostname = columns.getOrDefault("hostname", PrivacyKind.FREE_TEXT);
    this.kRemoteLogId = columns.getOrDefault("remote_log_id", PrivacyKind.FREE_TEXT);
    this.kEndpoint = columns.getOrDefault("endpoint", PrivacyKind.URL);
    this.kReferrer = columns.getOrDefault("referrer", PrivacyKind.URL);
    this.kHttpMethod = columns.getOrDefault("http_method", PrivacyKind.FREE_TEXT);
    this.kService = columns.getOrDefault("service", PrivacyKind.FREE_TEXT);
    this.kVersion = columns.getOrDefault("version", PrivacyKind.FREE_TEXT);
    this.kNodeName = columns.getOrDefault("nodeName", PrivacyKind.FREE_TEXT);
    this.kAlertLevel = columns.getOrDefault("alert_level", PrivacyKind.PLAIN);
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
  }

  /**
   * Applies the policy to every field of {@code e} in place. Columns without a treatment of their
   * own ({@code http_method}, {@code service}, {@code version}, {@code nodeName}, {@code
   * alert_level}) are masked by their kind: a malformed request can put anything there.
   */
  void apply(LogEvent e) {
    e.clientIp = treat(e.clientIp, kClientIp, clientIp);
    e.publicIp = treat(e.publicIp, kPublicIp, publicIp);
    e.privateIp = treat(e.privateIp, kPrivateIp, privateIp);
    e.message = treat(e.message, kMessage, message);
    e.userAgent = treat(e.userAgent, kUserAgent, userAgent);
    e.hostname = treat(e.hostname, kHostname, hostname);
    e.remoteLogId = treat(e.remoteLogId, kRemoteLogId, remoteLogId);
    e.endpoint = treat(e.endpoint, kEndpoint, endpoint);
    e.referrer = treat(e.referrer, kReferrer, referrer);
    e.httpMethod = treat(e.httpMethod, kHttpMethod, Treatment.MASK);
    e.service = treat(e.service, kService, Treatment.MASK);
    e.version = treat(e.version, kVersion, Treatment.MASK);
    e.nodeName = treat(e.nodeName, kNodeName, Treatment.MASK);
    e.alertLevel = treat(e.alertLevel, kAlertLevel, Treatment.MASK);
    if (e.attributes.isEmpty()) {
      return;
    }
    boolean renamed = false;
    for (Iterator<Map.Entry<String, String>> it = e.attributes.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, String> attr = it.next();
      String name = attr.getKey() == null ? "" : attr.getKey();
      Treatment t = attributeTreatments.getOrDefault(normalizeName(name), attributesDefault);
      String v = attr.getValue();
      String treated = treat(v, attributeKind(name), t);
      if (treated == null && v != null) {
        it.remove();
        continue;
      } else if (treated != v) {
        attr.setValue(treated);
      }
      renamed |= !declared.containsKey(name) && scrubName(name) != name;
    }
    if (renamed) {
      renameAttributes(e.attributes);
    }
  }

  /**
   * Scrubs the names of undeclared attributes too: a JSON key is input like any value and can
   * hold an address or an e-mail address ({@code {"alice@example.com": 1}}).
   */
  private void renameAttributes(Map<String, String> attributes) {
    Map<String, String> copy = new LinkedHashMap<>(attributes);
    attributes.clear();
    for (Map.Entry<String, String> attr : copy.entrySet()) {
      String name = attr.getKey();
      String safe = name == null || declared.containsKey(name) ? name : scrubName(name);
      attributes.merge(safe, attr.getValue(), (x, y) -> x);
    }
  }

  /**
   * An attribute name scrubbed like text, each dotted part of a flattened JSON path also on its
   * own ({@code metadata.203.0.113.57}: an address glued to a word by a dot is otherwise taken
   * for a version number). Returns {@code name} itself when nothing changes.
   */
  private String scrubName(String name) {
    String s = a.scrubText(name);
    int dot = s.indexOf('.');
    while (dot >= 0 && dot + 1 < s.length()) {
      String tail = s.substring(dot + 1);
      String t = a.scrubText(tail);
      if (!t.equals(tail)) {
        s = s.substring(0, dot + 1) + t;
      }
      dot = s.indexOf('.', dot + 1);
    }
    return s.equals(name) ? name : s;
  }

  /**
   * The kind of an attribute: as declared, except that free text under a secret name is a
   * secret; an undeclared attribute is a secret or free text by its name.
   */
  PrivacyKind attributeKind(String name) {
    PrivacyKind k = declared.get(name);
    if (k != null && k != PrivacyKind.FREE_TEXT) {
      return k;
    }
    Map<String, PrivacyKind> memo = undeclared;
    PrivacyKind m = memo == null ? null : memo.get(name);
    if (m == null) {
      m = Secrets.isSecretName(name, false) ? PrivacyKind.SECRET : PrivacyKind.FREE_TEXT;
      if (memo != null && memo.size() < MAX_MEMO) {
        memo.put(name, m);
      }
    }
    return m;
  }

  /** One value treated as {@code t} says, by its {@code kind}. */
  String treat(String v, PrivacyKind kind, Treatment t) {
    if (v == null) {
      return null;
    }
    if (t == Treatment.DROP) {
      return null;
    }
    if (kind == PrivacyKind.SECRET) {
      return v.isEmpty() || v.equals("-") ? v : REDACTED;
    }
    switch (t) {
      case KEEP:
        return v;
      case HASH:
        return kind == PrivacyKind.ADDRESS ? a.hashAddress(v) : a.hash(v);
      default:
        return mask(v, kind);
    }
  }

  private String mask(String v, PrivacyKind kind) {
    switch (kind) {
      case ADDRESS:
        return a.maskIp(v);
      case ADDRESS_LIST:
        return a.maskIpList(v);
      case PLAIN:
        if (isDigits(v)) {
          return v;
        }
        break;
      default:
        break;
    }
    MaskMemo[] m = memos;
    MaskMemo memo = m == null ? null : m[kind.ordinal()];
    String known = memo == null ? null : memo.get(v);
    if (known != null) {
      return known;
    }
    String masked = scrub(v, kind);
    if (memo != null) {
      memo.put(v, masked);
    }
    return masked;
  }

  /** Text, URLs, queries and identifiers masked by their kind, without the memo. */
  private String scrub(String v, PrivacyKind kind) {
    switch (kind) {
      case URL:
      case REQUEST_LINE:
        return a.scrubUrl(v);
      case QUERY:
        return a.scrubQuery(v);
      case IDENTIFIER:
        return a.hash(v);
      default:
        return a.scrubText(v);
    }
  }

  /** One memo per kind whose masking scans or hashes the text; null for the others. */
  private static MaskMemo[] newMemos() {
    MaskMemo[] m = new MaskMemo[PrivacyKind.values().length];
    for (PrivacyKind k : PrivacyKind.values()) {
      if (k != PrivacyKind.ADDRESS && k != PrivacyKind.ADDRESS_LIST && k != PrivacyKind.SECRET) {
        m[k.ordinal()] = new MaskMemo();
      }
    }
    return m;
  }

  /** The memo of masked values of {@code kind} (for tests). */
  MaskMemo memo(PrivacyKind kind) {
    return memos[kind.ordinal()];
  }

  private static boolean isDigits(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static String normalizeName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '-' || (c >= 'A' && c <= 'Z')) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_');
      }
    }
    return name;
  }
}
