package org.fnmisp.soar;

import java.time.Duration;
import java.util.Objects;
import org.fnmisp.tls.TlsTrust;

/**
 * Everything {@link SoarClient#connect} needs, taken from the {@code [resilient]} section.
 *
 * @param host bare host name of SOAR, without scheme ({@code host})
 * @param port REST port, 443 by default ({@code port})
 * @param resourcePrefix path in front of {@code /rest}, e.g. {@code /api/respond} on CP4S; empty or {@code null}
 *     for none ({@code resource_prefix})
 * @param org matched against each org's {@code cloud_account}, then {@code uuid}, then {@code name} ({@code org})
 * @param trust server certificate trust from {@code cafile}
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
}
