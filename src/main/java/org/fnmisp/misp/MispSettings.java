package org.fnmisp.misp;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.fnmisp.FnMisp;
import org.fnmisp.config.FnMispKeys;
import org.fnmisp.config.IntegrationsKeys;
import org.fnmisp.config.Secret;
import org.fnmisp.http.HttpSettings;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.http.RetryPolicy;
import org.fnmisp.tls.TlsTrust;

/**
 * How to reach MISP, from {@code [fn_misp]}: the base {@code url} (MISP's root, possibly under a sub-path), the API
 * {@code key}, TLS {@code trust} ({@code verify_cert}), {@code proxies}, the {@code timeout} of connecting and of
 * each pause while sending or reading ({@code timeout}, default 30 s), {@code maxRetries} ({@code max_retries},
 * default 3), the first retry's {@code backoffBase} (doubled per retry, capped at 30 s) and the largest answer read,
 * {@code maxResponseBytes} ({@code max_response_mb}, default 2 MB). A whole call ends at its {@link #deadline()}.
 */
public record MispSettings(
    HttpUrl url,
    Secret key,
    TlsTrust trust,
    ProxyResolver proxies,
    Duration timeout,
    int maxRetries,
    Duration backoffBase,
    long maxResponseBytes) {

  /** The default {@code timeout}, the catalogue's. */
  public static final Duration DEFAULT_TIMEOUT = IntegrationsKeys.TIMEOUT.defaultValue();

  /** The default {@code max_response_mb}, the catalogue's, in bytes. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = (long) FnMispKeys.MAX_RESPONSE_MB.defaultValue() << 20;

  /** The default first retry delay. */
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(1);

  public MispSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(proxies, "proxies");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(backoffBase, "backoffBase");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive, got " + maxResponseBytes);
    }
  }

  /** With the default largest answer ({@link #DEFAULT_MAX_RESPONSE_BYTES}). */
  public MispSettings(HttpUrl url, Secret key, TlsTrust trust, ProxyResolver proxies, Duration timeout,
      int maxRetries, Duration backoffBase) {
    this(url, key, trust, proxies, timeout, maxRetries, backoffBase, DEFAULT_MAX_RESPONSE_BYTES);
  }

  /**
   * How long a whole call may take, every attempt, the waits between them and reading the answer included:
   * {@code timeout} per attempt and one more for the waits, so {@code (maxRetries + 2) × timeout}. A MISP that
   * trickles its answer (never pausing as long as {@code timeout}) cannot hold a worker for longer.
   */
  public Duration deadline() {
    return timeout.multipliedBy(maxRetries + 2L);
  }

  /** Defaults for everything but the address and key: JVM trust store, no proxy, 30 s, 3 retries from 1 s. */
  public static MispSettings of(HttpUrl url, Secret key) {
    return new MispSettings(url, key, TlsTrust.system(), ProxyResolver.direct(), DEFAULT_TIMEOUT,
        FnMispKeys.MAX_RETRIES.defaultValue(), DEFAULT_BACKOFF_BASE);
  }

  /** {@code fn-misp/<version> (Java)}: not "PyMISP…" or "MISP…", which MISP treats as its own tools. */
  public static String userAgent() {
    return FnMisp.PACKAGE + "/" + FnMisp.version() + " (Java)";
  }

  /** The address for logs and messages: scheme, host, port and path, without user info, query or fragment. */
  public String displayUrl() {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
  }

  HttpSettings httpSettings() {
    return new HttpSettings(userAgent(), trust, proxies, timeout, deadline(),
        RetryPolicy.exponential(maxRetries, backoffBase));
  }

  @Override
  public String toString() {
    return "MispSettings[url=" + displayUrl() + ", trust=" + trust + ", timeout=" + timeout + ", maxRetries="
        + maxRetries + ", maxResponseBytes=" + maxResponseBytes + "]";
  }
}
