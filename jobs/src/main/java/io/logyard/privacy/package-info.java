/**
 * Anonymization of parsed log events, in plain Java (no Spark): the privacy step of the data flow,
 * applied to every event before anything is written.
 *
 * <p>{@link io.logyard.privacy.PrivacyPolicy} says what to do per field ({@link
 * io.logyard.privacy.Treatment}: keep, mask, hash, drop) and how much of an address to keep;
 * {@link io.logyard.privacy.Anonymizer} does it. The defaults follow seed 001: IPv4 keeps three
 * octets, IPv6 64 bits; every field that can hold an address, an e-mail address or a secret is
 * masked; S3 requester ARNs are hashed; hostnames and the events' own ids are kept.
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
