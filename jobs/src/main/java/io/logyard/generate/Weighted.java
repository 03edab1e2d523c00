package io.logyard.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** An immutable discrete distribution: picks an item with probability proportional to its weight. */
final class Weighted<T> {

  private final List<T> items;
  private final double[] cumulative;

  private Weighted(List<T> items, double[] weights) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no items");
    }
    this.items = List.copyOf(items);
    this.cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0) {
        throw new IllegalArgumentException("negative weight for " + items.get(i));
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("weights sum to zero");
    }
  }

  static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** Weights 1, 1/2^s, 1/3^s, ...: the first items are by far the most frequent. */
  static <T> Weighted<T> zipf(List<T> items, double exponent) {
    double[] weights = new double[items.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 1.0 / StrictMath.pow(i + 1, exponent);
    }
    return new Weighted<>(items, weights);
  }

  static <T> Weighted<T> uniform(List<T> items) {
    double[] weights = new double[items.size()];
    Arrays.fill(weights, 1.0);
    return new Weighted<>(items, weights);
  }

  T pick(SplittableRandom random) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    // the first item whose cumulative weight exceeds x; x < total, so there is one
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return items.get(lo);
  }

  static final class Builder<T> {
    private final List<T> items = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    Builder<T> add(double weight, T item) {
      items.add(item);
      weights.add(weight);
      return this;
    }

    Weighted<T> build() {
      return new Weighted<>(items, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }
}
