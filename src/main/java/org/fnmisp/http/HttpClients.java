package org.fnmisp.http;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Builds the one shared {@link OkHttpClient} of a remote system from {@link HttpSettings}: TLS trust and proxy on
 * that client only (never JVM-wide), connect/read/write time-outs, a {@code User-Agent} on every request, and retries
 * that respect each request's {@link Idempotency}.
 * Redirects are not followed: a POST silently turned into a GET by a redirect would lose its body, so a redirect is
 * reported instead.
 */
public final class HttpClients {

  private static final int IDLE_CONNECTIONS = 100;

  private HttpClients() {}

  public static OkHttpClient build(HttpSettings settings) {
    long timeoutMs = settings.timeout().toMillis();
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
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
        .addInterceptor(chain -> chain.proceed(
            chain.request().newBuilder().header("User-Agent", settings.userAgent()).build()))
        .addInterceptor(new RetryInterceptor(settings.retry()))
        .addNetworkInterceptor(Attempts.MARK_SENT);
    if (!settings.trust().isVerifying()) {
      builder.hostnameVerifier((host, session) -> true);
    }
    return builder.build();
  }
}
