package org.fnmisp.http;

import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import org.fnmisp.config.Secret;

/**
 * Answers a proxy's 407 challenge (for plain requests and for CONNECT tunnels) with the credentials of the proxy URL.
 * Credentials are sent only when asked for, and only once: a second 407 means they were rejected and is reported.
 */
final class ProxyAuthenticator implements Authenticator {

  private final ProxyResolver resolver;

  ProxyAuthenticator(ProxyResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public Request authenticate(Route route, Response response) {
    if (response.request().header("Proxy-Authorization") != null || isPreemptive(response)) {
      return null;
    }
    Optional<ProxyConfig> proxy = resolver.proxyFor(response.request().url()).filter(ProxyConfig::hasCredentials);
    if (proxy.isEmpty()) {
      return null;
    }
    String user = proxy.get().username().orElseThrow();
    String password = proxy.get().password().map(Secret::reveal).orElse("");
    return response.request().newBuilder()
        .header("Proxy-Authorization", Credentials.basic(user, password))
        .build();
  }

  private static boolean isPreemptive(Response response) {
    for (Challenge challenge : response.challenges()) {
      if (challenge.scheme().equalsIgnoreCase("OkHttp-Preemptive")) {
        return true;
      }
    }
    return false;
  }
}
