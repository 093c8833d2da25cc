package org.fnmisp.http;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Builds the one shared {@link OkHttpClient} of a remote system (MISP, SOAR REST) from {@link HttpSettings}: TLS
 * trust, client certificate and proxy on that client only (never JVM-wide), connect/read/write time-outs and the
 * deadline of a whole call, a {@code User-Agent} and the system's own headers on every request
 * ({@link FixedHeaders}), and retries as its {@link RetryPolicy} says, respecting each request's
 * {@link Idempotency}.
 * Redirects are not followed: a POST silently turned into a GET by a redirect would lose its body, so a redirect is
 * reported instead.
 */
public final class HttpClients {

  private static final int IDLE_CONNECTIONS = 100;

  private HttpClients() {}

  /**
   * A client for one remote system, built from its settings: timeouts, trust, proxy, User-Agent and retries.
   *
   * @param headers the User-Agent and the remote system's own headers (its authentication, content types), which every
   *     request gets before the retries, so every attempt carries them
   */
  public static OkHttpClient build(HttpSettings settings, FixedHeaders headers) {
    long timeoutMs = settings.timeout().toMillis();
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        // A server that trickles its answer a byte at a time never trips the read time-out; this bounds the call.
        .callTimeout(settings.deadline().toMillis(), TimeUnit.MILLISECONDS)
        .followRedirects(false)
        .followSslRedirects(false)
        // RetryInterceptor owns retries, so each attempt is counted and a non-idempotent request is never resent
        // after it may have arrived; OkHttp's silent resend after a connection failure is off.
        .retryOnConnectionFailure(false)
        // Every worker thread may hold a connection; OkHttp's default of 5 idle ones made a burst of calls open
        // hundreds of new connections (and TLS handshakes) instead of reusing them.
        .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
        .proxySelector(new ResolvingProxySelector(settings.proxies()))
        .proxyAuthenticator(new ProxyAuthenticator(settings.proxies()))
        .sslSocketFactory(settings.trust().sslContext().getSocketFactory(), settings.trust().trustManager())
        .addInterceptor(headers.interceptor())
        .addInterceptor(new RetryInterceptor(settings.retry()))
        .addNetworkInterceptor(Attempts.MARK_SENT);
    if (!settings.trust().isVerifying()) {
      builder.hostnameVerifier((host, session) -> true);
    }
    return builder.build();
  }

  /** Releases the client's threads and pooled connections; calls still running finish. */
  public static void close(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
