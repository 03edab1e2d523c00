/**
 * Anonymization of parsed log events, in plain Java (no Spark): the privacy step of the data flow,
 * applied to every event before anything is written.
 *
 * <p>{@link io.logyard.privacy.PrivacyPolicy} says what to do per field ({@link
 * io.logyard.privacy.Treatment}: keep, mask, hash, drop) and how much of an address to keep;
 * {@link io.logyard.privacy.Anonymizer} does it, masking each field by the {@link
 * io.logyard.format.PrivacyKind} its format declares (never by the name a parser gave it), with
 * one class per capability: {@code IpMasker}, {@code TextScrubber}, {@code UrlScrubber}, {@code
 * Pseudonymizer} and {@code EventPrivacy}, the per-event applier. Secret names come from the one
 * vocabulary {@link io.logyard.config.SecretNames}, which {@link io.logyard.config.Masking}
 * shares. The defaults follow seed 001: IPv4 keeps three octets, IPv6 64 bits; every field is
 * masked by its kind (which leaves plain host names and event ids as they are); S3 requester ARNs
 * and other identifiers are pseudonymized. Quarantine reasons, progress lines and error messages
 * are scrubbed like free text ({@link io.logyard.privacy.Anonymizer#scrubReason}, {@link
 * io.logyard.privacy.LogText}).
 *
 * <h2>What masking does</h2>
 *
 * <ul>
 *   <li>Addresses: IPv4 as four dotted decimal octets 0-255 not inside a longer dotted number or a
 *       word; IPv6 in every RFC 4291 spelling (compressed, upper case, leading zeros, embedded
 *       IPv4, in brackets, with a zone id or a port). Masked output is RFC 5952 canonical.
 *       IPv4-mapped addresses are masked as IPv4, 6to4 addresses also in their embedded IPv4,
 *       reverse-DNS names ({@code 57.113.0.203.in-addr.arpa}) in the right octet.
 *   <li>E-mail addresses (also {@code %40}-encoded): replaced by their keyed pseudonym, so that
 *       one person stays countable without being named. User names in URLs likewise.
 *   <li>Secrets: the value of any key, header, JSON field or query parameter whose name is
 *       secret-like (password, token, secret, key, signature, credential, session id,
 *       authorization, ...), URL passwords, AWS access key ids, JSON Web Tokens, GitHub, GitLab,
 *       Slack, Google API and Stripe keys, and {@code Bearer}/{@code Basic} credentials become
 *       {@code [REDACTED]}.
 * </ul>
 *
 * <h2>Known limits</h2>
 *
 * <ul>
 *   <li>Addresses spelled with dashes inside host names ({@code ip-10-0-0-1},
 *       {@code ec2-203-0-113-57.compute-1.amazonaws.com}) are not recognized; neither are
 *       percent-encoded IPv6 colons in free text (they are in query values, which are decoded).
 *   <li>An address glued to a letter or digit before it ({@code v1.2.3.4}) is taken for a
 *       version, not an address.
 *   <li>Secrets are recognized by their key or their format, never by their meaning: a password
 *       written as plain prose ("my password is hunter2") is not found.
 *   <li>E-mail addresses with non-ASCII characters are not recognized.
 * </ul>
 */
package io.logyard.privacy;
