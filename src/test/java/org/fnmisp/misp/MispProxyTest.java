package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.config.Secret;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.tls.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISP reached through an HTTP proxy (MockWebServer acting as the proxy), with and without proxy credentials. */
class MispProxyTest {

  @TempDir
  Path dir;

  private final FakeMisp proxy = new FakeMisp();

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void shouldSendPlainHttpRequestsThroughTheConfiguredProxy() throws Exception {
    proxy.replyRaw(200, FakeMisp.fixture("server-version.json"));

    try (MispClient client =
        new MispClient(settings("http://misp.test/", "http://" + proxy.host(), TlsTrust.system()))) {
      assertThat(client.serverVersion().get("version").asText()).isEqualTo("2.5.1");
    }
    RecordedRequest request = proxy.takeRequest();
    assertThat(request.getTarget()).isEqualTo("http://misp.test/servers/getVersion");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(FakeMisp.KEY);
    assertThat(request.getHeaders().get("Proxy-Authorization")).isNull();
  }

  @Test
  void shouldAnswerTheProxysChallengeWithTheCredentialsOfTheProxyUrl() throws Exception {
    proxy.server().enqueue(new MockResponse.Builder().code(407)
        .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
    proxy.replyRaw(200, FakeMisp.fixture("server-version.json"));

    try (MispClient client = new MispClient(
        settings("http://misp.test/", "http://svc:s3cret@" + proxy.host(), TlsTrust.system()))) {
      client.serverVersion();
    }
    assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isNull();
    assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization"))
        .isEqualTo(Credentials.basic("svc", "s3cret"));
  }

  @Test
  void shouldNameTheProxySettingWhenTheProxyRejectsTheCredentials() {
    for (int i = 0; i < 2; i++) {
      proxy.server().enqueue(new MockResponse.Builder().code(407)
          .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
    }

    try (MispClient client = new MispClient(
        settings("http://misp.test/", "http://svc:s3cret@" + proxy.host(), TlsTrust.system()))) {
      assertThatThrownBy(client::serverVersion).isInstanceOf(MispHttpException.class)
          .hasMessage("Could not read the MISP server version: the proxy http://svc:[hidden]@" + proxy.host()
              + " requires credentials or rejected them (HTTP 407); set them as http://user:password@host:port in"
              + " [fn_misp] https_proxy".replace("https_proxy", "http_proxy"));
    }
  }

  @Test
  void shouldTunnelHttpsThroughTheProxyAuthenticatingTheConnect() throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate server = new HeldCertificate.Builder().addSubjectAlternativeName("misp.test").signedBy(ca).build();
    proxy.server().useHttps(new HandshakeCertificates.Builder().heldCertificate(server).build().sslSocketFactory());
    proxy.server().enqueue(new MockResponse.Builder().code(407).inTunnel()
        .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
    proxy.server().enqueue(new MockResponse.Builder().inTunnel().build());
    proxy.replyRaw(200, FakeMisp.fixture("server-version.json"));
    String bundle = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem()).toString();

    try (MispClient client = new MispClient(settings("https://misp.test/", "http://svc:s3cret@" + proxy.host(),
        TlsTrust.fromConfig("fn_misp", "verify_cert", bundle)))) {
      assertThat(client.serverVersion().get("version").asText()).isEqualTo("2.5.1");
    }
    RecordedRequest firstConnect = proxy.takeRequest();
    assertThat(firstConnect.getMethod()).isEqualTo("CONNECT");
    assertThat(firstConnect.getHeaders().get("Proxy-Authorization")).isNull();
    RecordedRequest secondConnect = proxy.takeRequest();
    assertThat(secondConnect.getHeaders().get("Proxy-Authorization")).isEqualTo(Credentials.basic("svc", "s3cret"));
    RecordedRequest tunnelled = proxy.takeRequest();
    assertThat(tunnelled.getUrl().encodedPath()).isEqualTo("/servers/getVersion");
    assertThat(tunnelled.getHeaders().get("Authorization")).isEqualTo(FakeMisp.KEY);
  }

  private static MispSettings settings(String mispUrl, String proxyUrl, TlsTrust trust) {
    ProxyResolver proxies = ProxyResolver.builder().section("fn_misp", proxyUrl, proxyUrl).build();
    return new MispSettings(HttpUrl.get(mispUrl), Secret.of(FakeMisp.KEY), trust, proxies, Duration.ofSeconds(2), 0,
        Duration.ofMillis(5));
  }
}
