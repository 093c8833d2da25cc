package org.fnmisp.soar;

import java.util.Objects;
import java.util.Optional;
import org.fnmisp.config.Secret;
import org.fnmisp.http.ProxyConfig;

/**
 * The HTTP proxy for REST calls ({@code [resilient] proxy_host}, {@code proxy_port}, {@code proxy_user},
 * {@code proxy_password}). A scheme in front of the host ({@code https://proxy}) is dropped: the proxy is always
 * spoken to with plain HTTP and {@code CONNECT}, as OkHttp does.
 *
 * @param user {@code null} when the proxy needs no authentication
 * @param password {@code null} when the proxy needs no authentication
 */
public record SoarProxy(String host, int port, String user, Secret password) {

  public SoarProxy {
    Objects.requireNonNull(host, "host");
    host = host.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceFirst("/+$", "");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("proxy port must be between 1 and 65535: " + port);
    }
  }

  /** As the shared HTTP client takes a proxy; credentials are sent only when the proxy asks for them. */
  ProxyConfig config() {
    boolean authenticates = user != null && !user.isEmpty();
    return new ProxyConfig("[resilient] proxy_host", host, port,
        authenticates ? Optional.of(user) : Optional.empty(), Optional.ofNullable(password));
  }
}
