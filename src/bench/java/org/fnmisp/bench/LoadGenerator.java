package org.fnmisp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.fnmisp.config.Secret;
import org.fnmisp.json.Json;
import org.fnmisp.retry.Backoff;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompFrame;
import org.fnmisp.stomp.StompListener;
import org.fnmisp.stomp.StompSettings;

/**
 * Plays SOAR: sends function messages (persistent, {@code reply-to}, {@code correlation-id:invid:<n>},
 * {@code Co3MessagePayload:FunctionDataDTO}) with at most C unanswered, and collects every reply on its own queue.
 * A send the broker did not confirm with a RECEIPT (broker down) is sent again after the reconnect, under the same
 * correlation id; such ids are excluded from the duplicate count, which then only counts fn-misp's own duplicates.
 */
final class LoadGenerator implements StompListener, AutoCloseable {

  private final StompClient client;
  private final String queue;
  private final String replyQueue = "/queue/bench.replies." + UUID.randomUUID();
  private final AtomicLong nextId = new AtomicLong(1);
  private volatile Window window;

  LoadGenerator(int brokerPort, String queue) throws StompException {
    this.queue = queue;
    StompSettings settings = new StompSettings("127.0.0.1", brokerPort, false, null, "bench", Secret.of(""),
        StompSettings.DEFAULT_HEART_BEAT, Duration.ofSeconds(30), Duration.ofSeconds(30),
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.0, new Random()::nextDouble));
    client = new StompClient(settings, this);
    client.subscribe(replyQueue, "replies", Map.of("ack", "auto"));
    client.start();
    client.awaitConnected(Duration.ofSeconds(30));
  }

  /**
   * Sends {@code n} calls of {@code function} with at most {@code concurrency} unanswered, waits until every one was
   * answered or nothing arrived for {@code drainTimeout}, then for {@code duplicateGrace} more to catch duplicates.
   * {@code halfway} (may be null) runs on its own thread once half the calls were sent.
   */
  Window run(String function, ObjectNode inputs, int n, int concurrency, Duration drainTimeout,
      Duration duplicateGrace, Runnable halfway) throws InterruptedException {
    Window current = new Window(nextId.getAndAdd(n), n, concurrency);
    window = current;
    Thread resender = new Thread(() -> resendLoop(current, function, inputs), "bench-resend");
    resender.setDaemon(true);
    resender.start();
    current.startNanos = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (!current.permits.tryAcquire(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        break; // stalled: the unanswered ones are reported as lost
      }
      if (halfway != null && i == n / 2) {
        Thread trigger = new Thread(halfway, "bench-halfway");
        trigger.setDaemon(true);
        trigger.start();
      }
      current.sendNanos[i] = System.nanoTime();
      current.sent.incrementAndGet();
      send(current, i, function, inputs);
    }
    long quietSince = System.nanoTime();
    long answered = current.unique.sum();
    while (answered < current.sent.get() && System.nanoTime() - quietSince < drainTimeout.toNanos()) {
      Thread.sleep(5);
      long now = current.unique.sum();
      if (now != answered) {
        answered = now;
        quietSince = System.nanoTime();
      }
    }
    Thread.sleep(duplicateGrace.toMillis());
    resender.interrupt();
    window = null;
    return current;
  }

  private void send(Window current, int index, String function, ObjectNode inputs) {
    long id = current.firstId + index;
    ObjectNode body = Json.object();
    body.putObject("function").put("name", function);
    body.set("inputs", inputs);
    body.putObject("workflow_instance").put("workflow_instance_id", id);
    Map<String, String> headers = Map.of(
        "reply-to", replyQueue,
        "correlation-id", "invid:" + id,
        "Co3MessagePayload", "FunctionDataDTO",
        "Co3ContentType", "application/json",
        "persistent", System.getProperty("bench.persistent", "true"));
    client.sendWithReceipt(queue, headers, Json.writeBytes(body)).whenComplete((ok, failure) -> {
      if (failure != null) {
        current.resends.add(index);
      }
    });
  }

  private void resendLoop(Window current, String function, ObjectNode inputs) {
    try {
      while (true) {
        int index = current.resends.take();
        awaitConnection();
        if (current.replies.get(index) == 0) {
          current.resent.set(index, 1);
          send(current, index, function, inputs);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitConnection() throws InterruptedException {
    while (true) {
      try {
        client.awaitConnected(Duration.ofSeconds(1));
        return;
      } catch (StompException e) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }
  }

  @Override
  public void onMessage(StompFrame message, long epoch) {
    long now = System.nanoTime();
    Window current = window;
    String correlation = message.header("correlation-id");
    if (current == null || correlation == null || !correlation.startsWith("invid:")) {
      return;
    }
    int index = (int) (Long.parseLong(correlation.substring(6)) - current.firstId);
    if (index < 0 || index >= current.n) {
      current.stray.increment();
      return;
    }
    JsonNode body = Json.parse(message.body(), "reply");
    if (!body.path("complete").asBoolean(false)) {
      current.statuses.increment();
      return;
    }
    if (current.replies.incrementAndGet(index) > 1) {
      // The broker delivering the same stored reply twice (its message-id repeats) is the consumer side's
      // at-least-once, not a second reply from fn-misp: only a new message-id counts as a duplicate.
      if (!current.seenReplyIds.contains(message.header("message-id"))) {
        current.duplicates.increment();
      } else {
        current.redelivered.increment();
      }
      return;
    }
    current.seenReplyIds.add(message.header("message-id"));
    current.latencyNanos[index] = now - current.sendNanos[index];
    if (body.path("message_type").asInt() != 0) {
      current.errors.increment();
      current.lastError = body.path("message").asText();
    }
    current.finalReplyNanos.accumulateAndGet(now, Math::max);
    current.finalReplies.add(now);
    current.unique.increment();
    current.permits.release();
  }

  @Override
  public void onConnected(long epoch) {}

  @Override
  public void onDisconnected(long epoch, String reason) {}

  @Override
  public void close() {
    client.close();
  }

  /** What one run saw. Arrays are indexed by call number within the window. */
  static final class Window {
    final long firstId;
    final int n;
    final Semaphore permits;
    final long[] sendNanos;
    final long[] latencyNanos;
    final AtomicIntegerArray replies;
    final AtomicIntegerArray resent;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong finalReplyNanos = new AtomicLong();
    final LinkedBlockingQueue<Integer> resends = new LinkedBlockingQueue<>();
    final java.util.concurrent.ConcurrentLinkedQueue<Long> finalReplies =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    final LongAdder unique = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder redelivered = new LongAdder();
    final java.util.Set<String> seenReplyIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final LongAdder statuses = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder stray = new LongAdder();
    volatile String lastError;
    volatile long startNanos;

    Window(long firstId, int n, int concurrency) {
      this.firstId = firstId;
      this.n = n;
      this.permits = new Semaphore(concurrency);
      this.sendNanos = new long[n];
      this.latencyNanos = new long[n];
      this.replies = new AtomicIntegerArray(n);
      this.resent = new AtomicIntegerArray(n);
    }

    /** Final replies for calls that were never re-sent, beyond the first one. */
    long duplicatesOfUniqueSends() {
      long extra = 0;
      for (int i = 0; i < n; i++) {
        if (resent.get(i) == 0 && replies.get(i) > 1) {
          extra += replies.get(i) - 1;
        }
      }
      return extra;
    }

    long resentCount() {
      long count = 0;
      for (int i = 0; i < n; i++) {
        count += resent.get(i);
      }
      return count;
    }

    /** The first final reply at or after {@code nanos}, or -1. */
    long firstReplyAfter(long nanos) {
      long first = Long.MAX_VALUE;
      for (long at : finalReplies) {
        if (at >= nanos && at < first) {
          first = at;
        }
      }
      return first == Long.MAX_VALUE ? -1 : first;
    }
  }
}
