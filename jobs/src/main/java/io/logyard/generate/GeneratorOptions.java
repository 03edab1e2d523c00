package io.logyard.generate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link LogGenerator} writes. Immutable and validated on construction: an invalid value
 * throws {@link IllegalArgumentException} whose message starts with the option's command-line
 * name.
 *
 * @param providers the providers to write, in any order, without duplicates
 * @param start the first instant covered; files rotate on five-minute boundaries of the clock
 * @param minutes how many minutes of logs, at least 1
 * @param linesPerMinute lines per minute for each node and each kind of log, from 1 to {@value
 *     #MAX_LINES_PER_MINUTE}
 * @param seed the random seed: the same options always give the same bytes
 * @param malformedRate the share of lines that are malformed, in [0, 1]
 * @param emergencyRate the share of application events at level CRITICAL or EMERGENCY, in [0, 1]
 * @param securityRate the share of application events that are {@code [SECURITY]} incidents, in
 *     [0, 1]
 * @param nodesPerProvider nodes per provider, at least 1
 * @param kinds the kinds of log to write, without duplicates; a kind one provider delivers
 *     ({@link LogKind#providerOnly}) is written for that provider only
 */
public record GeneratorOptions(
    List<Provider> providers,
    Instant start,
    int minutes,
    int linesPerMinute,
    long seed,
    double malformedRate,
    double emergencyRate,
    double securityRate,
    int nodesPerProvider,
    List<LogKind> kinds) {

  public static final Instant DEFAULT_START = Instant.parse("2026-11-20T10:00:00Z");
  public static final int DEFAULT_MINUTES = 30;
  public static final int DEFAULT_LINES_PER_MINUTE = 40;
  public static final long DEFAULT_SEED = 42;
  public static final double DEFAULT_MALFORMED_RATE = 0.01;
  public static final double DEFAULT_EMERGENCY_RATE = 0.005;
  public static final double DEFAULT_SECURITY_RATE = 0.01;
  public static final int DEFAULT_NODES_PER_PROVIDER = 2;
  /** Keeps a five-minute file below ten million lines. */
  public static final int MAX_LINES_PER_MINUTE = 2_000_000;

  public GeneratorOptions {
    Objects.requireNonNull(providers, "--providers");
    Objects.requireNonNull(start, "--start");
    Objects.requireNonNull(kinds, "--kinds");
    providers = List.copyOf(providers);
    kinds = List.copyOf(kinds);
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("--kinds: at least one kind of log is needed");
    }
    if (kinds.stream().distinct().count() != kinds.size()) {
      throw new IllegalArgumentException("--kinds: a kind is listed twice: " + kinds);
    }
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("--providers: at least one provider is needed");
    }
    if (providers.stream().distinct().count() != providers.size()) {
      throw new IllegalArgumentException("--providers: a provider is listed twice: " + providers);
    }
    atLeastOne("--minutes", minutes);
    atLeastOne("--lines-per-minute", linesPerMinute);
    if (linesPerMinute > MAX_LINES_PER_MINUTE) {
      throw new IllegalArgumentException("--lines-per-minute: must be at most "
          + MAX_LINES_PER_MINUTE + ", got " + linesPerMinute);
    }
    atLeastOne("--nodes-per-provider", nodesPerProvider);
    rate("--malformed-rate", malformedRate);
    rate("--emergency-rate", emergencyRate);
    rate("--security-rate", securityRate);
    if (emergencyRate + securityRate > 1) {
      throw new IllegalArgumentException(
          "--emergency-rate + --security-rate: must not exceed 1, got "
              + (emergencyRate + securityRate));
    }
  }

  /** The {@link LogKind#DEFAULTS default kinds} of log (access and app). */
  public GeneratorOptions(List<Provider> providers, Instant start, int minutes,
      int linesPerMinute, long seed, double malformedRate, double emergencyRate,
      double securityRate, int nodesPerProvider) {
    this(providers, start, minutes, linesPerMinute, seed, malformedRate, emergencyRate,
        securityRate, nodesPerProvider, LogKind.DEFAULTS);
  }

  /** The defaults of {@code logyard generate}. */
  public static GeneratorOptions defaults() {
    return new GeneratorOptions(
        List.of(Provider.values()),
        DEFAULT_START,
        DEFAULT_MINUTES,
        DEFAULT_LINES_PER_MINUTE,
        DEFAULT_SEED,
        DEFAULT_MALFORMED_RATE,
        DEFAULT_EMERGENCY_RATE,
        DEFAULT_SECURITY_RATE,
        DEFAULT_NODES_PER_PROVIDER,
        LogKind.DEFAULTS);
  }

  /** The instant right after the last one covered. */
  public Instant end() {
    return start.plusSeconds(60L * minutes);
  }

  public GeneratorOptions withProviders(List<Provider> value) {
    return new GeneratorOptions(value, start, minutes, linesPerMinute, seed, malformedRate,
        emergencyRate, securityRate, nodesPerProvider, kinds);
  }

  public GeneratorOptions withStart(Instant value) {
    return new GeneratorOptions(providers, value, minutes, linesPerMinute, seed, malformedRate,
        emergencyRate, securityRate, nodesPerProvider, kinds);
  }

  public GeneratorOptions withMinutes(int value) {
    return new GeneratorOptions(providers, start, value, linesPerMinute, seed, malformedRate,
        emergencyRate, securityRate, nodesPerProvider, kinds);
  }

  public GeneratorOptions withLinesPerMinute(int value) {
    return new GeneratorOptions(providers, start, minutes, value, seed, malformedRate,
        emergencyRate, securityRate, nodesPerProvider, kinds);
  }

  public GeneratorOptions withSeed(long value) {
    return new GeneratorOptions(providers, start, minutes, linesPerMinute, value, malformedRate,
        emergencyRate, securityRate, nodesPerProvider, kinds);
  }

  public GeneratorOptions withMalformedRate(double value) {
    return new GeneratorOptions(providers, start, minutes, linesPerMinute, seed, value,
        emergencyRate, securityRate, nodesPerProvider, kinds);
  }

  public GeneratorOptions withEmergencyRate(double value) {
    return new GeneratorOptions(providers, start, minutes, linesPerMinute, seed, malformedRate,
        value, securityRate, nodesPerProvider, kinds);
  }

  public GeneratorOptions withSecurityRate(double value) {
    return new GeneratorOptions(providers, start, minutes, linesPerMinute, seed, malformedRate,
        emergencyRate, value, nodesPerProvider, kinds);
  }

  public GeneratorOptions withNodesPerProvider(int value) {
    return new GeneratorOptions(providers, start, minutes, linesPerMinute, seed, malformedRate,
        emergencyRate, securityRate, value, kinds);
  }

  public GeneratorOptions withKinds(List<LogKind> value) {
    return new GeneratorOptions(providers, start, minutes, linesPerMinute, seed, malformedRate,
        emergencyRate, securityRate, nodesPerProvider, value);
  }

  /** True when {@code kind} is written for {@code provider}. */
  public boolean writes(Provider provider, LogKind kind) {
    return kinds.contains(kind) && (kind.providerOnly() == null || kind.providerOnly() == provider);
  }

  private static void atLeastOne(String option, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + ": must be at least 1, got " + value);
    }
  }

  private static void rate(String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(option + ": must be between 0 and 1, got " + value);
    }
  }
}
