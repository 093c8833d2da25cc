package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelftestCommandTest {

  private static final String KEY = FakeServers.MISP_KEY;

  @TempDir
  Path dir;

  private final List<RecordedRequest> requests = FakeServers.recorder();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final HeldCertificate soarCa =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("SOAR CA").build();
  private TestBroker broker;
  private MockWebServer soar;

  @BeforeEach
  void start() throws Exception {
    broker = TestBroker.start();
    toClose.add(broker);
    soar = FakeServers.soar(soarCa, requests);
    toClose.add(soar);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private Path config(int soarPort, String brokerPassword, String mispUrl) throws Exception {
    Path ca = Files.writeString(dir.resolve("soar-ca.pem"), soarCa.certificatePem());
    return FakeServers.soarAppConfig(dir, soarPort, ca, broker, brokerPassword, mispUrl);
  }

  private MockWebServer misp() throws Exception {
    MockWebServer misp = FakeServers.misp(requests);
    toClose.add(misp);
    return misp;
  }

  @Test
  void shouldPassWhenSoarTheBrokerAndMispAllAcceptUs() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--config-file",
        config(soar.getPort(), TestBroker.PASSWORD, misp().url("/").toString()).toString());

    assertThat(code).as(cli.out + "" + cli.err).isZero();
    assertThat(cli.out.toString().lines()).satisfiesExactly(
        line -> assertThat(line).startsWith("SOAR REST  OK   logged in as API key " + TestBroker.USER)
            .contains("org 'Test Org' (id 201)").contains("actions.201.fn_misp"),
        line -> assertThat(line).startsWith("STOMP      OK   connected to 127.0.0.1:" + broker.stompSslPort()),
        line -> assertThat(line).startsWith("MISP       OK   MISP 2.5.1 at http://")
            .endsWith("accepted the configured key (plain HTTP)"));
  }

  @Test
  void shouldCheckOnlySoarWithSoarOnly() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--soar-only", "--config-file",
        config(soar.getPort(), TestBroker.PASSWORD, "http://127.0.0.1:1/").toString());

    assertThat(code).as(cli.out + "" + cli.err).isZero();
    assertThat(cli.out.toString().lines()).satisfiesExactly(
        line -> assertThat(line).startsWith("SOAR REST  OK"),
        line -> assertThat(line).startsWith("STOMP      OK"));
  }

  @Test
  void shouldCheckOnlyMispWithMispOnlyEvenWhenResilientIsBroken() throws Exception {
    Path config = config(soar.getPort(), TestBroker.PASSWORD, misp().url("/").toString());
    Files.writeString(config, Files.readString(config).replace("org = Test Org", "org = <your org>"));
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--misp-only", "--config-file", config.toString());

    assertThat(code).as(cli.out + "" + cli.err).isZero();
    assertThat(cli.out.toString().lines()).singleElement().asString().startsWith("MISP       OK   MISP 2.5.1");
    assertThat(requests).extracting(request -> request.getUrl().encodedPath()).containsExactly("/servers/getVersion");
  }

  @Test
  void shouldExitWith31WhenTheBrokerRejectsTheLogin() throws Exception {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--config-file",
        config(soar.getPort(), "wrong-secret", misp().url("/").toString()).toString());

    assertThat(code).isEqualTo(ExitCodes.STOMP_CONNECT_UNAUTHORIZED);
    assertThat(cli.out.toString()).contains("STOMP      FAIL").contains("rejected the login for " + TestBroker.USER)
        .contains("MISP       OK").doesNotContain("wrong-secret");
  }

  @Test
  void shouldExitWith1NamingTheKeyWhenMispRefusesIt() throws Exception {
    MockWebServer misp = new MockWebServer();
    misp.enqueue(new MockResponse(403, Headers.of("Content-Type", "application/json"),
        "{\"name\":\"Authentication failed. Please make sure you pass the API key of an API enabled user along in "
            + "the Authorization header.\",\"message\":\"Authentication failed.\",\"url\":\"/servers/getVersion\"}"));
    misp.start(InetAddress.getByName("127.0.0.1"), 0);
    toClose.add(misp);
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--config-file",
        config(soar.getPort(), TestBroker.PASSWORD, misp.url("/").toString()).toString());

    assertThat(code).isEqualTo(ExitCodes.APP_FAILURE);
    assertThat(cli.out.toString()).contains("SOAR REST  OK").contains("STOMP      OK").contains("MISP       FAIL")
        .contains("misp_key").doesNotContain(KEY);
  }

  @Test
  void shouldExitWithTheRestCodeAndSkipStompWhenSoarRefusesTheKey() throws Exception {
    MockWebServer refusing = new MockWebServer();
    HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .signedBy(soarCa).build();
    refusing.useHttps(new okhttp3.tls.HandshakeCertificates.Builder()
        .heldCertificate(certificate, soarCa.certificate()).build().sslSocketFactory());
    refusing.enqueue(new MockResponse(401, Headers.of(), "{\"message\":\"Unauthorized\"}"));
    refusing.start(InetAddress.getByName("127.0.0.1"), 0);
    toClose.add(refusing);
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--config-file",
        config(refusing.getPort(), TestBroker.PASSWORD, misp().url("/").toString()).toString());

    assertThat(code).isEqualTo(ExitCodes.REST_UNAUTHORIZED);
    assertThat(cli.out.toString()).contains("SOAR REST  FAIL").contains("STOMP      FAIL not checked")
        .contains("MISP       OK");
  }
}
