package org.fnmisp.worker;

import java.time.Duration;

/**
 * How the worker runs functions.
 *
 * @param numWorkers threads running functions at once ({@code [resilient] num_workers}, 1..2000)
 * @param prefetch messages the broker may hand this process before it ACKs ({@code stomp_prefetch_limit}); the
 *     worker uses at most {@code numWorkers} and at most {@link #MAX_SUBSCRIPTIONS} (with a WARN), as messages are
 *     ACKed only when their reply is confirmed
 * @param deliveryAttempts how often the broker may refuse the reply of one message (a failed COMMIT) before the
 *     message is handed to the broker's dead-letter queue ({@code stomp_max_retries} + 1)
 * @param replyTimeout how long to wait for the broker's receipt of a final reply
 * @param rememberFor how long an acknowledged message id, or a reply the broker has not confirmed, is kept
 * @param rememberAtMost how many acknowledged message ids are remembered at most
 * @param keptReplies how many replies waiting for the broker's confirmation are kept at most
 * @param keptReplyBytes how many bytes of such replies are kept at most
 */
public record WorkerSettings(
    int numWorkers,
    int prefetch,
    int deliveryAttempts,
    Duration replyTimeout,
    Duration rememberFor,
    int rememberAtMost,
    int keptReplies,
    long keptReplyBytes) {

  /**
   * The most subscriptions (messages in flight) per process: ActiveMQ's COMMIT walks every subscription of the
   * connection, so its CPU per call grows with them (about 1 ms per call with 25, about 2 ms with 2000).
   */
  public static final int MAX_SUBSCRIPTIONS = 200;

  public static final Duration DEFAULT_REMEMBER_FOR = Duration.ofMinutes(10);
  /**
   * Acknowledged ids are remembered to recognise a redelivery after a lost ACK, which comes right after the reconnect
   * (within about a second): 10,000 ids cover the last 22 s at 450 calls/s, and hold about 2 MB.
   */
  public static final int DEFAULT_REMEMBER_AT_MOST = 10_000;
  public static final int DEFAULT_KEPT_REPLIES = 1_000;
  public static final long DEFAULT_KEPT_REPLY_BYTES = 128L * 1024 * 1024;

  public WorkerSettings {
    atLeastOne("numWorkers", numWorkers);
    atLeastOne("prefetch", prefetch);
    atLeastOne("deliveryAttempts", deliveryAttempts);
    atLeastOne("rememberAtMost", rememberAtMost);
    atLeastOne("keptReplies", keptReplies);
    if (keptReplyBytes < 1) {
      throw new IllegalArgumentException("keptReplyBytes must be at least 1, got " + keptReplyBytes);
    }
  }

  /** With the default memory bounds. */
  public WorkerSettings(int numWorkers, int prefetch, int deliveryAttempts, Duration replyTimeout, Duration rememberFor,
      int rememberAtMost) {
    this(numWorkers, prefetch, deliveryAttempts, replyTimeout, rememberFor, rememberAtMost, DEFAULT_KEPT_REPLIES,
        DEFAULT_KEPT_REPLY_BYTES);
  }

  public static WorkerSettings defaults(int numWorkers, int prefetch) {
    return new WorkerSettings(numWorkers, prefetch, 4, Duration.ofSeconds(30), DEFAULT_REMEMBER_FOR,
        DEFAULT_REMEMBER_AT_MOST);
  }

  /** The subscriptions per queue actually used: {@code prefetch}, but at most {@code numWorkers} and the cap. */
  public int subscriptions() {
    return Math.min(prefetch, Math.min(numWorkers, MAX_SUBSCRIPTIONS));
  }

  private static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
