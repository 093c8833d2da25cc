package org.fnmisp.worker;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What this process knows about each message id: running, reply waiting for the broker's receipt, replied but not
 * ACKed, or done. It decides what a (re)delivered frame means, so a function never runs twice for one message id in
 * one process while its reply is kept, and every delivered message ends in one confirmed reply and one ACK, or in the
 * broker's dead-letter queue when the broker refuses its reply again and again. Only {@link ReplyDelivery} changes it.
 *
 * <p>ACK ids belong to one connection and one subscription: every redelivery brings a new one, which replaces the old
 * here. Memory is bounded: replies waiting for the broker by count and bytes (the oldest that nobody is sending are
 * dropped first, and their message runs again if it comes back), acknowledged ids by count and time.
 */
final class DeliveryLedger {

  /** What to do with a delivered frame. */
  enum Decision {
    /** First sight of this message id (or its kept reply was dropped): run it. */
    RUN,
    /** Still running: the newer ACK id was recorded and is used when the reply is confirmed. */
    ALREADY_RUNNING,
    /** The reply was made but not confirmed by the broker: send it again, then ACK. */
    RESEND_REPLY,
    /** The reply was confirmed earlier: only ACK this frame. */
    ACK_ONLY,
    /** The broker refused the reply as often as allowed: hand the message to the broker's dead-letter queue. */
    DEAD_LETTER
  }

  private enum State { RUNNING, REPLY_PENDING, REPLIED }

  /** The frame to ACK, from the newest delivery of a message: its ACK id, connection and subscription. */
  record Delivery(String ackId, long epoch, String subscription) {}

  /** A final reply, kept until the broker confirmed it. */
  @SuppressWarnings("ArrayRecordComponent") // kept and re-sent, never compared or used as a key
  record Reply(String destination, Map<String, String> headers, byte[] body) {}

  private static final class Entry {
    State state = State.RUNNING;
    Delivery delivery;
    Reply reply;
    boolean sending;
    boolean resendWanted;
    boolean mayBeCommitted;
    int refusals;
    long since;
  }

  private final Map<String, Entry> open = new LinkedHashMap<>();
  private final LinkedHashMap<String, Long> acked = new LinkedHashMap<>();
  private final WorkerSettings settings;
  private final LongSupplier nanoClock;
  private long keptBytes;
  private int keptReplies;

  DeliveryLedger(WorkerSettings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
  }

  synchronized Decision delivered(String messageId, Delivery delivery) {
    purgeExpired();
    if (acked.containsKey(messageId)) {
      return Decision.ACK_ONLY;
    }
    Entry entry = open.get(messageId);
    if (entry == null) {
      entry = new Entry();
      entry.delivery = delivery;
      entry.since = nanoClock.getAsLong();
      open.put(messageId, entry);
      return Decision.RUN;
    }
    entry.delivery = delivery;
    entry.mayBeCommitted = false; // the broker gave it back, so it did not commit our reply and ACK
    return switch (entry.state) {
      case RUNNING -> Decision.ALREADY_RUNNING;
      case REPLY_PENDING -> entry.refusals >= settings.deliveryAttempts() ? Decision.DEAD_LETTER
          : Decision.RESEND_REPLY;
      case REPLIED -> Decision.ACK_ONLY;
    };
  }

  /** The run ended without a reply (e.g. shutdown before it started): let a redelivery run it again. */
  synchronized void abandoned(String messageId) {
    forget(messageId);
    notifyAll();
  }

  /** Records the reply of a finished call and claims the right to send it (see {@link #claimReply}). */
  synchronized boolean replyReady(String messageId, Reply reply) {
    Entry entry = open.get(messageId);
    if (entry == null) {
      return false;
    }
    entry.state = State.REPLY_PENDING;
    entry.reply = reply;
    entry.sending = true;
    entry.since = nanoClock.getAsLong();
    keptBytes += reply.body().length;
    keptReplies++;
    dropOverflow();
    return true;
  }

  /**
   * The unconfirmed reply, if nobody is sending it right now; the caller then owns the sending until
   * {@link #releaseReply}, {@link #refused} or {@link #replyConfirmed}. One sender at a time means one reply on the
   * wire at a time.
   */
  synchronized Optional<Reply> claimReply(String messageId) {
    Entry entry = open.get(messageId);
    if (entry == null || entry.state != State.REPLY_PENDING) {
      return Optional.empty();
    }
    if (entry.sending) {
      entry.resendWanted = true; // the current sender must not give up without trying this newer delivery
      return Optional.empty();
    }
    entry.sending = true;
    return Optional.of(entry.reply);
  }

  /**
   * The sender stops; true when a redelivery asked for the reply meanwhile, in which case the caller still owns the
   * sending and must try again on the newer delivery. {@code mayBeCommitted}: the connection died after the reply and
   * ACK were written, so the broker may have committed both; then the message never comes back and the entry expires.
   */
  synchronized boolean releaseReply(String messageId, boolean mayBeCommitted) {
    Entry entry = open.get(messageId);
    if (entry == null) {
      return false;
    }
    if (entry.resendWanted && entry.state == State.REPLY_PENDING) {
      entry.resendWanted = false;
      return true;
    }
    entry.sending = false;
    entry.mayBeCommitted = mayBeCommitted;
    notifyAll();
    return false;
  }

  /**
   * The broker refused the COMMIT of the reply sent with {@code used}: that ACK id is spent (ActiveMQ forgets it even
   * though nothing was applied), so only a redelivery can bring a usable one. Returns how often the broker refused
   * this message's reply so far. The sender stops sending.
   */
  synchronized int refused(String messageId, Delivery used) {
    Entry entry = open.get(messageId);
    if (entry == null) {
      return 0;
    }
    if (used.equals(entry.delivery)) {
      entry.delivery = null;
    }
    entry.refusals++;
    entry.sending = false;
    entry.resendWanted = false;
    entry.since = nanoClock.getAsLong();
    notifyAll();
    return entry.refusals;
  }

  /** The broker confirmed the reply; returns the newest delivery, the one to ACK. */
  synchronized Optional<Delivery> replyConfirmed(String messageId) {
    Entry entry = open.get(messageId);
    if (entry == null) {
      return Optional.empty();
    }
    dropReply(entry);
    entry.state = State.REPLIED;
    entry.sending = false;
    entry.resendWanted = false;
    entry.since = nanoClock.getAsLong();
    return Optional.ofNullable(entry.delivery);
  }

  synchronized Optional<Delivery> latestDelivery(String messageId) {
    Entry entry = open.get(messageId);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.delivery);
  }

  /** The message was ACKed (on its own, or in one transaction with its reply), or NACKed to the DLQ: it is done. */
  synchronized void acknowledged(String messageId) {
    forget(messageId);
    notifyAll();
    acked.put(messageId, nanoClock.getAsLong());
    while (acked.size() > settings.rememberAtMost()) {
      Iterator<String> oldest = acked.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Messages received and not yet ACKed (running, or waiting to deliver their reply), as far as we know. */
  synchronized int unfinished() {
    return (int) open.values().stream().filter(entry -> !mayBeDone(entry)).count();
  }

  /** The bytes of the replies kept for the broker's confirmation. */
  synchronized long keptReplyBytes() {
    return keptBytes;
  }

  /**
   * Waits until every message received was ACKed or abandoned, or the deadline passed; true when settled. A reply
   * whose COMMIT may have reached the broker counts as settled: if it did not, the broker redelivers the message.
   */
  synchronized boolean awaitSettled(long deadlineNanos) throws InterruptedException {
    while (unfinished() > 0) {
      long left = deadlineNanos - nanoClock.getAsLong();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private static boolean mayBeDone(Entry entry) {
    return entry.state == State.REPLY_PENDING && entry.mayBeCommitted && !entry.sending;
  }

  private void forget(String messageId) {
    Entry entry = open.remove(messageId);
    if (entry != null) {
      dropReply(entry);
    }
  }

  private void dropReply(Entry entry) {
    if (entry.reply != null) {
      keptBytes -= entry.reply.body().length;
      keptReplies--;
      entry.reply = null;
    }
  }

  /**
   * Over the bounds, the oldest kept replies nobody is sending go, those whose COMMIT may have happened first: if
   * their message comes back, it runs again (at least once, as after a restart).
   */
  private void dropOverflow() {
    for (boolean committedOnly : new boolean[] {true, false}) {
      Iterator<Entry> entries = open.values().iterator();
      while (overBounds() && entries.hasNext()) {
        Entry entry = entries.next();
        if (entry.state == State.REPLY_PENDING && !entry.sending && (entry.mayBeCommitted || !committedOnly)) {
          dropReply(entry);
          entries.remove();
        }
      }
    }
  }

  private boolean overBounds() {
    return keptBytes > settings.keptReplyBytes() || keptReplies > settings.keptReplies();
  }

  private void purgeExpired() {
    long now = nanoClock.getAsLong();
    long rememberNanos = settings.rememberFor().toNanos();
    Iterator<Map.Entry<String, Long>> oldest = acked.entrySet().iterator();
    while (oldest.hasNext()) {
      if (now - oldest.next().getValue() <= rememberNanos) {
        break;
      }
      oldest.remove();
    }
    // A reply that was never confirmed and whose message never came back was committed, or went to another consumer.
    Iterator<Entry> entries = open.values().iterator();
    while (entries.hasNext()) {
      Entry entry = entries.next();
      if (entry.state != State.RUNNING && !entry.sending && now - entry.since > rememberNanos) {
        dropReply(entry);
        entries.remove();
      }
    }
  }
}
