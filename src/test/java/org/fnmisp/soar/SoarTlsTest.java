package org.fnmisp.soar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fnmisp.soar.SoarFixtures.*;

import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.tls.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoarTlsTest {

  private static final HeldCertificate ROOT =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("SOAR test root").build();
  private static final HeldCertificate OTHER_ROOT =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("Someone else's root").build();

  @TempDir
  Path dir;

  private MockWebServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = startServer();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private void serveHttpsAs(String subjectAlternativeName) {
    HeldCertificate serverCertificate = new HeldCertificate.Builder()
        .addSubjectAlternativeName(subjectAlternativeName).signedBy(ROOT).build();
    server.useHttps(new HandshakeCertificates.Builder()
        .heldCertificate(serverCertificate, ROOT.certificate()).build().sslSocketFactory());
  }

  private Settings httpsSettings(String cafile) {
    Settings settings = settings(server);
    settings.scheme = "https";
    settings.trust = TlsTrust.fromConfig("resilient", "cafile", cafile);
    return settings;
  }

  private String pemFile(HeldCertificate ca) throws Exception {
    return Files.writeString(dir.resolve("ca.pem"), ca.certificatePem()).toString();
  }

  @Test
  void shouldAcceptAServerSignedByTheCafile() throws Exception {
    serveHttpsAs("127.0.0.1");
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));

    try (SoarClient client = httpsSettings(pemFile(ROOT)).connect()) {
      assertThat(client.org().id()).isEqualTo(201);
    }
    assertThat(server.takeRequest().getHandshake()).isNotNull();
  }

  @Test
  void shouldRejectAServerTheCafileDoesNotTrustWithExit22() throws Exception {
    serveHttpsAs("127.0.0.1");
    Settings settings = httpsSettings(pemFile(OTHER_ROOT));
    settings.maxConnectionRetries = 3;
    RecordingSleeper sleeper = new RecordingSleeper();

    SoarException failure = catchThrowableOfType(SoarException.class, () -> settings.connect(sleeper));

    assertThat(sleeper.waits).as("a certificate problem is not retried").isEmpty();
    assertThat(failure.kind()).isEqualTo(SoarException.Kind.CA_FILE);
    assertThat(failure).hasMessageContaining("https://127.0.0.1:" + server.getPort() + "/rest/session")
        .hasMessageContaining("is not trusted").hasMessageContaining("[resilient] cafile");
  }

  @Test
  void shouldRejectAnUnknownCaWithTheJvmTrustStore() {
    serveHttpsAs("127.0.0.1");

    SoarException failure = catchThrowableOfType(SoarException.class, () -> httpsSettings(null).connect());

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.CA_FILE);
    assertThat(failure).hasMessageContaining("is not trusted");
  }

  @Test
  void shouldRejectACertificateForAnotherHostWithExit23() throws Exception {
    serveHttpsAs("soar.example.com");

    SoarException failure = catchThrowableOfType(SoarException.class, () -> httpsSettings(pemFile(ROOT)).connect());

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.TLS);
    assertThat(failure).hasMessageContaining("does not match the host name 127.0.0.1")
        .hasMessageContaining("[resilient] cafile");
  }

  @Test
  void shouldAcceptAnyCertificateWhenCafileIsFalse() throws Exception {
    serveHttpsAs("soar.example.com");
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));

    try (SoarClient client = httpsSettings("false").connect()) {
      assertThat(client.org().id()).isEqualTo(201);
    }
  }
}
