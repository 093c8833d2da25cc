package org.fnmisp.soar;

import java.time.Duration;
import org.fnmisp.retry.Backoff;

/**
 * How often one SOAR call is tried and how long to wait in between: {@code delay}, then {@code delay × backoff},
 * {@code delay × backoff²} and so on, each wait capped at {@link #MAX_DELAY} (resilient-circuits has no cap, so its
 * waits grow without limit).
 *
 * @param attempts total tries; 0 or less means unlimited
 */
record RetryPolicy(int attempts, Duration delay, double backoff, Sleeper sleeper) {

  static final Duration MAX_DELAY = Duration.ofSeconds(60);

  /** Waits between attempts; tests pass one that records the waits instead of sleeping. */
  @FunctionalInterface
  interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }

  /** REST calls after login: {@code request_max_retries} tries, at least one. */
  static RetryPolicy requests(SoarSettings settings, Sleeper sleeper) {
    return new RetryPolicy(Math.max(1, settings.requestMaxRetries()), settings.retryDelay(), settings.retryBackoff(),
        sleeper);
  }

  /** The login: {@code max_connection_retries} tries, where -1 and 0 mean unlimited. */
  static RetryPolicy login(SoarSettings settings, Sleeper sleeper) {
    return new RetryPolicy(settings.maxConnectionRetries(), settings.retryDelay(), settings.retryBackoff(), sleeper);
  }

  /** A single try, for calls whose failure is reported at once. */
  static RetryPolicy once() {
    return new RetryPolicy(1, Duration.ZERO, 1, Sleeper.REAL);
  }

  boolean allowsAttempt(int attempt) {
    return attempts <= 0 || attempt <= attempts;
  }

  /** The wait before try number {@code attempt} (2 or more). */
  Duration delayBefore(int attempt) {
    Duration first = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    return new Backoff(first, MAX_DELAY, backoff, 0.0, () -> 0.0).delay(attempt - 1);
  }

  String describeAttempts() {
    return attempts <= 0 ? "unlimited" : String.valueOf(attempts);
  }
}
