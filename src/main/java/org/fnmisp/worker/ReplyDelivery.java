package org.fnmisp.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.fnmisp.Loggers;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompException;
import org.slf4j.Logger;

/**
 * Delivers a final reply and ACKs its message in one broker transaction, on the connection the message came from:
 * the broker stores the reply and removes the message together, or does neither. (resilient-circuits ACKs first and
 * sends without a receipt; a connection drop between the two loses the reply and leaves the workflow waiting
 * forever.) When the connection drops before the COMMIT's receipt, the outcome is unknown: if the broker did not
 * commit, it redelivers the message on the new connection and the kept reply goes out with that delivery; if it did,
 * the message never comes back and nothing is sent twice.
 */
final class ReplyDelivery {

  private static final Logger LOG = Loggers.WORKER;

  private final StompClient client;
  private final DeliveryLedger ledger;
  private final WorkerSettings settings;
  private final Supplier<WorkerState> state;

  ReplyDelivery(StompClient client, DeliveryLedger ledger, WorkerSettings settings, Supplier<WorkerState> state) {
    this.client = client;
    this.ledger = ledger;
    this.settings = settings;
    this.state = state;
  }

  /** An interim status: fire and forget, no receipt (a lost status never blocks or fails a call). */
  void sendStatus(String destination, Map<String, String> headers, byte[] body) throws StompException {
    client.send(destination, headers, body);
  }

  /** Sends the reply of a call that just finished. */
  void deliver(String messageId, DeliveryLedger.Reply reply) {
    if (ledger.replyReady(messageId, reply)) {
      sendAndAck(messageId, reply);
    }
  }

  /** A redelivered message whose reply was never confirmed: send it again (unless someone is sending it now). */
  void resendReply(String messageId) {
    ledger.claimReply(messageId).ifPresent(reply -> sendAndAck(messageId, reply));
  }

  /** A redelivered message whose reply was confirmed before: only ACK the new frame. */
  void ackAgain(String messageId, DeliveryLedger.Delivery delivery) {
    LOG.info("Message {} was redelivered after its reply was confirmed; acknowledging it without running it again",
        messageId);
    ack(messageId, delivery);
  }

  /** A message that cannot be answered (no reply-to): ACK it so it does not stay in the queue forever. */
  void ackWithoutReply(String messageId) {
    ledger.replyConfirmed(messageId).ifPresent(delivery -> ack(messageId, delivery));
  }

  private void sendAndAck(String messageId, DeliveryLedger.Reply reply) {
    int attempt = 1;
    while (true) {
      Outcome outcome = attempt > settings.deliveryAttempts() ? Outcome.GAVE_UP : trySend(messageId, reply, attempt);
      if (outcome == Outcome.DONE) {
        return;
      }
      if (outcome == Outcome.RETRY) {
        attempt++;
        continue;
      }
      if (ledger.releaseReply(messageId, outcome == Outcome.MAY_BE_COMMITTED)) {
        attempt = 1; // a redelivery came in meanwhile: try on its connection
        continue;
      }
      if (outcome == Outcome.GAVE_UP) {
        LOG.error("Gave up sending the reply to message {} on this connection after {} attempts; it is sent again "
            + "when the broker redelivers the message", messageId, settings.deliveryAttempts());
      }
      return;
    }
  }

  private enum Outcome { DONE, RETRY, WAIT_FOR_REDELIVERY, MAY_BE_COMMITTED, GAVE_UP }

  private Outcome trySend(String messageId, DeliveryLedger.Reply reply, int attempt) {
    Optional<DeliveryLedger.Delivery> delivery = onCurrentConnection(messageId);
    if (!state.get().mayReply() || delivery.isEmpty()) {
      return Outcome.WAIT_FOR_REDELIVERY; // its ACK id died with its connection; the broker gives the message back
    }
    try {
      client.sendAndAck(reply.destination(), persistent(reply.headers()), reply.body(), delivery.get().ackId(),
          delivery.get().epoch()).get(settings.replyTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
      ledger.acknowledged(messageId);
      return Outcome.DONE;
    } catch (ExecutionException | TimeoutException e) {
      String why = e instanceof ExecutionException ? String.valueOf(e.getCause().getMessage()) : "no receipt in time";
      if (onCurrentConnection(messageId).isEmpty()) {
        LOG.info("The reply to message {} was not confirmed ({}); if the broker did not store it, it redelivers the "
            + "message and the reply is sent again", messageId, why);
        return Outcome.MAY_BE_COMMITTED;
      }
      LOG.warn("The reply to message {} was not confirmed ({}); attempt {} of {}", messageId, why, attempt,
          settings.deliveryAttempts());
      return Outcome.RETRY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.MAY_BE_COMMITTED;
    }
  }

  /** Final replies are stored by the broker, so a broker restart between our COMMIT and SOAR's read cannot lose them. */
  private static Map<String, String> persistent(Map<String, String> headers) {
    Map<String, String> stored = new LinkedHashMap<>(headers);
    stored.put("persistent", "true");
    return stored;
  }

  /** The newest delivery of the message, if it came on the connection we have now: only its ACK id is valid. */
  private Optional<DeliveryLedger.Delivery> onCurrentConnection(String messageId) {
    return ledger.latestDelivery(messageId)
        .filter(delivery -> client.isConnected() && delivery.epoch() == client.epoch());
  }

  private void ack(String messageId, DeliveryLedger.Delivery delivery) {
    try {
      client.ack(delivery.ackId(), delivery.epoch());
      ledger.acknowledged(messageId);
    } catch (StompException e) {
      LOG.info("Could not acknowledge message {} ({}); it is acknowledged when the broker redelivers it", messageId,
          e.getMessage());
    }
  }
}
