package org.fnmisp.worker;

import java.time.Duration;

/**
 * How the worker runs functions.
 *
 * @param numWorkers threads running functions at once ({@code [resilient] num_workers}, 1..2000)
 * @param prefetch messages the broker may hand this process before it ACKs ({@code stomp_prefetch_limit});
 *     keep it at most {@code numWorkers}, as messages are ACKed only when their reply is confirmed
 * @param deliveryAttempts how often a final reply or ACK is tried on one connection before waiting for the broker
 *     to redeliver the message ({@code stomp_max_retries} + 1)
 * @param replyTimeout how long to wait for the broker's receipt of a final reply
 * @param rememberFor how long a replied message id is remembered, so a redelivery is ACKed instead of run again
 * @param rememberAtMost how many replied message ids are remembered at most
 */
public record WorkerSettings(
    int numWorkers,
    int prefetch,
    int deliveryAttempts,
    Duration replyTimeout,
    Duration rememberFor,
    int rememberAtMost) {

  public WorkerSettings {
    atLeastOne("numWorkers", numWorkers);
    atLeastOne("prefetch", prefetch);
    atLeastOne("deliveryAttempts", deliveryAttempts);
    atLeastOne("rememberAtMost", rememberAtMost);
  }

  public static WorkerSettings defaults(int numWorkers, int prefetch) {
    return new WorkerSettings(numWorkers, prefetch, 4, Duration.ofSeconds(30), Duration.ofHours(1), 20_000);
  }

  private static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
