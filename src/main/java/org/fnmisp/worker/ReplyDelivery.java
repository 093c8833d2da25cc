package org.fnmisp.worker;

import java.time.Duration;
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
 * Owns the {@link DeliveryLedger}: every change of what is known about a message goes through here. Delivers a final
 * reply and ACKs its message in one broker transaction, on the connection and subscription the message came from:
 * the broker stores the reply and removes the message together, or does neither. (resilient-circuits ACKs first and
 * sends without a receipt; a connection drop between the two loses the reply and leaves the workflow waiting
 * forever.)
 *
 * <ul>
 *   <li>The connection drops before the COMMIT's receipt: the outcome is unknown. If the broker did not commit, it
 *       redelivers the message on the new connection and the kept reply goes out with that delivery; if it did, the
 *       message never comes back and nothing is sent twice.
 *   <li>The broker refuses the COMMIT (ERROR: it may not write to the {@code reply-to} queue, its store failed): nothing
 *       was applied, but ActiveMQ has spent the ACK id and keeps the failed transaction, with the message in it, open
 *       until the connection ends. So the connection is renewed: the broker hands the message back with a new ACK id,
 *       and the kept reply is sent again with it; the function never runs again. After {@code deliveryAttempts}
 *       refusals the message is NACKed, which moves it to the broker's dead-letter queue, and one ERROR names the
 *       queues and the fix.
 * </ul>
 */
final class ReplyDelivery {

  private static final Logger LOG = Loggers.WORKER;

  private final StompClient client;
  private final DeliveryLedger ledger;
  private final WorkerSettings settings;
  private final Supplier<WorkerState> state;
  private final AckTurns turns = new AckTurns();

  ReplyDelivery(StompClient client, DeliveryLedger ledger, WorkerSettings settings, Supplier<WorkerState> state) {
    this.client = client;
    this.ledger = ledger;
    this.settings = settings;
    this.state = state;
  }

  /** What a delivered frame means (see {@link DeliveryLedger#delivered}). */
  DeliveryLedger.Decision delivered(String messageId, DeliveryLedger.Delivery delivery) {
    return ledger.delivered(messageId, delivery);
  }

  /** The call will not run or reply here (shutdown): a redelivery may run it again. */
  void abandoned(String messageId) {
    ledger.abandoned(messageId);
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

  /**
   * The broker refused this message's reply {@code deliveryAttempts} times: NACK it, so that ActiveMQ moves it to its
   * dead-letter queue rather than handing it out for ever.
   */
  void deadLetter(String messageId, DeliveryLedger.Delivery delivery) {
    Optional<DeliveryLedger.Reply> reply = ledger.claimReply(messageId);
    if (reply.isEmpty()) {
      return; // a sender is at it, or it is done
    }
    try {
      client.nack(delivery.ackId(), delivery.epoch());
    } catch (StompException e) {
      ledger.releaseReply(messageId, false);
      LOG.info("Could not hand message {} to the dead-letter queue ({}); tried again when the broker redelivers it",
          messageId, e.getMessage());
      return;
    }
    ledger.acknowledged(messageId);
    String replyQueue = reply.get().destination();
    LOG.error("The broker refused the reply to message {} {} times, so fn-misp handed the message (from {}) to the "
        + "broker's dead-letter queue (ActiveMQ.DLQ unless the broker is set up otherwise); the SOAR action waits for "
        + "a reply that will not come. Fix: {}. Then move the message from the dead-letter queue back to {} to run "
        + "it again.", messageId, settings.deliveryAttempts(), queueOf(delivery),
        fix(replyQueue, reply.get().body().length), queueOf(delivery));
  }

  /** The queue a delivery came from: our subscription ids are {@code <queue>#<n>}. */
  private static String queueOf(DeliveryLedger.Delivery delivery) {
    String subscription = String.valueOf(delivery.subscription());
    int hash = subscription.lastIndexOf('#');
    return hash < 0 ? subscription : subscription.substring(0, hash);
  }

  private String fix(String replyQueue, int bytes) {
    return "let the API key write to " + replyQueue + ", and check that the broker can store a reply of " + bytes
        + " bytes (the broker's ERROR above says which)";
  }

  private void sendAndAck(String messageId, DeliveryLedger.Reply reply) {
    while (true) {
      Outcome outcome = trySend(messageId, reply);
      if (outcome == Outcome.DONE || outcome == Outcome.REFUSED) {
        return;
      }
      if (!ledger.releaseReply(messageId, outcome == Outcome.MAY_BE_COMMITTED)) {
        return;
      }
      // a redelivery came in meanwhile: try on its connection
    }
  }

  private enum Outcome { DONE, REFUSED, WAIT_FOR_REDELIVERY, MAY_BE_COMMITTED }

  private Outcome trySend(String messageId, DeliveryLedger.Reply reply) {
    Optional<DeliveryLedger.Delivery> delivery = usable(messageId);
    if (!state.get().mayReply() || delivery.isEmpty()) {
      return Outcome.WAIT_FOR_REDELIVERY; // its ACK id died with its connection; the broker gives the message back
    }
    Duration wait = settings.replyTimeout().plusSeconds(1);
    AckTurns.Turn turn = null;
    boolean acknowledged = false;
    try {
      turn = turns.take(delivery.get(), wait);
      if (turn == null) {
        return Outcome.WAIT_FOR_REDELIVERY; // an earlier ACK on its subscription failed: the connection is renewed
      }
      client.sendAndAck(reply.destination(), persistent(reply.headers()), reply.body(), delivery.get().ackId(),
          delivery.get().epoch()).get(wait.toMillis(), TimeUnit.MILLISECONDS);
      acknowledged = true;
      ledger.acknowledged(messageId);
      return Outcome.DONE;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StompException refusal && refusal.kind() == StompException.Kind.REFUSED) {
        refused(messageId, delivery.get(), refusal);
        return Outcome.REFUSED;
      }
      LOG.info("The reply to message {} was not confirmed ({}); if the broker did not store it, it redelivers the "
          + "message and the reply is sent again", messageId, e.getCause().getMessage());
      return Outcome.MAY_BE_COMMITTED;
    } catch (TimeoutException e) {
      return Outcome.MAY_BE_COMMITTED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.MAY_BE_COMMITTED;
    } finally {
      if (turn != null) {
        turns.done(turn, acknowledged);
      }
    }
  }

  /**
   * The broker applied nothing but spent the ACK id and holds the message in the failed transaction until the
   * connection ends: so the connection is renewed, and the kept reply goes out with the redelivery.
   */
  private void refused(String messageId, DeliveryLedger.Delivery used, StompException refusal) {
    int refusals = ledger.refused(messageId, used);
    LOG.warn("The broker refused the reply to message {} ({}); refusal {} of {}: fn-misp reconnects so that the "
        + "broker hands the message back, and sends the kept reply again", messageId, refusal.getMessage(),
        refusals, settings.deliveryAttempts());
    client.reconnect(used.epoch(), "the broker refused the COMMIT of the reply to message " + messageId);
  }

  /** Final replies are stored by the broker, so a broker restart between our COMMIT and SOAR's read cannot lose them. */
  private static Map<String, String> persistent(Map<String, String> headers) {
    Map<String, String> stored = new LinkedHashMap<>(headers);
    stored.put("persistent", "true");
    return stored;
  }

  /** The newest delivery of the message, if it came on the connection we have now: only its ACK id is valid. */
  private Optional<DeliveryLedger.Delivery> usable(String messageId) {
    return ledger.latestDelivery(messageId)
        .filter(delivery -> client.isConnected() && delivery.epoch() == client.epoch());
  }

  private void ack(String messageId, DeliveryLedger.Delivery delivery) {
    AckTurns.Turn turn = null;
    boolean acknowledged = false;
    try {
      turn = turns.take(delivery, settings.replyTimeout().plusSeconds(1));
      if (turn == null) {
        return; // an earlier ACK on its subscription failed: it is acknowledged when the broker redelivers it
      }
      client.ack(delivery.ackId(), delivery.epoch());
      acknowledged = true;
      ledger.acknowledged(messageId);
    } catch (StompException e) {
      LOG.info("Could not acknowledge message {} ({}); it is acknowledged when the broker redelivers it", messageId,
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (turn != null) {
        turns.done(turn, acknowledged);
      }
    }
  }
}
