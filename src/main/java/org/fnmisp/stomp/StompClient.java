package org.fnmisp.stomp;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A STOMP 1.2 client that stays connected: it connects in the background, re-subscribes after every reconnect and
 * reports each connection as an epoch (1, 2, ...). Thread-safe: any thread may send, ACK or subscribe at any time.
 * Two named daemon threads do the work: {@code stomp-reconnect} (connect, backoff, outgoing heart-beats) and one
 * {@code stomp-reader} per connection (frames in, heart-beat timeout).
 */
public final class StompClient implements AutoCloseable {

  private static final long STABLE_CONNECTION_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final Logger log = LoggerFactory.getLogger("org.fnmisp.stomp");

  private record Subscription(String destination, Map<String, String> extraHeaders) {}

  private final StompSettings settings;
  private final StompListener listener;
  private final Receipts receipts = new Receipts();
  private final StompReader reader;
  private final Object lock = new Object();
  /** By id, in subscribe order; guarded by {@code lock} together with {@code current}. */
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private volatile StompConnection current;
  private volatile StompConnection connecting;
  private volatile long epoch;
  private volatile boolean closed;
  private StompException lastFailure;
  private Thread reconnectThread;
  private volatile Thread readerThread;

  public StompClient(StompSettings settings, StompListener listener) {
    this.settings = settings;
    this.listener = listener;
    this.reader = new StompReader(settings.address(), listener, receipts);
  }

  /** Connects in the background and keeps reconnecting (backoff, reset after success) until close(). */
  public void start() {
    synchronized (lock) {
      if (reconnectThread != null || closed) {
        throw new IllegalStateException("the STOMP client for " + settings.address() + " was already started");
      }
      reconnectThread = daemon("stomp-reconnect", this::connectLoop);
      reconnectThread.start();
    }
  }

  /** Blocks until connected or throws StompException (timeout, refused, TLS failure, ERROR frame) with a clear message. */
  public void awaitConnected(Duration timeout) throws StompException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!isConnected()) {
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
  public void subscribe(String destination, String id, Map<String, String> extraHeaders) {
    Subscription subscription = new Subscription(destination, Map.copyOf(extraHeaders));
    synchronized (lock) {
      subscriptions.put(id, subscription);
      StompConnection connection = current;
      if (connection != null) {
        writeOrDrop(connection, "SUBSCRIBE", subscribeHeaders(id, subscription));
      }
    }
  }

  /** Forgets the subscription; sends UNSUBSCRIBE if connected. */
  public void unsubscribe(String id) {
    synchronized (lock) {
      StompConnection connection = current;
      if (subscriptions.remove(id) != null && connection != null) {
        writeOrDrop(connection, "UNSUBSCRIBE", Map.of("id", id));
      }
    }
  }

  /** Fire-and-forget SEND with content-length; throws StompException when not connected or the write fails. */
  public void send(String destination, Map<String, String> headers, byte[] body) throws StompException {
    StompConnection connection = connected("send to " + destination);
    try {
      connection.write("SEND", sendHeaders(destination, headers, null), body);
    } catch (IOException e) {
      throw writeFailed(connection, "SEND to " + destination, e);
    }
  }

  /**
   * SEND with a receipt header; completes when RECEIPT arrives; completes exceptionally (StompException) on ERROR, on
   * connection loss before the receipt, or after receiptTimeout. Never hangs.
   */
  public CompletableFuture<Void> sendWithReceipt(String destination, Map<String, String> headers, byte[] body) {
    StompConnection connection;
    try {
      connection = connected("send to " + destination);
    } catch (StompException e) {
      return CompletableFuture.failedFuture(e);
    }
    String receipt = receipts.nextId();
    String what = "SEND to " + destination + " via " + settings.address();
    // A broker that stops confirming is as good as dead, and a writer blocked on its full socket would hang every
    // sender: closing the connection unblocks it, and the broker redelivers what was not acknowledged.
    CompletableFuture<Void> done = receipts.expect(receipt, connection.epoch(), settings.receiptTimeout(), what,
        () -> connection.close("no RECEIPT for " + what + " within " + settings.receiptTimeout().toMillis() + " ms"));
    try {
      connection.write("SEND", sendHeaders(destination, headers, receipt), body);
    } catch (IOException e) {
      receipts.fail(receipt, writeFailed(connection, what, e));
    }
    return done;
  }

  /**
   * ACK id:<ackId> (STOMP 1.2); only valid on the connection (epoch) the MESSAGE came from: throws StompException when
   * not connected or when epoch != current epoch.
   */
  public void ack(String ackId, long epoch) throws StompException {
    StompConnection connection = connected("ACK " + ackId);
    if (connection.epoch() != epoch) {
      throw new StompException("cannot ACK " + ackId + " at " + settings.address() + ": it arrived on connection "
          + epoch + ", now on connection " + connection.epoch() + " (the broker redelivers it)");
    }
    try {
      connection.write("ACK", Map.of("id", ackId), new byte[0]);
    } catch (IOException e) {
      throw writeFailed(connection, "ACK " + ackId, e);
    }
  }

  public boolean isConnected() {
    StompConnection connection = current;
    return connection != null && connection.isOpen();
  }

  /** The number of the current (or last) connection; 0 before the first CONNECTED. */
  public long epoch() {
    return epoch;
  }

  /** DISCONNECT with receipt (waits up to timeout), closes the socket, stops reconnecting and all threads. */
  public void close(Duration timeout) {
    Thread reconnect;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      reconnect = reconnectThread;
      lock.notifyAll();
    }
    StompConnection connection = current;
    if (connection != null && connection.isOpen()) {
      disconnect(connection, timeout);
    }
    StompConnection pending = connecting;
    if (pending != null) {
      pending.close("closed by the client");
    }
    join(reconnect, timeout);
    join(readerThread, timeout);
    receipts.failAll("the STOMP client for " + settings.address() + " was closed before the RECEIPT arrived");
  }

  /** close(Duration.ofSeconds(5)). */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void disconnect(StompConnection connection, Duration timeout) {
    String receipt = receipts.nextId();
    CompletableFuture<Void> done = receipts.expect(receipt, connection.epoch(), timeout,
        "DISCONNECT from " + settings.address(), () -> {});
    try {
      connection.write("DISCONNECT", Map.of("receipt", receipt), new byte[0]);
      if (Thread.currentThread() == readerThread) {
        // Called from onMessage: this thread would be the one to read the RECEIPT, so waiting cannot succeed.
        connection.close("closed by the client");
        return;
      }
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.debug("Disconnected from the STOMP broker at {}", settings.address());
    } catch (IOException | ExecutionException | TimeoutException e) {
      log.debug("No clean DISCONNECT from {}: {}", settings.address(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close("closed by the client");
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
        if (!pause(settings.reconnectBackoff().delay(attempt++))) {
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
      if (!pause(settings.reconnectBackoff().delay(attempt))) {
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
      for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
        if (!writeOrDrop(connection, "SUBSCRIBE", subscribeHeaders(entry.getKey(), entry.getValue()))) {
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

  private StompConnection connected(String action) throws StompException {
    StompConnection connection = current;
    if (connection == null || !connection.isOpen()) {
      throw new StompException("cannot " + action + ": not connected to the STOMP broker at " + settings.address());
    }
    return connection;
  }

  private StompException writeFailed(StompConnection connection, String what, IOException e) {
    connection.close("write failed: " + e);
    return new StompException(what + " via " + settings.address() + " failed: " + e.getMessage(), e);
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

  private static Map<String, String> subscribeHeaders(String id, Subscription subscription) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("destination", subscription.destination());
    headers.put("id", id);
    headers.putAll(subscription.extraHeaders());
    return headers;
  }

  private static Map<String, String> sendHeaders(String destination, Map<String, String> extra, String receipt) {
    Map<String, String> headers = new LinkedHashMap<>(extra.size() + 3);
    headers.put("destination", destination);
    headers.putAll(extra);
    if (receipt != null) {
      headers.put("receipt", receipt);
    }
    return headers;
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
