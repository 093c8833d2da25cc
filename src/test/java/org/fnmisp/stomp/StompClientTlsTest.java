package org.fnmisp.stomp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.fnmisp.testing.TestBroker;
import org.fnmisp.tls.TlsTrust;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StompClientTlsTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static TestBroker broker;

  private final RecordingListener listener = new RecordingListener();
  private StompClient client;

  @BeforeAll
  static void startBroker() {
    broker = TestBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  private StompClient connect(StompSettings settings) throws StompException {
    client = new StompClient(settings, listener);
    client.start();
    client.awaitConnected(WAIT);
    return client;
  }

  @Test
  void shouldConnectOverTlsTrustingTheBrokerCertificateFromAPemFile() throws Exception {
    connect(broker.tlsSettings());

    assertThat(client.isConnected()).isTrue();
    assertThat(client.epoch()).isEqualTo(1);
    await().atMost(WAIT).until(() -> listener.connected.contains(1L));
  }

  @Test
  void shouldRejectAnUntrustedCertificateWithAClearMessage() {
    StompSettings settings = broker.settings(true, TlsTrust.system(), TestBroker.USER, TestBroker.PASSWORD);

    assertThatThrownBy(() -> connect(settings))
        .isInstanceOf(StompException.class)
        .hasMessageContaining("127.0.0.1:" + broker.stompSslPort())
        .hasMessageContaining("is not trusted")
        .hasMessageContaining("[resilient] stomp_cafile");
    assertThat(client.isConnected()).isFalse();
  }

  @Test
  void shouldAcceptAnyCertificateWhenVerificationIsOff() throws Exception {
    connect(broker.settings(true, TlsTrust.insecure(), TestBroker.USER, TestBroker.PASSWORD));

    assertThat(client.isConnected()).isTrue();
  }

  @Test
  void shouldReportAWrongPasscodeWithoutShowingIt() {
    StompSettings settings = broker.settings(true, TlsTrust.insecure(), TestBroker.USER, "wrong-secret");

    assertThatThrownBy(() -> connect(settings))
        .isInstanceOf(StompException.class)
        .hasMessageContaining("rejected the login for " + TestBroker.USER)
        .hasMessageContaining("check api_key_id/api_key_secret")
        .hasMessageContaining("127.0.0.1:" + broker.stompSslPort())
        .hasMessageNotContaining("wrong-secret");
  }

  @Test
  void shouldNameHostAndPortWhenTheConnectionIsRefused() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    StompSettings base = broker.tlsSettings();
    StompSettings settings = new StompSettings(base.host(), closedPort, true, base.trust(), base.login(),
        base.passcode(), base.heartBeatReceive(), base.connectTimeout(), base.receiptTimeout(),
        base.reconnectBackoff());
    client = new StompClient(settings, listener);
    client.start();

    assertThatThrownBy(() -> client.awaitConnected(Duration.ofMillis(700)))
        .isInstanceOf(StompException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort)
        .hasMessageContaining("connection refused");
  }

  @Test
  void shouldReceiveWithClientIndividualAckAndKeepColonsInHeaderValues() throws Exception {
    connect(broker.tlsSettings());
    client.subscribe("actions.201.receive", "actions.201.receive",
        Map.of("ack", "client-individual", "activemq.prefetchSize", "5"));

    broker.sendMessage("actions.201.receive", Map.of("reply-to", "/queue/acks.201.receive",
        "correlation-id", "invid:80", "Co3MessagePayload", "FunctionDataDTO"), "{\"function\":{}}");

    RecordingListener.Received received = listener.nextMessage(WAIT);
    StompFrame message = received.frame();
    assertThat(received.epoch()).isEqualTo(1);
    assertThat(message.command()).isEqualTo("MESSAGE");
    assertThat(message.header("correlation-id")).isEqualTo("invid:80");
    assertThat(message.header("reply-to")).isEqualTo("/queue/acks.201.receive");
    assertThat(message.header("subscription")).isEqualTo("actions.201.receive");
    assertThat(message.header("destination")).isEqualTo("/queue/actions.201.receive");
    assertThat(message.header("Co3MessagePayload")).isEqualTo("FunctionDataDTO");
    assertThat(message.header("message-id")).startsWith("ID:");
    assertThat(message.header("ack")).isNotBlank();
    assertThat(message.bodyText()).isEqualTo("{\"function\":{}}");
  }

  @Test
  void shouldSendWithReceiptAndDeliverBodyAndHeadersIntact() throws Exception {
    connect(broker.tlsSettings());
    client.subscribe("test.roundtrip", "test.roundtrip", Map.of("ack", "client-individual"));
    byte[] body = {'{', 0, 'x', 0, '}', '\n', (byte) 0xc3, (byte) 0xa9};
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("correlation-id", "invid:80");
    headers.put("odd", "back\\slash\nnew:line\r");

    client.sendWithReceipt("test.roundtrip", headers, body).get();

    StompFrame message = listener.nextMessage(WAIT).frame();
    assertThat(message.body()).isEqualTo(body);
    assertThat(message.header("correlation-id")).isEqualTo("invid:80");
    assertThat(message.header("odd")).isEqualTo("back\\slash\nnew:line\r");
  }

  @Test
  void shouldSendFireAndForget() throws Exception {
    connect(broker.tlsSettings());

    client.send("test.fire", Map.of("correlation-id", "invid:81"), "hello".getBytes(UTF_8));

    await().atMost(WAIT).until(() -> broker.queueSize("test.fire") == 1);
  }

  @Test
  void shouldFailTheReceiptFutureWhenTheBrokerAnswersError() throws Exception {
    connect(broker.tlsSettings());

    assertThatThrownBy(() -> client.sendWithReceipt("forbidden.queue", Map.of(), new byte[] {1}).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(StompException.class)
        .hasMessageContaining("127.0.0.1:" + broker.stompSslPort())
        .hasMessageContaining("sent ERROR");
    assertThat(listener.errors).isNotEmpty();
  }

  @Test
  void shouldRemoveAnAckedMessageAndRedeliverAnUnackedOneAfterReconnect() throws Exception {
    connect(broker.tlsSettings());
    client.subscribe("actions.201.ack", "actions.201.ack",
        Map.of("ack", "client-individual", "activemq.prefetchSize", "5"));
    broker.sendMessage("actions.201.ack", Map.of("correlation-id", "invid:1"), "first");
    broker.sendMessage("actions.201.ack", Map.of("correlation-id", "invid:2"), "second");
    StompFrame first = listener.nextMessage(WAIT).frame();
    StompFrame second = listener.nextMessage(WAIT).frame();

    client.ack(first.header("ack"), 1);
    await().atMost(WAIT).until(() -> broker.queueSize("actions.201.ack") == 1);

    broker.stopTransport();
    await().atMost(WAIT).until(() -> !listener.disconnected.isEmpty());
    assertThatThrownBy(() -> client.ack(second.header("ack"), 1))
        .isInstanceOf(StompException.class)
        .hasMessageContaining("not connected");
    broker.startTransport();
    await().atMost(WAIT).until(() -> listener.connected.contains(2L));

    RecordingListener.Received again = listener.nextMessage(WAIT);
    assertThat(again.epoch()).isEqualTo(2);
    assertThat(again.frame().header("message-id")).isEqualTo(second.header("message-id"));
    assertThat(again.frame().header("ack")).isNotEqualTo(second.header("ack"));
    assertThat(again.frame().bodyText()).isEqualTo("second");
    assertThatThrownBy(() -> client.ack(again.frame().header("ack"), 1))
        .isInstanceOf(StompException.class)
        .hasMessageContaining("connection 1, now on connection 2");
    client.ack(again.frame().header("ack"), 2);
    await().atMost(WAIT).until(() -> broker.queueSize("actions.201.ack") == 0);
  }

  @Test
  void shouldReconnectAndResubscribeAfterTheBrokerDropsTheConnection() throws Exception {
    connect(broker.tlsSettings());
    client.subscribe("actions.201.resub", "actions.201.resub", Map.of("ack", "client-individual"));

    broker.stopTransport();
    await().atMost(WAIT).until(() -> listener.disconnected.size() == 1);
    assertThat(client.isConnected()).isFalse();
    assertThatThrownBy(() -> client.send("test.x", Map.of(), new byte[0]))
        .isInstanceOf(StompException.class)
        .hasMessageContaining("not connected to the STOMP broker at 127.0.0.1:" + broker.stompSslPort());
    broker.startTransport();
    client.awaitConnected(WAIT);

    broker.sendMessage("actions.201.resub", Map.of(), "after restart");
    RecordingListener.Received received = listener.nextMessage(WAIT);
    assertThat(received.frame().bodyText()).isEqualTo("after restart");
    assertThat(received.epoch()).isEqualTo(2);
    assertThat(listener.connected).containsExactly(1L, 2L);
  }

  @Test
  void shouldStopAllThreadsOnClose() throws Exception {
    connect(broker.tlsSettings());

    client.close();

    assertThat(client.isConnected()).isFalse();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("stomp-") && thread.isAlive());
    assertThatThrownBy(() -> client.awaitConnected(WAIT)).hasMessageContaining("closed");
  }
}
