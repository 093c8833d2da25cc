package org.fnmisp.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fnmisp.config.Secret;
import org.fnmisp.retry.Backoff;
import org.fnmisp.testing.TestBroker;
import org.fnmisp.testing.WireTap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the client does when the broker or its own reader fails, against a real ActiveMQ broker (5.x and 6.x). */
class StompBrokerFailuresTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static TestBroker broker;

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

  @Test
  void shouldReconnectAndGetTheMessageAgainWhenTheReaderThreadHitsAnError() throws Exception {
    // given a listener that runs out of memory on the first message it sees
    AtomicBoolean failed = new AtomicBoolean();
    RecordingListener listener = new RecordingListener() {
      @Override
      public void onMessage(StompFrame message, long epoch) {
        if (!failed.getAndSet(true)) {
          throw new OutOfMemoryError("simulated: a huge answer");
        }
        super.onMessage(message, epoch);
      }
    };
    client = new StompClient(broker.tlsSettings(), listener);
    client.subscribe("test.reader", "test.reader", Map.of("ack", "client-individual"));
    client.start();
    client.awaitConnected(WAIT);

    // when
    broker.sendMessage("test.reader", Map.of(), "{}");

    // then the connection is dropped and made again, and the broker redelivers the message on it
    RecordingListener.Received again = listener.nextMessage(WAIT);
    assertThat(again.epoch()).isEqualTo(2);
    assertThat(again.frame().header("redelivered")).isEqualTo("true");
    assertThat(listener.disconnected).singleElement().asString()
        .contains("the STOMP reader failed: java.lang.OutOfMemoryError: simulated");
    client.ack(again.frame().header("ack"), again.epoch());
    await().atMost(WAIT).until(() -> broker.queueSize("test.reader") == 0);
  }

  @Test
  void shouldFailAtStartUpWhenTheBrokerRefusesTheSubscription() {
    client = new StompClient(broker.tlsSettings(), new RecordingListener());
    client.subscribe("forbidden.start", "forbidden.start#1", Map.of("ack", "client"));
    client.start();

    assertThatThrownBy(() -> client.awaitConnected(WAIT))
        .isInstanceOfSatisfying(StompException.class,
            e -> assertThat(e.kind()).isEqualTo(StompException.Kind.SUBSCRIBE_REFUSED))
        .hasMessageContaining("not authorized to read")
        .hasMessageContaining("forbidden.start");
  }

  @Test
  void shouldTryARefusedSubscriptionAgainWithBackoffOnceRunningUntilTheBrokerAllowsIt() throws Exception {
    // given a running client, behind a wire tap
    RecordingListener listener = new RecordingListener();
    try (WireTap tap = new WireTap(broker.stompPort())) {
      client = new StompClient(new StompSettings(TestBroker.HOST, tap.port(), false, null, TestBroker.USER,
          Secret.of(TestBroker.PASSWORD), StompSettings.DEFAULT_HEART_BEAT, WAIT, WAIT,
          new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 2.0, 0.0, () -> 0.0)), listener);
      client.subscribe("test.later", "test.later", Map.of("ack", "client"));
      client.start();
      client.awaitConnected(WAIT);

      // when, after a reconnect, the broker refuses the subscription for a while
      broker.refuseReads("test.later", true);
      try {
        tap.cutConnections();
        // then fn-misp keeps asking on the new connection, without dropping it
        await().atMost(WAIT).until(() -> tap.frames().stream()
            .filter(f -> f.command().equals("SUBSCRIBE") && f.headers().contains("\nid:test.later\n")).count() >= 4);
      } finally {
        broker.refuseReads("test.later", false);
      }
      assertThat(tap.frames()).filteredOn(f -> f.command().equals("CONNECTED")).hasSize(2);

      // and once allowed, the subscription works
      broker.sendMessage("test.later", Map.of(), "{}");
      assertThat(listener.nextMessage(WAIT).epoch()).isEqualTo(2);
    }
  }
}
