package org.fnmisp.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fnmisp.json.Json;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompFrame;
import org.fnmisp.stomp.StompListener;

/**
 * Plays SOAR against a {@link TestBroker}: puts function messages on {@code actions.<org>.<destination>} the way the
 * platform does (JMS text message with reply-to, {@code correlation-id: invid:<n>} and the Co3 headers) and collects
 * what the worker sends to {@code acks.<org>.<destination>} over our own {@link StompClient}.
 */
public final class StompTestClient implements AutoCloseable {

  /** One reply the worker sent: its correlation id and parsed JSON body. */
  public record Reply(String correlationId, JsonNode body, StompFrame frame) {

    public boolean complete() {
      return body.path("complete").asBoolean(false);
    }

    public int messageType() {
      return body.path("message_type").asInt(-1);
    }
  }

  private final TestBroker broker;
  private final int orgId;
  private final String destination;
  private final StompClient client;
  private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
  private final Queue<Reply> passedOver = new ConcurrentLinkedQueue<>();
  private final AtomicInteger invocations = new AtomicInteger(100);

  private StompTestClient(TestBroker broker, int orgId, String destination) {
    this.broker = broker;
    this.orgId = orgId;
    this.destination = destination;
    this.client = new StompClient(broker.tlsSettings(), new StompListener() {
      @Override
      public void onConnected(long epoch) {}

      @Override
      public void onMessage(StompFrame message, long epoch) {
        replies.add(new Reply(message.header("correlation-id"), Json.parse(message.body(), "a reply"), message));
      }

      @Override
      public void onDisconnected(long epoch, String reason) {}
    });
  }

  /** Connects and listens on {@code acks.<orgId>.<destination>}. */
  public static StompTestClient connect(TestBroker broker, int orgId, String destination) throws StompException {
    StompTestClient soar = new StompTestClient(broker, orgId, destination);
    soar.client.start();
    soar.client.awaitConnected(Duration.ofSeconds(5));
    soar.client.subscribe(soar.replyQueue(), soar.replyQueue(), Map.of("ack", "auto"));
    return soar;
  }

  /** The queue the worker subscribes to: {@code actions.<org>.<destination>}. */
  public String actionQueue() {
    return "actions." + orgId + "." + destination;
  }

  /** The queue replies go to (without {@code /queue/}). */
  public String replyQueue() {
    return "acks." + orgId + "." + destination;
  }

  /** A minimal FunctionDataDTO body: {@code {"function":{"name":..},"inputs":{..},"workflow_instance":{..}}}. */
  public static ObjectNode functionBody(String functionName, ObjectNode inputs) {
    ObjectNode body = Json.object();
    body.putObject("function").put("name", functionName).put("display_name", functionName);
    body.set("inputs", inputs);
    body.putObject("workflow_instance").put("workflow_instance_id", 999);
    return body;
  }

  /** Sends a function call like SOAR and returns its correlation id ({@code invid:<n>}). */
  public String invoke(String functionName, ObjectNode inputs) {
    return send(Json.write(functionBody(functionName, inputs)));
  }

  /** Sends any body with the function-call headers (e.g. malformed JSON) and returns its correlation id. */
  public String send(String body) {
    String correlationId = "invid:" + invocations.incrementAndGet();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("reply-to", "/queue/" + replyQueue());
    headers.put("correlation-id", correlationId);
    headers.put("Co3MessagePayload", "FunctionDataDTO");
    headers.put("Co3ContentType", "application/json");
    headers.put("Co3ContextToken", "test-context-token");
    broker.sendMessage(actionQueue(), headers, body);
    return correlationId;
  }

  /** The next reply (one passed over by {@link #finalReply} first), or an AssertionError when none arrives in time. */
  public Reply nextReply(Duration timeout) throws InterruptedException {
    Reply held = passedOver.poll();
    if (held != null) {
      return held;
    }
    Reply reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (reply == null) {
      throw new AssertionError("no reply on " + replyQueue() + " within " + timeout);
    }
    return reply;
  }

  /**
   * Waits for the final ({@code complete: true}) reply for {@code correlationId}; other calls' final replies are kept
   * for {@link #nextReply} and later {@code finalReply} calls, status replies on the way are dropped.
   */
  public Reply finalReply(String correlationId, Duration timeout) throws InterruptedException {
    for (Reply held : passedOver) {
      if (correlationId.equals(held.correlationId()) && held.complete()) {
        passedOver.remove(held);
        return held;
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Reply reply = replies.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (reply == null) {
        throw new AssertionError("no final reply for " + correlationId + " on " + replyQueue() + " within " + timeout);
      }
      if (correlationId.equals(reply.correlationId()) && reply.complete()) {
        return reply;
      }
      if (reply.complete()) {
        passedOver.add(reply);
      }
    }
  }

  /** True when no reply is waiting. */
  public boolean hasNoReply() {
    return replies.isEmpty() && passedOver.isEmpty();
  }

  @Override
  public void close() {
    client.close();
  }
}
