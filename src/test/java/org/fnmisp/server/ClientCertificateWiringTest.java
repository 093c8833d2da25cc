package org.fnmisp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.config.AppConfig;
import org.fnmisp.soar.SoarClient;
import org.fnmisp.soar.SoarException;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompFrame;
import org.fnmisp.stomp.StompListener;
import org.fnmisp.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [resilient] client_auth_cert and client_auth_key reach both SOAR connections, as resilient-circuits applies them:
 * the REST API (MockWebServer) and the STOMP broker (embedded ActiveMQ), each requiring a client certificate.
 */
class ClientCertificateWiringTest {

  private static final HeldCertificate CLIENT_CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("SOAR client CA").build();
  private static final HeldCertificate CLIENT =
      new HeldCertificate.Builder().commonName("fn-misp client").signedBy(CLIENT_CA).build();
  private static final HeldCertificate SOAR =
      new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").commonName("soar").build();

  @TempDir
  Path dir;

  private String config(String host, int port, int stompPort, Path cafile, boolean clientCertificate)
      throws Exception {
    String client = !clientCertificate ? "" : "client_auth_cert = "
        + Files.writeString(dir.resolve("client.pem"), CLIENT.certificatePem() + CLIENT_CA.certificatePem())
        + "\nclient_auth_key = " + Files.writeString(dir.resolve("client.key"), CLIENT.privateKeyPkcs8Pem()) + "\n";
    return "[resilient]\nhost = " + host + "\nport = " + port + "\nstomp_port = " + stompPort + "\norg = acct-201\n"
        + "api_key_id = " + TestBroker.USER + "\napi_key_secret = " + TestBroker.PASSWORD + "\ncafile = " + cafile
        + "\n" + client;
  }

  private static AppConfig parse(String text) {
    return AppConfig.parse(text, "app.config", Map.of());
  }

  @Test
  void shouldShowTheClientCertificateToSoarRest() throws Exception {
    try (MockWebServer soar = soarRequiringClientCertificates()) {
      soar.enqueue(json("{\"orgs\":[{\"id\":201,\"name\":\"Org One\",\"uuid\":\"u-201\",\"cloud_account\":\"acct-201\","
          + "\"enabled\":true}]}"));
      soar.enqueue(json("{\"id\":201,\"actions_framework_enabled\":true}"));
      Path cafile = Files.writeString(dir.resolve("soar-ca.pem"), SOAR.certificatePem());
      AppConfig config = parse(config("127.0.0.1", soar.getPort(), 65001, cafile, true));

      try (SoarClient client = SoarClient.connect(ConfiguredSettings.soar(config, 1))) {
        assertThat(client.org().id()).isEqualTo(201);
      }
      assertThat(soar.takeRequest().getHandshake().peerPrincipal().getName()).isEqualTo("CN=fn-misp client");
    }
  }

  @Test
  void shouldBeRefusedBySoarRestWithoutIt() throws Exception {
    try (MockWebServer soar = soarRequiringClientCertificates()) {
      Path cafile = Files.writeString(dir.resolve("soar-ca.pem"), SOAR.certificatePem());
      AppConfig config = parse(config("127.0.0.1", soar.getPort(), 65001, cafile, false));

      assertThatThrownBy(() -> SoarClient.connect(ConfiguredSettings.soar(config, 1)))
          .isInstanceOf(SoarException.class).hasMessageContaining("Cannot reach SOAR at");
      assertThat(soar.getRequestCount()).isZero();
    }
  }

  @Test
  void shouldShowTheClientCertificateToTheStompBroker() throws Exception {
    try (TestBroker broker = TestBroker.startRequiringClientCertificates(CLIENT_CA)) {
      AppConfig config = parse(config("127.0.0.1", 443, broker.stompSslPort(), broker.certificatePemFile(), true));

      try (StompClient client = new StompClient(ConfiguredSettings.stomp(config), new Silent())) {
        client.start();
        client.awaitConnected(Duration.ofSeconds(10));

        assertThat(client.isConnected()).isTrue();
      }
    }
  }

  @Test
  void shouldBeRefusedByTheStompBrokerWithoutIt() throws Exception {
    try (TestBroker broker = TestBroker.startRequiringClientCertificates(CLIENT_CA)) {
      AppConfig config = parse(config("127.0.0.1", 443, broker.stompSslPort(), broker.certificatePemFile(), false));

      try (StompClient client = new StompClient(ConfiguredSettings.stomp(config), new Silent())) {
        client.start();

        assertThatThrownBy(() -> client.awaitConnected(Duration.ofSeconds(3))).isInstanceOf(StompException.class);
        assertThat(client.isConnected()).isFalse();
      }
    }
  }

  private static MockWebServer soarRequiringClientCertificates() throws Exception {
    MockWebServer soar = new MockWebServer();
    soar.useHttps(new HandshakeCertificates.Builder().heldCertificate(SOAR)
        .addTrustedCertificate(CLIENT_CA.certificate()).build().sslSocketFactory());
    soar.requireClientAuth();
    soar.start(InetAddress.getByName("127.0.0.1"), 0);
    return soar;
  }

  private static MockResponse json(String body) {
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), body);
  }

  private static final class Silent implements StompListener {
    @Override
    public void onConnected(long epoch) {}

    @Override
    public void onMessage(StompFrame message, long epoch) {}

    @Override
    public void onDisconnected(long epoch, String reason) {}
  }
}
