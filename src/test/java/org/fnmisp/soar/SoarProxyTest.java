package org.fnmisp.soar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fnmisp.soar.SoarFixtures.*;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.Headers;
import org.fnmisp.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MockWebServer plays the proxy; SOAR's host name is never resolved, the proxy is asked for it. */
class SoarProxyTest {

  private static final String PROXY_PASSWORD = "proxy-password-do-not-print";

  private MockWebServer proxy;

  @BeforeEach
  void setUp() throws Exception {
    proxy = startServer();
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  private Settings viaProxy(String user) {
    Settings settings = new Settings("soar.example.com", 443);
    settings.proxy = new SoarProxy("https://127.0.0.1", proxy.getPort(), user,
        user == null ? null : Secret.of(PROXY_PASSWORD));
    return settings;
  }

  private static MockResponse proxyAuthenticationRequired() {
    return new MockResponse(407, Headers.of("Proxy-Authenticate", "Basic realm=\"corp\""), "");
  }

  @Test
  void shouldAnswerTheProxyChallengeThenLogIn() throws Exception {
    proxy.enqueue(proxyAuthenticationRequired());
    proxy.enqueue(sessionWithTwoOrgs());
    proxy.enqueue(orgDetails(true));

    try (SoarClient client = viaProxy("proxy-user").connect()) {
      assertThat(client.org().id()).isEqualTo(201);
    }

    RecordedRequest challenged = proxy.takeRequest();
    assertThat(challenged.getTarget()).isEqualTo("http://soar.example.com:443/rest/session?include_permissions=false");
    assertThat(challenged.getHeaders().get("Proxy-Authorization")).isNull();
    RecordedRequest login = proxy.takeRequest();
    assertThat(login.getTarget()).isEqualTo("http://soar.example.com:443/rest/session?include_permissions=false");
    assertThat(login.getHeaders().get("Proxy-Authorization"))
        .isEqualTo(Credentials.basic("proxy-user", PROXY_PASSWORD));
    assertThat(login.getHeaders().get("Authorization")).isEqualTo(Credentials.basic(KEY_ID, KEY_SECRET));
    assertThat(proxy.takeRequest().getTarget()).isEqualTo("http://soar.example.com:443/rest/orgs/201");
  }

  @Test
  void shouldUseTheProxyWithoutAuthentication() throws Exception {
    proxy.enqueue(sessionWithTwoOrgs());
    proxy.enqueue(orgDetails(true));

    try (SoarClient client = viaProxy(null).connect()) {
      assertThat(client.org().name()).isEqualTo("Org One");
    }
    assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isNull();
  }

  @Test
  void shouldReportProxyCredentialsTheProxyRefuses() {
    proxy.enqueue(proxyAuthenticationRequired());
    proxy.enqueue(proxyAuthenticationRequired());

    SoarException failure = catchThrowableOfType(SoarException.class, () -> viaProxy("proxy-user").connect());

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.GENERIC);
    assertThat(failure).hasMessageContaining("HTTP 407").hasMessageContaining("proxy_user")
        .hasMessageNotContaining(PROXY_PASSWORD);
    assertThat(proxy.getRequestCount()).isEqualTo(2);
  }
}
