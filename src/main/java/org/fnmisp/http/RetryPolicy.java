package org.fnmisp.http;

import java.time.Duration;
import java.util.Objects;
import org.fnmisp.retry.Backoff;

/**
 * When a request is sent again: after a connection failure or time-out and after HTTP 429, 502, 503 and 504, at most
 * {@code maxRetries} times, waiting {@code backoff} between attempts, or the server's {@code Retry-After} (seconds or
 * an HTTP date) capped at {@code maxRetryAfter}. A request that is not {@link Idempotency idempotent} is sent again
 * only when the server certainly did not process it.
 */
public record RetryPolicy(int maxRetries, Backoff backoff, Duration maxRetryAfter) {

  /** The default number of retries ({@code max_retries}). */
  public static final int DEFAULT_MAX_RETRIES = 3;

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
  }

  /** Exponential backoff from {@code base} (doubling, capped at 30 s, jittered); Retry-After capped at 60 s. */
  public static RetryPolicy exponential(int maxRetries, Duration base) {
    Duration max = base.compareTo(Duration.ofSeconds(30)) > 0 ? base : Duration.ofSeconds(30);
    return new RetryPolicy(maxRetries, Backoff.of(base, max, 2.0, 0.2), Duration.ofSeconds(60));
  }

  /** No retries at all. */
  public static RetryPolicy none() {
    return new RetryPolicy(0, Backoff.none(), Duration.ZERO);
  }

  /**
   * Whether an HTTP status is worth another attempt: rate limited or a gateway/server that is briefly unavailable.
   * After 502 and 504 the server may have done the work, so only 429 and 503 allow resending a non-idempotent request.
   */
  public static boolean isRetryable(int status, Idempotency idempotency) {
    boolean unprocessed = status == 429 || status == 503;
    return unprocessed || (idempotency == Idempotency.IDEMPOTENT && (status == 502 || status == 504));
  }
}
