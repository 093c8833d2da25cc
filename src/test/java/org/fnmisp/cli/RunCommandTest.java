package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.broker.LocalBroker;
import org.fnmisp.json.Json;
import org.fnmisp.testing.StompTestClient;
import org.fnmisp.testing.StompTestClient.Reply;
import org.fnmisp.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String KEY = FakeServers.MISP_KEY;

  @TempDir
  Path dir;

  private final List<RecordedRequest> mispRequests = FakeServers.recorder();
  private final List<RecordedRequest> soarRequests = FakeServers.recorder();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private MockWebServer misp;
  private TestBroker broker;

  private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
      new ch.qos.logback.core.read.ListAppender<>();

  private static ch.qos.logback.classic.Logger rootLogger() {
    return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Every log line of the test, with the text of any exception, as an operator's log file would hold it. */
  private List<String> logLines() {
    return logs.list.stream().map(event -> event.getFormattedMessage()
        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage())).toList();
  }

  @BeforeEach
  void startMisp() throws Exception {
    logs.start();
    rootLogger().addAppender(logs);
    toClose.add(() -> rootLogger().detachAppender(logs));
    misp = FakeServers.misp(mispRequests);
    toClose.add(misp);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void shouldServeEachFunctionEndToEndAfterDiscoveringItsDestinationInSoar() throws Exception {
    // given SOAR over TLS, its broker over TLS and MISP
    Path config = soarConfig("$STOMP_SECRET");
    CliRun cli = new CliRun(Map.of("STOMP_SECRET", TestBroker.PASSWORD), dir, dir);
    toClose.add(cli.stopSignal::stop);

    // when
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> cli.execute("run", "--config-file", config.toString()));
    StompTestClient soarBroker = StompTestClient.connect(broker, 201, "fn_misp");
    toClose.add(soarBroker);
    Map<String, ObjectNode> calls = Map.of(
        "misp_create_event", inputs("misp_event_name", "Phishing wave"),
        "misp_create_attribute", inputs("misp_event_id", 42).put("misp_attribute_type", "ip-dst")
            .put("misp_attribute_value", "8.8.8.8"),
        "misp_create_sighting", inputs("misp_sighting", "8.8.8.8"),
        "misp_search_attribute", inputs("misp_attribute_value", "8.8.8.8"),
        "misp_sighting_list", inputs("misp_event_id", 42),
        "misp_create_tag", inputs("misp_event_id", 42).put("misp_tag_name", "tlp:white")
            .set("misp_tag_type", Json.object().put("id", 1).put("name", "Event")));

    // then every call gets its result
    for (Map.Entry<String, ObjectNode> call : calls.entrySet()) {
      String correlationId = soarBroker.invoke(call.getKey(), call.getValue());
      Reply reply = soarBroker.finalReply(correlationId, WAIT);
      JsonNode results = reply.body().get("results");
      assertThat(reply.messageType()).as(call.getKey() + ": " + reply.body()).isZero();
      assertThat(results.get("success").asBoolean()).as(call.getKey()).isTrue();
      assertThat(results.at("/metrics/package").asText()).isEqualTo("fn-misp");
    }
    assertThat(soarRequests).extracting(request -> request.getUrl().encodedPath())
        .contains("/rest/session", "/rest/orgs/201", "/rest/orgs/201/functions/misp_create_event");
    assertThat(mispRequests).allSatisfy(request -> assertThat(request.getHeaders().get("Authorization"))
        .isEqualTo(KEY));
    await().atMost(WAIT).until(() -> broker.queueSize("actions.201.fn_misp") == 0);

    // and SIGTERM stops it with exit code 0
    cli.stopSignal.stop();
    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    String logs = String.join("\n", logLines());
    assertThat(logs).contains("Subscribing to actions.201.fn_misp").doesNotContain(TestBroker.PASSWORD)
        .doesNotContain(KEY);
    assertThat(cli.err.toString()).doesNotContain(TestBroker.PASSWORD).doesNotContain(KEY);
  }

  @Test
  void shouldExitWith31WhenTheBrokerRejectsTheLogin() throws Exception {
    // given SOAR that accepts the key and a broker that does not
    Path config = soarConfig("not-the-broker-password");
    CliRun cli = new CliRun(Map.of(), dir, dir);
    toClose.add(cli.stopSignal::stop);

    // when
    int code = cli.execute("run", "--config-file", config.toString());

    // then
    assertThat(code).isEqualTo(ExitCodes.STOMP_CONNECT_UNAUTHORIZED);
    assertThat(cli.err.toString()).startsWith("Error: ").contains("rejected the login for " + TestBroker.USER)
        .contains("api_key_id").doesNotContain("not-the-broker-password");
  }

  @Test
  void shouldExitWith32WhenTheBrokerRefusesToLetTheKeyReadTheQueue() throws Exception {
    // given SOAR and a broker that accept the key, but the broker will not let it read the function queue
    Path config = soarConfig("$STOMP_SECRET");
    broker.refuseReads("actions.201.fn_misp", true);
    CliRun cli = new CliRun(Map.of("STOMP_SECRET", TestBroker.PASSWORD), dir, dir);
    toClose.add(cli.stopSignal::stop);

    // when
    int code = cli.execute("run", "--config-file", config.toString());

    // then
    assertThat(code).isEqualTo(ExitCodes.STOMP_QUEUE_READ_UNAUTHORIZED);
    assertThat(cli.err.toString()).startsWith("Error: ").contains("cannot subscribe to actions.201.fn_misp")
        .contains("not authorized to read").doesNotContain(TestBroker.PASSWORD);
  }

  @Test
  void shouldExitWith21WhenSoarRefusesTheApiKey() throws Exception {
    MockWebServer soar = new MockWebServer();
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    soar.useHttps(new okhttp3.tls.HandshakeCertificates.Builder()
        .heldCertificate(new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").signedBy(ca).build(),
            ca.certificate())
        .build().sslSocketFactory());
    soar.enqueue(new mockwebserver3.MockResponse(401, okhttp3.Headers.of(), "{\"message\":\"Unauthorized\"}"));
    soar.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    toClose.add(soar);
    Path caFile = java.nio.file.Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    Path config = FakeServers.writeConfig(dir, """
        [resilient]
        host = 127.0.0.1
        port = %d
        org = Test Org
        api_key_id = my-key-id
        api_key_secret = very-secret-value
        cafile = %s
        logdir = %s

        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(soar.getPort(), caFile, dir.resolve("logs"), misp.url("/"), KEY));
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("run", "--config-file", config.toString());

    assertThat(code).isEqualTo(21);
    assertThat(cli.err.toString()).startsWith("Error: ").contains("my-key-id").doesNotContain("very-secret-value");
  }

  @Test
  void shouldServeALocalBrokerThatInvokeBrokerCanCall() throws Exception {
    // given `run --local` against a broker on a free port
    LocalBroker localBroker = LocalBroker.start("127.0.0.1", 0, null);
    toClose.add(localBroker);
    Path config = localConfig();
    String brokerUrl = "stomp://127.0.0.1:" + localBroker.stompPort();
    CliRun server = new CliRun(Map.of(), dir, dir);
    toClose.add(server.stopSignal::stop);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> server.execute("run", "--local", "--broker", brokerUrl, "--config-file", config.toString()));

    // when
    CliRun invoke = new CliRun(Map.of(), dir, dir);
    int code = invoke.execute("invoke", "--broker", brokerUrl, "--timeout", "20", "misp_search_attribute",
        "misp_attribute_value=8.8.8.8");

    // then
    assertThat(code).as(invoke.err.toString()).isZero();
    JsonNode results = Json.parse(invoke.out.toString(), "invoke output");
    assertThat(results.get("success").asBoolean()).isTrue();
    assertThat(results.get("version").toString()).isEqualTo("2.0");
    assertThat(results.get("tags")).isNotEmpty();
    assertThat(invoke.err.toString()).contains("status: Searching for attribute - 8.8.8.8");
    server.stopSignal.stop();
    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void shouldRunOneFunctionInProcessWithInvoke() throws Exception {
    Path config = localConfig();
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("invoke", "--config-file", config.toString(), "misp_create_sighting",
        "misp_sighting=8.8.8.8");

    assertThat(code).isZero();
    assertThat(Json.parse(cli.out.toString(), "out").at("/inputs/misp_sighting").asText()).isEqualTo("8.8.8.8");
    assertThat(cli.err.toString()).contains("status: Marking 8.8.8.8 as sighted");
    assertThat(Json.parse(mispRequests.get(0).getBody().utf8(), "body").get("value").asText()).isEqualTo("8.8.8.8");
  }

  @Test
  void shouldExitWith1AndTheReasonWhenTheFunctionFails() throws Exception {
    Path config = localConfig();
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("invoke", "--config-file", config.toString(), "misp_sighting_list", "misp_event_id=abc");

    assertThat(code).isEqualTo(1);
    assertThat(cli.err.toString()).contains("Error: ").contains("misp_event_id").contains("abc");
    assertThat(cli.out.toString()).isEmpty();
    assertThat(mispRequests).isEmpty();
  }

  /** SOAR over TLS (and its CA file), a TLS broker and this test's MISP, in one app.config. */
  private Path soarConfig(String apiKeySecret) throws Exception {
    HeldCertificate soarCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("SOAR CA").build();
    MockWebServer soar = FakeServers.soar(soarCa, soarRequests);
    toClose.add(soar);
    broker = TestBroker.start();
    toClose.add(broker);
    Path soarCaFile = java.nio.file.Files.writeString(dir.resolve("soar-ca.pem"), soarCa.certificatePem());
    return FakeServers.soarAppConfig(dir, soar.getPort(), soarCaFile, broker, apiKeySecret, misp.url("/").toString());
  }

  private Path localConfig() throws java.io.IOException {
    return FakeServers.writeConfig(dir, """
        [resilient]
        logdir = %s
        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(dir.resolve("logs"), misp.url("/"), KEY));
  }

  private static ObjectNode inputs(String name, Object value) {
    ObjectNode inputs = Json.object();
    inputs.set(name, Json.toTree(value));
    return inputs;
  }
}
