package org.fnmisp.http;

import java.time.Duration;
import java.util.Objects;
import org.fnmisp.tls.TlsTrust;

/**
 * Everything one shared HTTP client for one remote system needs: who we are ({@code userAgent}), whom we trust and
 * which client certificate we show ({@code trust}), how we get there ({@code proxies}), how long we wait to connect
 * and for each read or write ({@code timeout}), how long a whole call may take ({@code deadline}: every attempt, the
 * waits between them and reading the answer; {@link Duration#ZERO} for no limit) and when we try again
 * ({@code retry}).
 */
public record HttpSettings(
    String userAgent, TlsTrust trust, ProxyResolver proxies, Duration timeout, Duration deadline, RetryPolicy retry) {

  public HttpSettings {
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(proxies, "proxies");
    Objects.requireNonNull(retry, "retry");
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (deadline == null || deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative, got " + deadline);
    }
  }
}
