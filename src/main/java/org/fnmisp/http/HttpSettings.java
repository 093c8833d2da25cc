package org.fnmisp.http;

import java.time.Duration;
import java.util.Objects;
import org.fnmisp.tls.TlsTrust;

/**
 * Everything one shared HTTP client for one remote system needs: who we are ({@code userAgent}), whom we trust
 * ({@code trust}), how we get there ({@code proxies}), how long we wait for each connect/read/write
 * ({@code timeout}) and when we try again ({@code retry}).
 */
public record HttpSettings(
    String userAgent, TlsTrust trust, ProxyResolver proxies, Duration timeout, RetryPolicy retry) {

  public HttpSettings {
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(proxies, "proxies");
    Objects.requireNonNull(retry, "retry");
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }
}
