package io.logyard.privacy;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scrubs free text in one hand-written pass: masks addresses, pseudonymizes e-mail addresses
 * and URL user names, redacts secrets (values of secret-named keys, URL passwords, credentials
 * of well-known shapes). Returns the input itself when nothing changes.
 */
final class TextScrubber implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String REDACTED = Secrets.REDACTED;
  private static final String PEM_BEGIN = "-----BEGIN ";

  private final int keepOctets;
  private final int keepBits;
  private final Pseudonymizer pseudonyms;

  TextScrubber(int keepOctets, int keepBits, Pseudonymizer pseudonyms) {
    this.keepOctets = keepOctets;
    this.keepBits = keepBits;
    this.pseudonyms = pseudonyms;
  }

  /**
   * Scrubs free text: masks every IPv4 and IPv6 address in it (four dotted octets 0-255 only, so
   * versions like {@code 1.4.2}, dates like {@code 2026.11.20} and times like {@code 10:00:03}
   * stay), pseudonymizes e-mail addresses (also {@code %40}-encoded), and replaces secrets by
   * {@code [REDACTED]}: values of secret-like keys ({@code password=x}, {@code "token": "x"},
   * {@code Authorization: Bearer x}, also after an encoded {@code %3D}), URL passwords
   * ({@code https://user:x@host}), the bodies of PEM private keys, AWS access key ids, JSON Web
   * Tokens and a few well-known token formats.
   */
  public String scrub(String text) {
    if (text == null || !mayNeedScrub(text)) {
      return text;
    }
    try {
      return scan(text);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  /**
   * {@link #scrub}, then every credential-like token inside quotes redacted: for quarantine
   * reasons and messages that quote input out of its context ({@code Unrecognized token
   * 'Hunter2Token99'}), where the key that said "secret" is lost. A token is credential-like when
   * it has at least 8 characters, among them a digit and two letters; our own pseudonyms are
   * left alone.
   */
  String scrubQuoted(String s) {
    String t = scrub(s);
    if (t == null) {
      return null;
    }
    try {
      return redactQuotedTokens(t);
    } catch (RuntimeException e) {
      return REDACTED;
    }
  }

  private static String redactQuotedTokens(String s) {
    CopyOnWrite out = new CopyOnWrite(s);
    int n = s.length();
    int i = 0;
    while (i < n) {
      char q = s.charAt(i);
      if (q != '\'' && q != '"' && q != '`') {
        i++;
        continue;
      }
      int close = s.indexOf(q, i + 1);
      if (close < 0) {
        close = n;
      }
      int j = i + 1;
      while (j < close) {
        while (j < close && !isQuotedTokenChar(s.charAt(j))) {
          j++;
        }
        int e = j;
        while (e < close && isQuotedTokenChar(s.charAt(e))) {
          e++;
        }
        if (e > j && looksLikeSecretToken(s, j, e) && !isAfterPseudonymPrefix(s, j, e)
            && !isDate(s, j, e)) {
          out.replace(j, e, REDACTED);
        }
        j = e;
      }
      i = close + 1;
    }
    return out.result();
  }

  /**
   * Whether the line, blanks aside, is a single token of at least 32 base64 characters with a
   * digit and letters (the body lines of a PEM block are 64).
   */
  static boolean isBareSecretLine(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    if (to - from < 32) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!Secrets.isAlnum(c) && c != '+' && c != '/' && c != '=') {
        return false;
      }
    }
    return looksLikeSecretToken(s, from, to);
  }

  private static boolean isQuotedTokenChar(char c) {
    return Secrets.isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+'
        || c == '/' || c == '=';
  }

  private static boolean looksLikeSecretToken(String s, int from, int to) {
    if (to - from < 8) {
      return false;
    }
    int digits = 0;
    int letters = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letters++;
      }
    }
    return digits > 0 && letters >= 2;
  }

  /**
   * Whether {@code [from, to)} is a date with the month's name between numbers and one separator
   * ({@code 10/Oct/2026}, {@code 2026-Sep-31}) or first ({@code Feb.30.2026}): the head of a
   * timestamp a parser quotes, not a credential.
   */
  static boolean isDate(String s, int from, int to) {
    return DATE.matcher(s).region(from, to).matches();
  }

  private static final String MONTH = "(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
  private static final Pattern DATE = Pattern.compile(
      "\\d{1,4}([-/.])" + MONTH + "\\1\\d{1,4}|" + MONTH + "([-/.])\\d{1,2}\\2\\d{2,4}");

  /** Whether {@code [from, to)} is the hex part of a pseudonym ("h:" and 32 hex digits). */
  private static boolean isAfterPseudonymPrefix(String s, int from, int to) {
    return from >= 2 && Pseudonymizer.isPseudonym(s, from - 2, to);
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

  /** The scanner behind {@link #scrub}, without the pre-check and the fail-closed guard. */
  String scan(String s) {
    int n = s.length();
    CopyOnWrite out = new CopyOnWrite(s);
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
            } else if (s.charAt(i + 1) == '3' && (s.charAt(i + 2) == 'D' || s.charAt(i + 2) == 'd')) {
              next = secretValue(out, i, i + 3); // "api_key%3Dx": an encoded '='
            }
            if (next < 0) {
              next = i + 3; // an escape is one character: "%3D1.2.3.4" has an address at its end
            }
          }
          break;
        case '=':
          next = secretValue(out, i, i + 1);
          break;
        case '-':
          if (s.startsWith(PEM_BEGIN, i)) {
            next = privateKey(out, i);
          }
          break;
        case ':':
          if (i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
            next = userInfo(out, i + 3);
          }
          if (next < 0) {
            next = secretValue(out, i, i + 1);
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
  private int address(CopyOnWrite out, int i) {
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
      if (v == null && !glued) {
        int t = r;
        while (t > i && (s.charAt(t - 1) == '.' || s.charAt(t - 1) == ':')) {
          t--;
        }
        v = truncatedV6(s, i, t);
        if (v != null) {
          e = t;
        }
      }
      boolean ok = v != null;
      if (ok) {
        String masked = IpMasker.maskedV6Text(v[0], v[1], keepOctets, keepBits);
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
   * The head of an IPv6 address cut short ({@code 2001:67c:c0dd:4338:f360:147e:b37}, a line
   * truncated in transit): five to seven groups of one to four hex digits, the first of four
   * (so MAC addresses and key fingerprints are not taken for one) and another wider than two
   * decimal digits (so {@code 2026:11:20:10:00:03} is not either), as {@code {high, low}} bits with
   * the missing groups zero; or null.
   */
  private static long[] truncatedV6(String s, int from, int to) {
    long high = 0;
    long low = 0;
    int groups = 0;
    boolean wide = false; // a group after the first with 3-4 digits or a hex letter: not a date
    int g = from;
    while (g <= to) {
      int c = g;
      int value = 0;
      while (c < to && s.charAt(c) != ':') {
        int h = Ip.hexValue(s.charAt(c));
        if (h < 0 || c - g >= 4) {
          return null;
        }
        value = value * 16 + h;
        c++;
      }
      if (c == g || (groups == 0 && c - g != 4) || groups == 7) {
        return null;
      }
      if (groups > 0 && (c - g >= 3 || value > 0x99 || hasHexLetter(s, g, c))) {
        wide = true;
      }
      if (groups < 4) {
        high |= (long) value << (48 - 16 * groups);
      } else {
        low |= (long) value << (48 - 16 * (groups - 4));
      }
      groups++;
      g = c + 1;
    }
    return groups >= 5 && wide ? new long[] {high, low} : null;
  }

  private static boolean hasHexLetter(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Ip.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
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

  private static boolean isWordChar(char c) {
    return Secrets.isAlnum(c) || c == '_' || (c >= 128 && Character.isLetterOrDigit(c));
  }

  private static boolean isZoneChar(char c) {
    return Secrets.isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '~';
  }

  /** An e-mail address around the '@' (or "%40") at {@code at}: pseudonymized as a whole. */
  private int email(CopyOnWrite out, int at, int atLength) {
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
    if (ls == at || (ls >= 2 && Pseudonymizer.isPseudonym(s, ls - 2, at))) {
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
    out.replace(ls, e, pseudonyms.pseudonymize(address));
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
  private int secretValue(CopyOnWrite out, int i, int valueStart) {
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
    return redactValue(out, valueStart, valueStart > i + 1);
  }

  /** Redacts the value starting at {@code v} (after blanks and an opening quote); see above. */
  private static int redactValue(CopyOnWrite out, int v, boolean encoded) {
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
    if (quote == 0 && s.startsWith(PEM_BEGIN, vs)) {
      int e = privateKey(out, vs); // "private_key: -----BEGIN ...": the whole body, not one word
      if (e > vs) {
        return e;
      }
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
      while (ve < n && !isValueDelimiter(s.charAt(ve)) && !(encoded && isEncodedDelimiter(s, ve))) {
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

  /** After an encoded '=' ({@code %3D}), the value also ends at an encoded '&', ',', ';' or blank. */
  private static boolean isEncodedDelimiter(String s, int i) {
    if (s.charAt(i) != '%' || i + 2 >= s.length()) {
      return false;
    }
    char h = s.charAt(i + 1);
    char l = Character.toUpperCase(s.charAt(i + 2));
    return (h == '2' && (l == '6' || l == 'C' || l == '0')) || (h == '3' && l == 'B');
  }

  /**
   * A PEM block of a private key ({@code -----BEGIN RSA PRIVATE KEY----- ... -----END ...}, also
   * OpenSSH, PKCS#8, encrypted and PGP keys) at {@code i}: its body is redacted up to the END line,
   * or to the end of the text when the block is cut. Returns the end of what was looked at, or -1
   * when the label does not name a private key.
   */
  private static int privateKey(CopyOnWrite out, int i) {
    String s = out.s;
    int n = s.length();
    int labelStart = i + PEM_BEGIN.length();
    int labelEnd = s.indexOf("-----", labelStart);
    if (labelEnd < 0 || labelEnd - labelStart > 64 || !s.substring(labelStart, labelEnd).contains("PRIVATE KEY")) {
      return -1;
    }
    int bodyStart = labelEnd + 5;
    int endMark = s.indexOf("-----END", bodyStart);
    int bodyEnd = endMark < 0 ? n : endMark;
    int from = bodyStart;
    while (from < bodyEnd && isPemBlank(s, from)) {
      from += s.charAt(from) == '\\' ? 2 : 1;
    }
    int to = bodyEnd;
    while (to > from && isPemBlankBefore(s, to)) {
      to -= s.charAt(to - 1) == 'n' || s.charAt(to - 1) == 'r' ? 2 : 1;
    }
    if (to > from && !(to - from == REDACTED.length() && s.startsWith(REDACTED, from))) {
      out.replace(from, to, REDACTED);
    }
    return endMark < 0 ? n : endMark + 8;
  }

  /** A blank, a line break, or an escaped one ({@code \\n} in a JSON-quoted line). */
  private static boolean isPemBlank(String s, int i) {
    char c = s.charAt(i);
    return c <= ' ' || (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == 'r'));
  }

  private static boolean isPemBlankBefore(String s, int to) {
    char c = s.charAt(to - 1);
    return c <= ' ' || ((c == 'n' || c == 'r') && to >= 2 && s.charAt(to - 2) == '\\');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The user-info of the URL authority starting at {@code from} (just after "://"): with a
   * password it is redacted whole, a bare user name is pseudonymized. Returns the index of the
   * '@', or -1 when there is no user-info.
   */
  private int userInfo(CopyOnWrite out, int from) {
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
        || Pseudonymizer.isPseudonym(s, from, at)) {
      return at; // scrubbed before
    }
    out.replace(from, at, colon ? REDACTED : pseudonyms.pseudonymize(s.substring(from, at)));
    return at;
  }

  /** A bare credential at a word start: AWS key id, JWT, known token formats, "Bearer x". */
  private int credential(CopyOnWrite out, int i) {
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
}
