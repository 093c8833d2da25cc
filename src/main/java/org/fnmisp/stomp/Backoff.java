package org.fnmisp.stomp;

import java.time.Duration;
import java.util.Random;

/**
 * Capped exponential backoff with jitter for reconnect attempts: attempt n waits
 * {@code min(max, initial * factor^n)}, shortened by up to {@code jitter} of itself so that many clients restarted
 * together do not reconnect in lockstep. The jitter only ever shortens the delay, so the cap really is a cap.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final double factor;
  private final double jitter;
  private final Random random;

  public Backoff(Duration initial, Duration max, double factor, double jitter, Random random) {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
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
    this.random = random;
  }

  /**
   * First retry within 0.5 s, growing by half each time, capped at 60 s, up to 25 % jitter. The gentle growth keeps
   * the wait short after a broker restart of a few seconds (the first reply comes within about 2 s of the broker being
   * back), while a long outage still ends up at one attempt a minute.
   */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), 1.5, 0.25, new Random());
  }

  /** The wait before retry number {@code attempt} (0 for the first retry). */
  public Duration delay(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
    }
    double capped = Math.min(max.toMillis(), initial.toMillis() * Math.pow(factor, attempt));
    double jittered;
    synchronized (random) {
      jittered = capped * (1.0 - jitter * random.nextDouble());
    }
    return Duration.ofMillis(Math.max(1, Math.round(jittered)));
  }
}
