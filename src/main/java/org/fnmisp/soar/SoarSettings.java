package org.fnmisp.soar;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.fnmisp.FnMisp;
import org.fnmisp.http.HttpSettings;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.http.RetryPolicy;
import org.fnmisp.retry.Backoff;
import org.fnmisp.tls.TlsTrust;

/**
 * Everything {@link SoarClient#connect} needs, taken from the {@code [resilient]} section.
 *
 * @param host bare host name of SOAR, without scheme ({@code host})
 * @param port REST port, 443 by default ({@code port})
 * @param resourcePrefix path in front of {@code /rest}, e.g. {@code /api/respond} on CP4S; empty or {@code null}
 *     for none ({@code resource_prefix})
 * @param org matched against each org's {@code cloud_account}, then {@code uuid}, then {@code name} ({@code org})
 * @param trust server certificate trust from {@code cafile}, with the client certificate of {@code client_auth_cert}
 *     and {@code client_auth_key} when they are set
 * @param proxy {@code null} for a direct connection
 * @param timeout connect, read and write timeout of each request
 * @param requestMaxRetries total attempts of one REST call, as resilient-circuits counts them; below 1 means one
 *     attempt ({@code request_max_retries}, default 5)
 * @param retryDelay wait before the first retry ({@code request_retry_delay}, default 2 s)
 * @param retryBackoff factor applied to the wait before each further retry; each wait is capped at 60 s
 *     ({@code request_retry_backoff}, default 2)
 * @param maxConnectionRetries total login attempts; -1 or 0 = unlimited ({@code max_connection_retries})
 * @param scheme {@code https} in production; {@code http} only for tests against a plain server
 */
public record SoarSettings(
    String host,
    int port,
    String resourcePrefix,
    String org,
    SoarCredentials credentials,
    TlsTrust trust,
    SoarProxy proxy,
    Duration timeout,
    int requestMaxRetries,
    Duration retryDelay,
    double retryBackoff,
    int maxConnectionRetries,
    String scheme) {

  public SoarSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(org, "org");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(scheme, "scheme");
    resourcePrefix = resourcePrefix == null ? "" : resourcePrefix.trim();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("scheme must be https or http: " + scheme);
    }
    if (retryDelay.isNegative() || retryBackoff < 1) {
      throw new IllegalArgumentException(
          "retry delay must not be negative and backoff at least 1: " + retryDelay + ", " + retryBackoff);
    }
  }

  /** The longest wait between two tries (resilient-circuits has no cap, so its waits grow without limit). */
  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(60);

  /** The shared client's settings; each request carries its own {@link RetryPolicy}, so the client's is none. */
  HttpSettings httpSettings() {
    ProxyResolver proxies = proxy == null ? ProxyResolver.direct() : ProxyResolver.always(proxy.config());
    return new HttpSettings("fn-misp/" + FnMisp.version(), trust, proxies, timeout, Duration.ZERO,
        RetryPolicy.none());
  }

  /** REST calls after login: {@code request_max_retries} tries in all, at least one. */
  RetryPolicy requestRetries(RetryPolicy.Sleeper sleeper) {
    return retries(Math.max(1, requestMaxRetries) - 1, sleeper);
  }

  /** The login: {@code max_connection_retries} tries in all, where -1 and 0 mean unlimited. */
  RetryPolicy loginRetries(RetryPolicy.Sleeper sleeper) {
    return retries(maxConnectionRetries <= 0 ? RetryPolicy.UNLIMITED : maxConnectionRetries - 1, sleeper);
  }

  /**
   * As resilient-circuits retries: 429 and every 5xx, waiting {@code retryDelay}, then {@code × retryBackoff} each
   * time (capped at {@link #MAX_RETRY_DELAY}), without jitter, and without looking at {@code Retry-After}.
   */
  private RetryPolicy retries(int maxRetries, RetryPolicy.Sleeper sleeper) {
    Duration first = retryDelay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : retryDelay;
    return new RetryPolicy(maxRetries, RetryPolicy.RetryOn.SERVER_ERROR,
        new Backoff(first, MAX_RETRY_DELAY, retryBackoff, 0.0, () -> 0.0), Optional.empty(), sleeper);
  }
}
