package org.fnmisp.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One ACK at a time per subscription and connection, and none after one failed. In {@code client} mode an ACK covers
 * every message the subscription holds, and a transacted ACK lets ActiveMQ hand the subscription its next message
 * before the COMMIT: if that COMMIT is then refused, the refused message stays with the subscription, and the next
 * message's ACK would silently take it along (lost: neither in the queue nor in the dead-letter queue). So an ACK
 * waits for the previous one on its subscription; after a failed one the message waits for its redelivery on the next
 * connection instead.
 */
final class AckTurns {

  /** The right to ACK on a subscription; {@link #done} passes it on. */
  record Turn(String key, CompletableFuture<Boolean> outcome) {}

  private static final int CLEAN_UP_AT = 10_000;

  /** By "epoch subscription": the outcome of the last ACK on it; failed ones stay, so nobody ACKs there again. */
  private final Map<String, CompletableFuture<Boolean>> last = new ConcurrentHashMap<>();

  /** Waits for the previous ACK on the delivery's subscription; null when it failed (or did not end in time). */
  Turn take(DeliveryLedger.Delivery delivery, Duration wait) throws InterruptedException {
    if (last.size() > CLEAN_UP_AT) {
      String current = delivery.epoch() + " ";
      last.keySet().removeIf(key -> !key.startsWith(current));
    }
    String key = delivery.epoch() + " " + delivery.subscription();
    CompletableFuture<Boolean> mine = new CompletableFuture<>();
    CompletableFuture<Boolean> previous = last.put(key, mine);
    if (previous != null && !succeeded(previous, wait)) {
      mine.complete(false);
      return null;
    }
    return new Turn(key, mine);
  }

  void done(Turn turn, boolean acknowledged) {
    turn.outcome().complete(acknowledged);
    if (acknowledged) {
      last.remove(turn.key(), turn.outcome());
    }
  }

  private static boolean succeeded(CompletableFuture<Boolean> previous, Duration wait) throws InterruptedException {
    try {
      return previous.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
