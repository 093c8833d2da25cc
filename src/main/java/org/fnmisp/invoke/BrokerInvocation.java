package org.fnmisp.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.fnmisp.json.Json;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompFrame;
import org.fnmisp.stomp.StompListener;
import org.fnmisp.stomp.StompSettings;

/**
 * Calls a function through the broker the way SOAR does: a FunctionDataDTO message on
 * {@code actions.<org>.<destination>} with {@code reply-to} and {@code correlation-id}, then the status replies and
 * the final reply from the reply queue. Used by {@code invoke --broker} to try a running server without SOAR.
 */
@SuppressWarnings("ReferenceEquality") // DISCONNECTED is a sentinel: the very object, not an equal reply
public final class BrokerInvocation {

  private static final long LATE_STATUS_MS = 300;
  /** How often the connection wait looks for a failed first attempt. */
  private static final Duration POLL = Duration.ofMillis(50);
  /** Put in the reply queue when the connection ends: with it went the server's broker, or the route to it. */
  private static final JsonNode DISCONNECTED = Json.object().put("disconnected", true);

  private BrokerInvocation() {}

  /**
   * Sends one call and waits for its final reply ({@code "complete": true}); each status reply goes to
   * {@code onStatus} as it arrives.
   *
   * @throws StompException when the broker cannot be reached (at the first refused attempt), the
   *     connection is lost before the final reply (the server and its broker stopped), or no final reply comes within
   *     {@code timeout}
   */
  public static JsonNode call(StompSettings broker, String queue, String function, ObjectNode inputs,
      Duration timeout, Consumer<JsonNode> onStatus) throws StompException, InterruptedException {
    String replyQueue = "acks.invoke." + UUID.randomUUID();
    String correlationId = "invid:" + UUID.randomUUID();
    BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    StompListener listener = new StompListener() {
      @Override
      public void onConnected(long epoch) {}

      @Override
      public void onMessage(StompFrame message, long epoch) {
        if (!correlationId.equals(message.header("correlation-id"))) {
          return;
        }
        replies.add(Json.parse(message.body(), "The reply"));
      }

      @Override
      public void onDisconnected(long epoch, String reason) {
        replies.add(DISCONNECTED);
      }
    };
    long deadline = System.nanoTime() + timeout.toNanos();
    try (StompClient client = new StompClient(broker, listener)) {
      client.subscribe(replyQueue, replyQueue, Map.of("ack", "auto"));
      client.start();
      awaitConnected(client, deadline);
      ObjectNode body = Json.object();
      body.putObject("function").put("name", function);
      body.set("inputs", inputs);
      client.sendWithReceipt(queue, Map.of(
          "reply-to", "/queue/" + replyQueue,
          "correlation-id", correlationId,
          "Co3MessagePayload", "FunctionDataDTO",
          "Co3ContentType", "application/json"), Json.writeBytes(body))
          .get(left(deadline), TimeUnit.NANOSECONDS);
      JsonNode reply = awaitFinal(replies, deadline, onStatus);
      if (reply == DISCONNECTED) {
        throw new StompException("The connection to the broker at " + broker.address() + " ended before the final "
            + "reply of " + function + ": the server (`fn-misp run --local`) or its broker stopped; whether the call "
            + "ran is unknown");
      }
      return reply;
    } catch (ExecutionException e) {
      throw new StompException("Could not send the call to " + broker.address() + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw noReply(queue, broker, timeout);
    }
  }

  /**
   * Waits for the connection, but not past the first failed attempt (refused, unknown host): on a broker that
   * `run --local` started, a refusal means nothing listens there. An attempt that is only slow may take until the
   * deadline.
   */
  private static void awaitConnected(StompClient client, long deadline)
      throws StompException {
    while (true) {
      try {
        client.awaitConnected(Duration.ofNanos(Math.max(1, Math.min(POLL.toNanos(), left(deadline)))));
        return;
      } catch (StompException e) {
        if (e.isRetryable() && e.getCause() == null && left(deadline) > 0) {
          continue; // no attempt has failed yet: still connecting
        }
        String reason = e.getCause() instanceof StompException failure ? failure.getMessage() : e.getMessage();
        throw new StompException(reason + "; is `fn-misp run --local` running there? Start it first, or check "
            + "--broker", e);
      }
    }
  }

  /**
   * Hands statuses to {@code onStatus} until the final reply (or the end of the connection), then a moment longer: the
   * broker orders persistent and non-persistent messages separately, so a status sent before the (persistent) final
   * reply may arrive after it.
   */
  private static JsonNode awaitFinal(BlockingQueue<JsonNode> replies, long deadline, Consumer<JsonNode> onStatus)
      throws InterruptedException, TimeoutException {
    JsonNode finalReply = null;
    while (finalReply == null) {
      JsonNode reply = replies.poll(left(deadline), TimeUnit.NANOSECONDS);
      if (reply == null) {
        throw new TimeoutException();
      }
      if (reply == DISCONNECTED || reply.path("complete").asBoolean(false)) {
        finalReply = reply;
      } else {
        onStatus.accept(reply);
      }
    }
    for (JsonNode late = replies.poll(LATE_STATUS_MS, TimeUnit.MILLISECONDS); late != null && late != DISCONNECTED;
        late = replies.poll(LATE_STATUS_MS, TimeUnit.MILLISECONDS)) {
      onStatus.accept(late);
    }
    return finalReply;
  }

  private static StompException noReply(String queue, StompSettings broker, Duration timeout) {
    return new StompException("No final reply from " + queue + " on " + broker.address() + " within "
        + timeout.toSeconds() + " s: is `fn-misp run --local` running?");
  }

  private static long left(long deadlineNanos) {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }
}
