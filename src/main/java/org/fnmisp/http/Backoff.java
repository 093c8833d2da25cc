package org.fnmisp.http;

import java.time.Duration;

/**
 * How long to wait before a retry. Implementations must be thread-safe: one instance serves every call of a shared
 * HTTP client.
 */
@FunctionalInterface
public interface Backoff {

  /** The wait before retry number {@code retry} (1 for the first retry). */
  Duration delay(int retry);
}
