package org.fnmisp.selftest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompFrame;
import org.fnmisp.stomp.StompListener;
import org.fnmisp.stomp.StompSettings;

/**
 * Connects to the broker and subscribes to the function queues as the server does, to see whether the login and the
 * read permission hold: the broker refuses an unauthorised subscription with an ERROR frame right after it. A message
 * the broker hands over meanwhile is not ACKed and goes back to the queue when the check disconnects.
 */
public final class BrokerCheck {

  /** What went wrong, if anything. */
  public enum Outcome { OK, LOGIN_REJECTED, QUEUE_FORBIDDEN, UNREACHABLE }

  /** The outcome and a sentence for the operator. */
  public record Result(Outcome outcome, String message) {}

  private BrokerCheck() {}

  public static Result check(StompSettings settings, List<String> queues, Duration timeout)
      throws InterruptedException {
    CompletableFuture<String> refused = new CompletableFuture<>();
    StompListener listener = new StompListener() {
      @Override
      public void onConnected(long epoch) {}

      @Override
      public void onMessage(StompFrame message, long epoch) {}

      @Override
      public void onDisconnected(long epoch, String reason) {}

      @Override
      public void onError(StompFrame error) {
        refused.complete(String.valueOf(error.header("message")));
      }
    };
    try (StompClient client = new StompClient(settings, listener)) {
      client.start();
      try {
        client.awaitConnected(timeout);
      } catch (StompException e) {
        return new Result(e.kind() == StompException.Kind.LOGIN_REJECTED ? Outcome.LOGIN_REJECTED
            : Outcome.UNREACHABLE, e.getMessage());
      }
      for (String queue : queues) {
        client.subscribe(queue, queue, Map.of("ack", "client-individual", "activemq.prefetchSize", "1"));
      }
      try {
        // An ERROR for the SUBSCRIBE comes within a round trip; a second of quiet means the broker accepted it.
        String message = refused.get(Math.min(timeout.toMillis(), 2_000), TimeUnit.MILLISECONDS);
        return new Result(Outcome.QUEUE_FORBIDDEN, "the broker at " + settings.address() + " refused " + queues
            + ": " + message + ". Grant the API key access to the message destination (`fn-misp customize`, or add "
            + "the key to the destination in SOAR's Administrator Settings)");
      } catch (TimeoutException quiet) {
        return new Result(Outcome.OK, "connected to " + settings.address() + " as " + settings.login()
            + " and subscribed to " + queues);
      } catch (java.util.concurrent.ExecutionException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }
}
