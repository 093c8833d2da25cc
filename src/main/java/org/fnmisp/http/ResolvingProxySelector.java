package org.fnmisp.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import okhttp3.HttpUrl;

/** Adapts a {@link ProxyResolver} to the {@link ProxySelector} one OkHttp client uses (never the JVM-wide one). */
final class ResolvingProxySelector extends ProxySelector {

  private final ProxyResolver resolver;

  ResolvingProxySelector(ProxyResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public List<Proxy> select(URI uri) {
    HttpUrl url = HttpUrl.get(uri);
    return resolver.proxyFor(url)
        .map(proxy -> List
            .of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port()))))
        .orElse(List.of(Proxy.NO_PROXY));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    // Nothing to remember: there is one proxy per scheme, and the caller reports the failure.
  }
}
