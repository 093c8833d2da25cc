package org.fnmisp.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: {@code base × 2^(retry-1)}, at most {@code max}, then shortened by a random
 * fraction of up to {@code jitter} so that many workers retrying after the same outage do not hit MISP in step.
 */
public final class ExponentialBackoff implements Backoff {

  private final Duration base;
  private final Duration max;
  private final double jitter;
  private final DoubleSupplier random;

  /**
   * @param jitter share of the delay that may be cut at random, 0 (none) to 1
   * @param random values in [0, 1); tests pass a constant to make the delays exact
   */
  public ExponentialBackoff(Duration base, Duration max, double jitter, DoubleSupplier random) {
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= base <= max, got " + base + " and " + max);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
    this.base = base;
    this.max = max;
    this.jitter = jitter;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Base delay doubling per retry up to {@code max}, with 20 % jitter. */
  public static ExponentialBackoff of(Duration base, Duration max) {
    return new ExponentialBackoff(base, max, 0.2, () -> ThreadLocalRandom.current().nextDouble());
  }

  @Override
  public Duration delay(int retry) {
    long baseMs = base.toMillis();
    int doublings = Math.min(Math.max(retry - 1, 0), 30);
    long capped = Math.min(max.toMillis(), baseMs << doublings);
    if (baseMs > 0 && capped < baseMs) {
      capped = max.toMillis(); // the shift overflowed
    }
    long cut = (long) (capped * jitter * random.getAsDouble());
    return Duration.ofMillis(capped - cut);
  }
}
