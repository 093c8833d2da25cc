package org.fnmisp.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.fnmisp.retry.Backoff;

/**
 * When a request to one remote system is sent again, applied by {@link HttpClients}' clients to every request (a
 * request may carry its own policy as a tag: {@code builder.tag(RetryPolicy.class, policy)}). A request is resent
 * after a connection failure or time-out (never after a TLS failure: an untrusted certificate does not fix itself) and
 * after an answer that {@code retryOn} calls transient, at most {@code maxRetries} times, waiting {@code backoff}
 * between attempts, or the server's {@code Retry-After} (seconds or an HTTP date) capped at {@code maxRetryAfter} when
 * that is set. A request that is not {@link Idempotency idempotent} is resent only when the server certainly did not
 * process it: the attempt failed before the request was written, or the answer was 429 or 503.
 *
 * @param maxRetries resends after the first attempt; {@link #UNLIMITED} for no limit
 * @param maxRetryAfter empty: {@code Retry-After} is ignored and {@code backoff} alone decides
 * @param sleeper how a wait is spent; tests pass one that records the waits instead
 */
public record RetryPolicy(
    int maxRetries, RetryOn retryOn, Backoff backoff, Optional<Duration> maxRetryAfter, Sleeper sleeper) {

  /** As many retries as it takes. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** Which HTTP answers are transient, i.e. worth another attempt. */
  public enum RetryOn {
    /** 429, 502, 503 and 504: rate limited, or a gateway or server that is briefly unavailable. */
    UNAVAILABLE,
    /** 429 and every 5xx, as resilient-circuits retries SOAR. */
    SERVER_ERROR;

    boolean isTransient(int status) {
      return switch (this) {
        case UNAVAILABLE -> status == 429 || status == 502 || status == 503 || status == 504;
        case SERVER_ERROR -> status == 429 || (status >= 500 && status <= 599);
      };
    }
  }

  /** Waits between attempts. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
    }
    Objects.requireNonNull(retryOn, "retryOn");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * MISP's rules: 429, 502, 503 and 504 are transient; exponential backoff from {@code base} (doubling, capped at
   * 30 s, jittered); Retry-After honoured up to 60 s.
   */
  public static RetryPolicy exponential(int maxRetries, Duration base) {
    Duration max = base.compareTo(Duration.ofSeconds(30)) > 0 ? base : Duration.ofSeconds(30);
    return new RetryPolicy(maxRetries, RetryOn.UNAVAILABLE, Backoff.of(base, max, 2.0, 0.2),
        Optional.of(Duration.ofSeconds(60)), Sleeper.REAL);
  }

  /** No retries at all. */
  public static RetryPolicy none() {
    return new RetryPolicy(0, RetryOn.UNAVAILABLE, Backoff.none(), Optional.empty(), Sleeper.REAL);
  }

  /** Whether an answer with this status is transient under this policy. */
  public boolean isTransient(int status) {
    return retryOn.isTransient(status);
  }

  /**
   * Whether an answer is worth another attempt. After 502, 504 and the other 5xx the server may have done the work,
   * so only 429 and 503 allow resending a non-idempotent request.
   */
  boolean shouldResend(int status, Idempotency idempotency) {
    boolean unprocessed = status == 429 || status == 503;
    return isTransient(status) && (unprocessed || idempotency == Idempotency.IDEMPOTENT);
  }

  /** For logs: "3" or "unlimited". */
  String describeMaxRetries() {
    return maxRetries == UNLIMITED ? "unlimited" : Integer.toString(maxRetries);
  }
}
