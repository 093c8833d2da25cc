package org.fnmisp.stomp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The receipts we are waiting for. Each wait ends: with the RECEIPT, with an ERROR naming it, when its connection
 * ends, or at its timeout. The futures handed out complete exceptionally with a {@link StompException}.
 */
final class Receipts {

  private record Pending(long epoch, CompletableFuture<Void> future) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  String nextId() {
    return "r-" + ids.incrementAndGet();
  }

  /**
   * Registers a wait for {@code id}; {@code what} describes the frame for the timeout message (asked only then),
   * {@code onTimeout} runs
   * when the receipt is overdue.
   */
  CompletableFuture<Void> expect(String id, long epoch, Duration timeout, Supplier<String> what,
      Runnable onTimeout) {
    CompletableFuture<Void> raw = new CompletableFuture<>();
    pending.put(id, new Pending(epoch, raw));
    raw.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return raw.handle((ignored, failure) -> {
      pending.remove(id);
      if (failure == null) {
        return null;
      }
      if (failure instanceof TimeoutException) {
        onTimeout.run();
        throw new CompletionException(new StompException("no RECEIPT for " + what.get() + " within "
            + timeout.toMillis() + " ms"));
      }
      throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
    });
  }

  void received(String id) {
    Pending waiting = id == null ? null : pending.get(id);
    if (waiting != null) {
      waiting.future().complete(null);
    }
  }

  /** Fails the wait for {@code id}; false when nobody waits for it. */
  boolean fail(String id, StompException failure) {
    Pending waiting = id == null ? null : pending.get(id);
    return waiting != null && waiting.future().completeExceptionally(failure);
  }

  /** Fails every wait that belongs to connection {@code epoch}: its RECEIPT can no longer arrive. */
  void failEpoch(long epoch, String reason) {
    pending.values().stream().filter(waiting -> waiting.epoch() == epoch)
        .forEach(waiting -> waiting.future().completeExceptionally(new StompException(reason)));
  }

  void failAll(String reason) {
    pending.values().forEach(waiting -> waiting.future().completeExceptionally(new StompException(reason)));
  }
}
