package org.fnmisp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import okhttp3.HttpUrl;
import org.fnmisp.config.ConfigException;
import org.junit.jupiter.api.Test;

class ProxyResolverTest {

  private static final HttpUrl HTTPS = HttpUrl.get("https://misp.example.org/");
  private static final HttpUrl HTTP = HttpUrl.get("http://misp.example.org/");

  @Test
  void shouldPreferTheFnMispSectionThenIntegrationsThenTheEnvironmentPerScheme() {
    ProxyResolver resolver = ProxyResolver.builder()
        .section("fn_misp", null, "http://fn-proxy:3128")
        .section("integrations", "http://int-proxy:8080", "http://int-proxy:8443")
        .environment(Map.of("HTTPS_PROXY", "http://env-proxy:1"))
        .build();

    assertThat(resolver.proxyFor(HTTPS).orElseThrow().host()).isEqualTo("fn-proxy");
    assertThat(resolver.proxyFor(HTTP).orElseThrow().host()).isEqualTo("int-proxy");
    assertThat(resolver.proxyFor(HTTP).orElseThrow().origin()).isEqualTo("[integrations] http_proxy");
  }

  @Test
  void shouldFallBackToTheEnvironmentLowerCaseFirst() {
    ProxyResolver resolver = ProxyResolver.builder().section("fn_misp", "", " ")
        .environment(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2", "HTTP_PROXY", "upper:3"))
        .build();

    assertThat(resolver.proxyFor(HTTPS).orElseThrow().host()).isEqualTo("lower");
    assertThat(resolver.proxyFor(HTTP).orElseThrow().toString()).isEqualTo("http://upper:3");
  }

  @Test
  void shouldExemptNoProxyHostsFromEnvironmentProxiesOnly() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://env:1", "NO_PROXY", "localhost, .example.org");

    assertThat(ProxyResolver.builder().environment(env).build().proxyFor(HTTPS)).isEmpty();
    assertThat(ProxyResolver.builder().environment(env).build().proxyFor(HttpUrl.get("https://misp.corp/")))
        .isPresent();
    assertThat(ProxyResolver.builder().section("fn_misp", null, "http://cfg:1").environment(env).build()
        .proxyFor(HTTPS)).isPresent();
    assertThat(ProxyResolver.builder().environment(Map.of("HTTPS_PROXY", "http://env:1", "no_proxy", "*")).build()
        .proxyFor(HTTPS)).isEmpty();
  }

  @Test
  void shouldReadCredentialsAndNeverShowThePassword() {
    ProxyConfig proxy = ProxyResolver.builder().section("fn_misp", null, "http://svc%40corp:p%3Ass@proxy:3128")
        .build().proxyFor(HTTPS).orElseThrow();

    assertThat(proxy.username()).contains("svc@corp");
    assertThat(proxy.password().orElseThrow().reveal()).isEqualTo("p:ss");
    assertThat(proxy.toString()).isEqualTo("http://svc@corp:[hidden]@proxy:3128");
  }

  @Test
  void shouldRejectTheTemplatePlaceholderNamingTheKey() {
    assertThatThrownBy(() -> ProxyResolver.builder().section("fn_misp", "<http_proxy_server>", null).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("[fn_misp] http_proxy = <http_proxy_server>: this is the template placeholder");
  }

  @Test
  void shouldRejectUnusableProxiesWithoutShowingThePassword() {
    assertThatThrownBy(() -> ProxyResolver.builder().section("integrations", null, "socks5://u:secret@p:1").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("[integrations] https_proxy = socks5://u:[hidden]@p:1: only http:// proxies")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> ProxyResolver.builder().environment(Map.of("HTTP_PROXY", "http://:3128")).build())
        .hasMessageStartingWith("environment variable HTTP_PROXY = http://:3128: no proxy host");
  }

  @Test
  void shouldGoDirectWhenNothingIsSet() {
    assertThat(ProxyResolver.direct().proxyFor(HTTPS)).isEmpty();
  }
}
