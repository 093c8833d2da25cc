package org.fnmisp.stomp;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * Keeps a {@link StompClient} connected: the {@code stomp-reconnect} thread connects, re-sends the remembered
 * subscriptions, starts a {@code stomp-reader} per connection, sends heart-beats the broker asks for, and after a loss
 * waits with backoff and connects again, until closed. Each connection is numbered (its epoch).
 *
 * <p>Every SUBSCRIBE asks for a receipt. A SUBSCRIBE the broker refuses (the login may not read the queue) fails
 * {@link #awaitConnected} while the client has not yet been fully subscribed once (so {@code run} can stop at
 * start-up); later it is tried again with the reconnect backoff, so access granted while fn-misp runs takes effect
 * without a restart.
 */
final class Reconnector {

  private static final long STABLE_CONNECTION_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final Logger log = Loggers.STOMP;

  private record Subscription(String destination, Map<String, String> extraHeaders) {}

  private final StompSettings settings;
  private final StompListener listener;
  private final Receipts receipts;
  private final StompReader reader;
  private final Object lock = new Object();
  /** By id, in subscribe order; guarded by {@code lock} together with {@code current}. */
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  /** Subscriptions of the current connection whose RECEIPT has not come yet; guarded by {@code lock}. */
  private final Set<String> unconfirmed = new HashSet<>();
  private boolean everSubscribed;
  /** "epoch destination" of the refusals logged: one line per queue and connection, not one per subscription. */
  private final Set<String> refusalsLogged = ConcurrentHashMap.newKeySet();
  private volatile StompConnection current;
  private volatile StompConnection connecting;
  private volatile long epoch;
  private volatile boolean closed;
  private StompException lastFailure;
  private Thread reconnectThread;
  private volatile Thread readerThread;

  Reconnector(StompSettings settings, StompListener listener, Receipts receipts) {
    this.settings = settings;
    this.listener = listener;
    this.receipts = receipts;
    this.reader = new StompReader(settings.address(), listener, receipts);
  }

  /** Connects in the background and keeps reconnecting (backoff, reset after success) until close(). */
  void start() {
    synchronized (lock) {
      if (reconnectThread != null || closed) {
        throw new IllegalStateException("the STOMP client for " + settings.address() + " was already started");
      }
      reconnectThread = daemon("stomp-reconnect", this::connectLoop);
      reconnectThread.start();
    }
  }

  /**
   * Blocks until connected and every subscription confirmed, or throws StompException (timeout, refused, TLS failure,
   * ERROR frame, a refused SUBSCRIBE) with a clear message.
   */
  void awaitConnected(Duration timeout) throws StompException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!isConnected() || !unconfirmed.isEmpty()) {
        if (closed) {
          throw new StompException("the STOMP client for " + settings.address() + " is closed");
        }
        if (lastFailure != null && !lastFailure.isRetryable()) {
          throw new StompException(lastFailure.getMessage(), lastFailure, lastFailure.kind());
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          String why = lastFailure == null ? "no answer yet" : lastFailure.getMessage();
          throw new StompException("not connected to the STOMP broker at " + settings.address() + " after "
              + timeout.toMillis() + " ms: " + why, lastFailure);
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StompException("interrupted while waiting for the STOMP broker at " + settings.address(), e);
        }
      }
    }
  }

  /** Remembered and re-sent after every reconnect; sent now if connected. No receipt. */
  void subscribe(String destination, String id, Map<String, String> extraHeaders) {
    Subscription subscription = new Subscription(destination, Map.copyOf(extraHeaders));
    synchronized (lock) {
      subscriptions.put(id, subscription);
      StompConnection connection = current;
      if (connection != null) {
        subscribeOn(connection, id, subscription, 1);
      }
    }
  }

  /** Forgets the subscription; sends UNSUBSCRIBE if connected. */
  void unsubscribe(String id) {
    synchronized (lock) {
      StompConnection connection = current;
      unconfirmed.remove(id);
      lock.notifyAll();
      if (subscriptions.remove(id) != null && connection != null) {
        writeOrDrop(connection, "UNSUBSCRIBE", Map.of("id", id));
      }
    }
  }

  private boolean isConnected() {
    StompConnection connection = current;
    return connection != null && connection.isOpen();
  }

  /** The open connection, or null while (re)connecting or after close. */
  StompConnection current() {
    return current;
  }

  long epoch() {
    return epoch;
  }

  boolean onReaderThread() {
    return Thread.currentThread() == readerThread;
  }

  /** Stops reconnecting; false when it was stopped already. */
  boolean stop() {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      closed = true;
      lock.notifyAll();
      return true;
    }
  }

  /** After {@link #stop()} (and the caller's DISCONNECT): ends a connect in progress and waits for the threads. */
  void awaitStopped(Duration timeout) {
    StompConnection pending = connecting;
    if (pending != null) {
      pending.close("closed by the client");
    }
    Thread reconnect;
    synchronized (lock) {
      reconnect = reconnectThread;
    }
    join(reconnect, timeout);
    join(readerThread, timeout);
  }

  private void connectLoop() {
    int attempt = 0;
    while (!closed) {
      StompConnection connection = new StompConnection(settings, epoch + 1);
      connecting = connection;
      try {
        if (closed) {
          break;
        }
        connection.open();
      } catch (StompException e) {
        connecting = null;
        if (closed) {
          break;
        }
        recordFailure(e, attempt);
        if (!pause(settings.reconnectBackoff().delay(++attempt))) {
          break;
        }
        continue;
      }
      connecting = null;
      long opened = System.nanoTime();
      if (activate(connection)) {
        runUntilClosed(connection);
      }
      // Only a connection that lasted counts as a success: a broker that accepts and then drops us at once would
      // otherwise be hammered at the first-retry rate for ever.
      attempt = System.nanoTime() - opened > STABLE_CONNECTION_NANOS ? 0 : attempt + 1;
      if (!pause(settings.reconnectBackoff().delay(attempt + 1))) {
        break;
      }
    }
  }

  private void recordFailure(StompException failure, int attempt) {
    synchronized (lock) {
      lastFailure = failure;
      lock.notifyAll();
    }
    if (attempt == 0) {
      log.warn("STOMP connection failed, retrying in the background: {}", failure.getMessage());
    } else {
      log.debug("STOMP reconnect attempt {} failed: {}", attempt + 1, failure.getMessage());
    }
  }

  /** Makes the new connection current after re-sending the subscriptions; false when it died or we closed. */
  private boolean activate(StompConnection connection) {
    synchronized (lock) {
      if (closed) {
        connection.close("closed by the client");
        return false;
      }
      unconfirmed.clear();
      refusalsLogged.clear();
      for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
        if (!subscribeOn(connection, entry.getKey(), entry.getValue(), 1)) {
          return false;
        }
      }
      epoch = connection.epoch();
      current = connection;
      lastFailure = null;
      lock.notifyAll();
      log.info("Connected to the STOMP broker at {} (connection {}, {} subscription(s))", settings.address(),
          connection.epoch(), subscriptions.size());
    }
    StompReader.safely(() -> listener.onConnected(connection.epoch()));
    readerThread = daemon("stomp-reader", () -> reader.run(connection));
    readerThread.start();
    return true;
  }

  /** Sends heart-beats if the broker wants them, until the connection closes; then reports the loss. */
  private void runUntilClosed(StompConnection connection) {
    long every = connection.sendHeartBeatMillis();
    try {
      while (!connection.awaitClosed(every > 0 ? every : Long.MAX_VALUE)) {
        connection.writeHeartBeat();
      }
    } catch (IOException e) {
      connection.close("heart-beat write failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.close("interrupted");
    }
    synchronized (lock) {
      current = null;
    }
    String reason = connection.closeReason();
    receipts.failEpoch(connection.epoch(), "the connection to " + settings.address() + " ended before the RECEIPT: "
        + reason);
    if (closed) {
      log.info("STOMP connection to {} closed", settings.address());
    } else {
      log.warn("Lost the STOMP connection to {}: {}; reconnecting", settings.address(), reason);
    }
    StompReader.safely(() -> listener.onDisconnected(connection.epoch(), reason));
  }

  private boolean writeOrDrop(StompConnection connection, String command, Map<String, String> headers) {
    try {
      connection.write(command, headers, new byte[0]);
      return true;
    } catch (IOException e) {
      connection.close(command + " failed: " + e);
      return false;
    }
  }

  /** Sends SUBSCRIBE with a receipt (under {@code lock}); what the broker answers is handled when it comes. */
  private boolean subscribeOn(StompConnection connection, String id, Subscription subscription, int attempt) {
    String receipt = receipts.nextId();
    String what = "SUBSCRIBE to " + subscription.destination() + " at " + settings.address();
    @SuppressWarnings("FutureReturnValueIgnored") // subscribed() handles the failure of this future itself
    var unused = receipts.expect(receipt, connection.epoch(), settings.receiptTimeout(), () -> what,
        () -> connection.close("no RECEIPT for " + what + " within " + settings.receiptTimeout().toMillis() + " ms"))
        .whenComplete((ignored, failure) -> subscribed(connection, id, subscription, attempt, failure));
    unconfirmed.add(id);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("destination", subscription.destination());
    headers.put("id", id);
    headers.putAll(subscription.extraHeaders());
    headers.put("receipt", receipt);
    return writeOrDrop(connection, "SUBSCRIBE", headers);
  }

  @SuppressWarnings("ReferenceEquality") // the very connection and subscription this SUBSCRIBE was sent for
  private void subscribed(StompConnection connection, String id, Subscription subscription, int attempt,
      Throwable failure) {
    StompException refusal = refusal(failure);
    synchronized (lock) {
      if (connection != current || subscriptions.get(id) != subscription) {
        return; // a newer connection or subscription took over
      }
      if (refusal == null) {
        if (failure == null && unconfirmed.remove(id) && unconfirmed.isEmpty()) {
          everSubscribed = true;
          lastFailure = null;
        }
        lock.notifyAll();
        return;
      }
      if (!everSubscribed) {
        lastFailure = new StompException("cannot subscribe to " + subscription.destination() + ": "
            + refusal.getMessage(), refusal, StompException.Kind.SUBSCRIBE_REFUSED);
        lock.notifyAll();
      }
    }
    Duration delay = settings.reconnectBackoff().delay(attempt);
    if (attempt == 1 && refusalsLogged.add(connection.epoch() + " " + subscription.destination())) {
      log.error("The broker refused the subscription to {}: {}; fn-misp keeps trying, about once a second",
          subscription.destination(), refusal.getMessage());
    }
    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
      synchronized (lock) {
        if (!closed && connection == current && connection.isOpen() && subscriptions.get(id) == subscription) {
          subscribeOn(connection, id, subscription, attempt + 1);
        }
      }
    });
  }

  /** The broker's ERROR answer, or null when the wait ended otherwise (confirmed, connection lost, timeout). */
  private static StompException refusal(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof StompException e && e.kind() == StompException.Kind.REFUSED ? e : null;
  }

  /** Waits for the backoff delay; false when the client was closed meanwhile. */
  private boolean pause(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    synchronized (lock) {
      try {
        for (long left = delay.toMillis(); !closed && left > 0;
            left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
          lock.wait(left);
        }
      } catch (InterruptedException e) {
        return false;
      }
      return !closed;
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void join(Thread thread, Duration timeout) {
    if (thread == null || thread == Thread.currentThread()) {
      return;
    }
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
