package org.fnmisp.soar;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.fnmisp.FnMisp;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * Builds the one {@link OkHttpClient} of a {@link SoarClient}: TLS trust from {@code cafile} on this client only,
 * the proxy with its authentication, timeouts, and the headers every SOAR request carries. No cookie jar: the API
 * key needs none and the session cookie is sent explicitly.
 */
final class SoarHttp {

  static final String TRUST_KEY = "[resilient] cafile";

  private static final Logger LOG = Loggers.SOAR;
  private static final String USER_AGENT = "fn-misp/" + FnMisp.version();

  private SoarHttp() {}

  static OkHttpClient client(SoarSettings settings) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(settings.timeout())
        .readTimeout(settings.timeout())
        .writeTimeout(settings.timeout())
        .followRedirects(false)
        // Our RetryPolicy owns retries, so every attempt is counted and spaced; OkHttp's silent one is off.
        .retryOnConnectionFailure(false)
        .sslSocketFactory(settings.trust().sslContext().getSocketFactory(), settings.trust().trustManager())
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .build()));
    if (!settings.trust().isVerifying()) {
      LOG.warn("TLS verification of SOAR at {} is off ({} = false): any certificate is accepted",
          settings.host(), TRUST_KEY);
      builder.hostnameVerifier((host, session) -> true);
    }
    SoarProxy proxy = settings.proxy();
    if (proxy != null) {
      builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
      if (proxy.authenticates()) {
        String authorization = Credentials.basic(proxy.user(), proxy.password() == null ? "" : proxy.password().reveal());
        builder.proxyAuthenticator((route, response) -> {
          // A second 407 with the same credentials would only loop: give up and report it.
          if (authorization.equals(response.request().header("Proxy-Authorization"))) {
            return null;
          }
          return response.request().newBuilder().header("Proxy-Authorization", authorization).build();
        });
      }
    }
    return builder.build();
  }

  /** {@code <scheme>://<host>:<port>/<resource_prefix>/rest}, to which endpoint paths are appended. */
  static HttpUrl restBase(SoarSettings settings) throws SoarException {
    HttpUrl.Builder url = new HttpUrl.Builder().scheme(settings.scheme()).port(settings.port());
    try {
      url.host(settings.host());
    } catch (IllegalArgumentException e) {
      throw new SoarException(SoarException.Kind.GENERIC, "[resilient] host = " + settings.host()
          + ": not a host name (write the bare name, without https:// or a path)");
    }
    String prefix = settings.resourcePrefix().replaceAll("^/+|/+$", "");
    if (!prefix.isEmpty()) {
      url.addPathSegments(prefix);
    }
    return url.addPathSegment("rest").build();
  }
}
