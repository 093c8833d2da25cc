package org.fnmisp.misp;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.fnmisp.FnMisp;
import org.fnmisp.config.Secret;
import org.fnmisp.http.HttpSettings;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.http.RetryPolicy;
import org.fnmisp.tls.TlsTrust;

/**
 * How to reach MISP, from {@code [fn_misp]}: the base {@code url} (MISP's root, possibly under a sub-path), the API
 * {@code key}, TLS {@code trust} ({@code verify_cert}), {@code proxies}, the per-request {@code timeout}
 * ({@code timeout}, default 30 s), {@code maxRetries} ({@code max_retries}, default 3) and the first retry's
 * {@code backoffBase} (doubled per retry, capped at 30 s).
 */
public record MispSettings(
    HttpUrl url,
    Secret key,
    TlsTrust trust,
    ProxyResolver proxies,
    Duration timeout,
    int maxRetries,
    Duration backoffBase) {

  /** The default {@code timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

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
  }

  /** Defaults for everything but the address and key: JVM trust store, no proxy, 30 s, 3 retries from 1 s. */
  public static MispSettings of(HttpUrl url, Secret key) {
    return new MispSettings(url, key, TlsTrust.system(), ProxyResolver.direct(), DEFAULT_TIMEOUT,
        RetryPolicy.DEFAULT_MAX_RETRIES, DEFAULT_BACKOFF_BASE);
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
    return new HttpSettings(userAgent(), trust, proxies, timeout, Duration.ZERO,
        RetryPolicy.exponential(maxRetries, backoffBase));
  }

  @Override
  public String toString() {
    return "MispSettings[url=" + displayUrl() + ", trust=" + trust + ", timeout=" + timeout + ", maxRetries="
        + maxRetries + "]";
  }
}
