package org.fnmisp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.fnmisp.json.Json;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompFrame;
import org.fnmisp.stomp.StompListener;
import org.junit.jupiter.api.Test;

/** The SOAR stand-in against a minimal echoing "worker" built on the same client. */
class StompTestClientTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void shouldDeliverAFunctionMessageLikeSoarAndCollectTheReply() throws Exception {
    try (TestBroker broker = TestBroker.start();
        StompTestClient soar = StompTestClient.connect(broker, 201, "fn_misp");
        EchoWorker worker = new EchoWorker(broker, soar.actionQueue())) {

      String correlationId = soar.invoke("misp_create_event", Json.object().put("misp_event_name", "x"));

      StompTestClient.Reply reply = soar.finalReply(correlationId, WAIT);
      assertThat(reply.messageType()).isZero();
      assertThat(reply.body().path("echo").path("function").path("name").asText()).isEqualTo("misp_create_event");
      assertThat(reply.body().path("echo").path("inputs").path("misp_event_name").asText()).isEqualTo("x");
      assertThat(worker.received.header("Co3MessagePayload")).isEqualTo("FunctionDataDTO");
      assertThat(worker.received.header("correlation-id")).isEqualTo(correlationId);
    }
  }

  /** Replies to every message with {"message_type":0,"complete":true,"echo":<body>} and ACKs after the receipt. */
  private static final class EchoWorker implements StompListener, AutoCloseable {

    private final StompClient client;
    private volatile StompFrame received;

    EchoWorker(TestBroker broker, String queue) throws StompException {
      client = new StompClient(broker.tlsSettings(), this);
      client.start();
      client.awaitConnected(WAIT);
      client.subscribe(queue, queue, Map.of("ack", "client-individual", "activemq.prefetchSize", "1"));
    }

    @Override
    public void onConnected(long epoch) {}

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // a lost reply or ACK fails the test's checks of the queues
    public void onMessage(StompFrame message, long epoch) {
      received = message;
      var reply = Json.object().put("message_type", 0).put("message", "Completed").put("complete", true);
      reply.set("echo", Json.parse(message.body(), "a function message"));
      client.sendWithReceipt(message.header("reply-to"), Map.of("correlation-id", message.header("correlation-id")),
          Json.writeBytes(reply))
          .thenRun(() -> {
            try {
              client.ack(message.header("ack"), epoch);
            } catch (StompException e) {
              throw new IllegalStateException(e);
            }
          });
    }

    @Override
    public void onDisconnected(long epoch, String reason) {}

    @Override
    public void close() {
      client.close();
    }
  }
}
