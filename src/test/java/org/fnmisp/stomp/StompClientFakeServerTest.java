package org.fnmisp.stomp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour a real broker will not show on demand, against a scripted server. */
class StompClientFakeServerTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration NO_HEART_BEAT = Duration.ZERO;

  private final RecordingListener listener = new RecordingListener();
  private FakeStompServer server;
  private StompClient client;

  @BeforeEach
  void startServer() throws Exception {
    server = new FakeStompServer();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close(Duration.ofMillis(500));
    }
    server.close();
  }

  private void connect(StompSettings settings) throws StompException {
    client = new StompClient(settings, listener);
    client.start();
    client.awaitConnected(WAIT);
  }

  @Test
  void shouldSendConnectWithVersionHostLoginAndHeartBeat() throws Exception {
    connect(server.settings(Duration.ofSeconds(15), WAIT));

    StompFrame connect = server.nextFrame(WAIT);
    assertThat(connect.command()).isEqualTo("CONNECT");
    assertThat(connect.headers()).containsExactly(
        Map.entry("accept-version", "1.2"), Map.entry("host", "127.0.0.1"), Map.entry("login", "fake-login"),
        Map.entry("passcode", "fake:secret"), Map.entry("heart-beat", "0,15000"));
  }

  @Test
  void shouldDetectAHeartBeatTimeoutAndReconnect() throws Exception {
    server.heartBeat("100,0");
    connect(server.settings(Duration.ofMillis(50), WAIT));

    await().atMost(WAIT).until(() -> !listener.disconnected.isEmpty());
    assertThat(listener.disconnected.get(0)).isEqualTo("1: heart-beat timeout: nothing received for 200 ms");
    await().atMost(WAIT).until(() -> listener.connected.contains(2L));
  }

  @Test
  void shouldStayConnectedWhileTheServerSendsHeartBeats() throws Exception {
    server.heartBeat("100,0");
    connect(server.settings(Duration.ofMillis(100), WAIT));
    ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
    try {
      ScheduledFuture<?> beating = beats.scheduleAtFixedRate(() -> {
        try {
          server.sendRaw(new byte[] {'\n'});
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, 0, 40, TimeUnit.MILLISECONDS);

      await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> listener.disconnected.isEmpty());
      assertThat(beating.isDone()).as("the heart-beats kept going").isFalse();
    } finally {
      beats.shutdownNow();
    }
    assertThat(client.epoch()).isEqualTo(1);
  }

  @Test
  void shouldSendHeartBeatsWhenTheServerAsksForThem() throws Exception {
    server.heartBeat("0,100");
    connect(server.settings(NO_HEART_BEAT, WAIT));

    await().atMost(WAIT).until(() -> server.bytesAfterConnected() >= 3);
    assertThat(listener.disconnected).isEmpty();
  }

  @Test
  void shouldPutReceiptsOnlyOnReceiptSendsAndDisconnect() throws Exception {
    connect(server.settings(NO_HEART_BEAT, WAIT));
    server.nextFrame(WAIT);

    client.subscribe("actions.201.d", "actions.201.d", Map.of("ack", "client-individual",
        "activemq.prefetchSize", "25"));
    client.send("/queue/acks.201.d", Map.of("correlation-id", "invid:80"), "status".getBytes(UTF_8));
    client.ack("ID:abc:1", 1);
    client.sendWithReceipt("/queue/acks.201.d", Map.of("correlation-id", "invid:80"), "done".getBytes(UTF_8))
        .get();
    client.unsubscribe("actions.201.d");
    client.close();

    StompFrame subscribe = server.nextFrame(WAIT);
    assertThat(subscribe.command()).isEqualTo("SUBSCRIBE");
    assertThat(subscribe.headers()).containsOnly(Map.entry("destination", "actions.201.d"),
        Map.entry("id", "actions.201.d"), Map.entry("ack", "client-individual"),
        Map.entry("activemq.prefetchSize", "25"), Map.entry("receipt", "r-1"));
    StompFrame status = server.nextFrame(WAIT);
    assertThat(status.command()).isEqualTo("SEND");
    assertThat(status.headers()).containsOnly(Map.entry("destination", "/queue/acks.201.d"),
        Map.entry("correlation-id", "invid:80"), Map.entry("content-length", "6"));
    assertThat(server.nextFrame(WAIT).headers()).containsOnly(Map.entry("id", "ID:abc:1"));
    StompFrame last = server.nextFrame(WAIT);
    assertThat(last.header("receipt")).isNotBlank();
    assertThat(last.bodyText()).isEqualTo("done");
    assertThat(server.nextFrame(WAIT).headers()).containsOnly(Map.entry("id", "actions.201.d"));
    StompFrame disconnect = server.nextFrame(WAIT);
    assertThat(disconnect.command()).isEqualTo("DISCONNECT");
    assertThat(disconnect.header("receipt")).isNotBlank();
  }

  @Test
  void shouldStopAllThreadsAfterDisconnect() throws Exception {
    connect(server.settings(NO_HEART_BEAT, WAIT));

    client.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("stomp-") && thread.isAlive());
    assertThat(listener.disconnected).containsExactly("1: closed by the client");
  }

  @Test
  void shouldFailAPendingReceiptWhenTheConnectionIsLost() throws Exception {
    server.answerReceipts(false);
    connect(server.settings(NO_HEART_BEAT, WAIT));
    server.nextFrame(WAIT);

    CompletableFuture<Void> receipt = client.sendWithReceipt("/queue/acks.1.x", Map.of(), new byte[] {1});
    server.nextFrame(WAIT);
    server.dropConnection();

    assertThatThrownBy(receipt::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(StompException.class)
        .hasMessageContaining("the connection to 127.0.0.1:" + server.port() + " ended before the RECEIPT");
  }

  @Test
  void shouldFailAReceiptThatNeverArrivesAfterTheTimeoutAndDropTheSilentConnection() throws Exception {
    server.answerReceipts(false);
    connect(server.settings(NO_HEART_BEAT, Duration.ofMillis(300)));

    CompletableFuture<Void> receipt = client.sendWithReceipt("/queue/acks.1.x", Map.of(), new byte[] {1});

    assertThatThrownBy(receipt::join)
        .cause()
        .isInstanceOf(StompException.class)
        .hasMessage("no RECEIPT for SEND to /queue/acks.1.x via 127.0.0.1:" + server.port() + " within 300 ms");
    await().atMost(WAIT).until(() -> !listener.disconnected.isEmpty());
    assertThat(listener.disconnected.get(0)).contains("no RECEIPT for SEND to /queue/acks.1.x");
  }

  @Test
  void shouldFailSendWithReceiptAtOnceWhenNotConnected() {
    client = new StompClient(server.settings(NO_HEART_BEAT, WAIT), listener);

    assertThatThrownBy(() -> client.sendWithReceipt("q", Map.of(), new byte[0]).join())
        .cause()
        .isInstanceOf(StompException.class)
        .hasMessageContaining("not connected to the STOMP broker at 127.0.0.1:" + server.port());
  }

  @Test
  void shouldHideThePasscodeEvenWhenTheBrokerEchoesIt() {
    server.answerConnectWith("ERROR\nmessage:bad password fake\\csecret\n\n\0".getBytes(UTF_8));

    assertThatThrownBy(() -> connect(server.settings(NO_HEART_BEAT, WAIT)))
        .isInstanceOf(StompException.class)
        .hasMessage("STOMP broker 127.0.0.1:" + server.port() + ": the broker rejected the login for fake-login: "
            + "bad password [hidden] (check api_key_id/api_key_secret)");
  }

  @Test
  void shouldHandOnAFrameWithAnOversizedHeaderMarkedIncompleteAndStayConnected() throws Exception {
    connect(server.settings(NO_HEART_BEAT, WAIT));

    server.send("MESSAGE", Map.of("message-id", "m1", "big", "x".repeat(FrameDecoder.MAX_LINE + 1)), "");
    server.send("MESSAGE", Map.of("message-id", "m2"), "next");

    StompFrame skipped = listener.nextMessage(WAIT).frame();
    assertThat(skipped.header("message-id")).isEqualTo("m1");
    assertThat(skipped.skipped()).isEqualTo("a header line longer than 65536 bytes (big)");
    assertThat(listener.nextMessage(WAIT).frame().bodyText()).isEqualTo("next");
    assertThat(listener.disconnected).isEmpty();
  }

  @Test
  void shouldSurfaceAnErrorFrameToTheListener() throws Exception {
    connect(server.settings(NO_HEART_BEAT, WAIT));

    server.send("ERROR", Map.of("message", "Unexpected ACK received"), "details");

    await().atMost(WAIT).until(() -> listener.errors.size() == 1);
    assertThat(listener.errors.get(0).header("message")).isEqualTo("Unexpected ACK received");
    assertThat(listener.errors.get(0).bodyText()).isEqualTo("details");
  }

  @Test
  void shouldKeepRetryingWhileTheBrokerCannotCheckLogins() throws Exception {
    server.answerConnectWith("ERROR\nmessage:unable to connect to authentication service\n\n\0".getBytes(UTF_8));
    client = new StompClient(server.settings(NO_HEART_BEAT, WAIT), listener);
    client.start();

    server.nextFrame(WAIT);
    server.nextFrame(WAIT);
    assertThatThrownBy(() -> client.awaitConnected(Duration.ofMillis(200)))
        .isInstanceOf(StompException.class)
        .hasMessage("not connected to the STOMP broker at 127.0.0.1:" + server.port() + " after 200 ms: STOMP broker "
            + "127.0.0.1:" + server.port() + " cannot check logins yet: unable to connect to authentication service");
  }

  @Test
  void shouldCloseFromInsideTheMessageCallbackWithoutWaitingForItself() throws Exception {
    StompClient[] self = new StompClient[1];
    RecordingListener closing = new RecordingListener() {
      @Override
      public void onMessage(StompFrame message, long epoch) {
        self[0].close(Duration.ofSeconds(30));
      }
    };
    client = new StompClient(server.settings(NO_HEART_BEAT, WAIT), closing);
    self[0] = client;
    client.start();
    client.awaitConnected(WAIT);

    server.send("MESSAGE", Map.of("destination", "/queue/x", "message-id", "m", "ack", "a"), "");

    await().atMost(WAIT).until(() -> closing.disconnected.contains("1: closed by the client"));
    await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(thread -> thread.getName().startsWith("stomp-") && thread.isAlive()));
  }
}
