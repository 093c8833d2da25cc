package org.fnmisp.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fnmisp.config.Secret;
import org.fnmisp.retry.Backoff;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompFrame;
import org.fnmisp.stomp.StompListener;
import org.fnmisp.stomp.StompSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBrokerTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir
  Path data;

  private static StompSettings plain(LocalBroker broker) {
    return new StompSettings(broker.host(), broker.stompPort(), false, null, "anyone", Secret.of(""),
        Duration.ofSeconds(15), WAIT, WAIT, new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 2, 0,
            new Random(1)::nextDouble));
  }

  @Test
  void shouldCarryMessagesInMemory() throws Exception {
    BlockingQueue<StompFrame> received = new LinkedBlockingQueue<>();
    try (LocalBroker broker = LocalBroker.start("127.0.0.1", 0, null);
        StompClient client = new StompClient(plain(broker), new Ignoring() {
          @Override
          public void onMessage(StompFrame message, long epoch) {
            received.add(message);
          }
        })) {
      assertThat(broker.stompPort()).isPositive();
      client.start();
      client.awaitConnected(WAIT);
      client.subscribe("actions.201.fn_misp", "actions.201.fn_misp", Map.of("ack", "auto"));

      client.sendWithReceipt("actions.201.fn_misp", Map.of("correlation-id", "invid:1"), "hi".getBytes(UTF_8)).get();

      StompFrame message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).isNotNull();
      assertThat(message.bodyText()).isEqualTo("hi");
      assertThat(message.header("correlation-id")).isEqualTo("invid:1");
    }
  }

  @Test
  void shouldKeepAPersistentMessageAcrossARestart() throws Exception {
    try (LocalBroker broker = LocalBroker.start("127.0.0.1", 0, data);
        StompClient client = new StompClient(plain(broker), new Ignoring())) {
      client.start();
      client.awaitConnected(WAIT);
      client.sendWithReceipt("actions.201.fn_misp", Map.of("persistent", "true"), "kept".getBytes(UTF_8)).get();
    }

    BlockingQueue<StompFrame> received = new LinkedBlockingQueue<>();
    try (LocalBroker broker = LocalBroker.start("127.0.0.1", 0, data);
        StompClient client = new StompClient(plain(broker), new Ignoring() {
          @Override
          public void onMessage(StompFrame message, long epoch) {
            received.add(message);
          }
        })) {
      client.start();
      client.awaitConnected(WAIT);
      client.subscribe("actions.201.fn_misp", "actions.201.fn_misp", Map.of("ack", "auto"));

      StompFrame message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).isNotNull();
      assertThat(message.bodyText()).isEqualTo("kept");
    }
  }

  @Test
  void shouldNameHostAndPortWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> LocalBroker.start("127.0.0.1", port, null))
          .hasMessageStartingWith("cannot start the local ActiveMQ broker on 127.0.0.1:" + port);
    }
  }

  private static class Ignoring implements StompListener {

    @Override
    public void onConnected(long epoch) {}

    @Override
    public void onMessage(StompFrame message, long epoch) {}

    @Override
    public void onDisconnected(long epoch, String reason) {}
  }
}
