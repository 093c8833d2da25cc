package org.fnmisp.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter, the one wait policy of STOMP reconnects, MISP retries and SOAR retries: retry
 * {@code n} (1 for the first) waits {@code min(max, initial × factor^(n-1))}, shortened by a random share of up to
 * {@code jitter} so that many clients retrying after the same outage do not do so in step. The jitter only ever
 * shortens a wait, so the cap really is a cap. Immutable and thread-safe.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final double factor;
  private final double jitter;
  private final DoubleSupplier random;

  /**
   * @param jitter share of a wait that may be cut at random, 0 (none) to 1
   * @param random values in [0, 1); tests pass a constant to make the waits exact
   */
  public Backoff(Duration initial, Duration max, double factor, double jitter, DoubleSupplier random) {
    if (initial.isNegative()) {
      throw new IllegalArgumentException("initial backoff must not be negative, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max backoff " + max + " is shorter than the initial " + initial);
    }
    if (!(factor >= 1.0)) {
      throw new IllegalArgumentException("backoff factor must be at least 1, got " + factor);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("backoff jitter must be between 0 and 1, got " + jitter);
    }
    this.initial = initial;
    this.max = max;
    this.factor = factor;
    this.jitter = jitter;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A backoff whose jitter comes from {@link ThreadLocalRandom}. */
  public static Backoff of(Duration initial, Duration max, double factor, double jitter) {
    return new Backoff(initial, max, factor, jitter, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** No wait at all. */
  public static Backoff none() {
    return new Backoff(Duration.ZERO, Duration.ZERO, 1.0, 0.0, () -> 0.0);
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration delay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1, got " + retry);
    }
    double capped = Math.min((double) max.toMillis(), (double) initial.toMillis() * Math.pow(factor, retry - 1.0));
    return Duration.ofMillis(Math.round(capped * (1.0 - jitter * random.getAsDouble())));
  }
}
