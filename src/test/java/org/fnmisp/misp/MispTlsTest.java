package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.config.Secret;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.tls.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISP behind a self-signed CA: rejected by default, trusted through a CA bundle path, or with verify_cert false. */
class MispTlsTest {

  private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("Test MISP CA").build();

  @TempDir
  Path dir;

  private final FakeMisp misp = new FakeMisp();

  @AfterEach
  void stop() {
    misp.close();
  }

  @Test
  void shouldRejectAnUntrustedCertificateByDefaultSayingWhatToSet() {
    serveCertificateFor("localhost");

    try (MispClient client = new MispClient(settings(TlsTrust.system()))) {
      assertThatThrownBy(client::serverVersion).isInstanceOf(MispTransportException.class)
          .hasMessageStartingWith("Could not read the MISP server version: the TLS certificate of " + misp.host()
              + " is not trusted")
          .hasMessageContaining("[fn_misp] verify_cert");
    }
  }

  @Test
  void shouldTrustTheCertificatesOfACaBundlePath() throws Exception {
    serveCertificateFor("localhost");
    misp.replyRaw(200, FakeMisp.fixture("server-version.json"));

    try (MispClient client = new MispClient(settings(TlsTrust.fromConfig("fn_misp", "verify_cert", bundle())))) {
      assertThat(client.serverVersion().get("version").asText()).isEqualTo("2.5.1");
    }
  }

  @Test
  void shouldSayWhenTheCertificateIsForAnotherHost() throws Exception {
    serveCertificateFor("misp.example.org");

    try (MispClient client = new MispClient(settings(TlsTrust.fromConfig("fn_misp", "verify_cert", bundle())))) {
      assertThatThrownBy(client::serverVersion).isInstanceOf(MispTransportException.class)
          .hasMessageContaining("does not match the host name")
          .hasMessageContaining("[fn_misp] verify_cert");
    }
  }

  @Test
  void shouldAcceptAnyCertificateWhenVerificationIsOff() throws Exception {
    serveCertificateFor("misp.example.org");
    misp.replyRaw(200, FakeMisp.fixture("server-version.json"));

    try (MispClient client = new MispClient(settings(TlsTrust.fromConfig("fn_misp", "verify_cert", "false")))) {
      assertThat(client.serverVersion().get("version").asText()).isEqualTo("2.5.1");
    }
  }

  private void serveCertificateFor(String host) {
    HeldCertificate server = new HeldCertificate.Builder().addSubjectAlternativeName(host).signedBy(CA).build();
    misp.server().useHttps(new HandshakeCertificates.Builder().heldCertificate(server).build().sslSocketFactory());
  }

  private String bundle() throws Exception {
    return Files.writeString(dir.resolve("misp-ca.pem"), CA.certificatePem()).toString();
  }

  private MispSettings settings(TlsTrust trust) {
    return new MispSettings(misp.url(), Secret.of(FakeMisp.KEY), trust, ProxyResolver.direct(),
        Duration.ofSeconds(2), 0, Duration.ofMillis(5));
  }
}
