package org.fnmisp.stomp;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * A STOMP 1.2 client that stays connected: it connects in the background, re-subscribes after every reconnect and
 * reports each connection as an epoch (1, 2, ...). Thread-safe: any thread may send, ACK or subscribe at any time.
 * This class puts frames on the current connection; {@link Reconnector} keeps one open.
 */
public final class StompClient implements AutoCloseable {

  private static final Logger log = Loggers.STOMP;
  private static final byte[] NO_BODY = new byte[0];

  private final StompSettings settings;
  private final Receipts receipts = new Receipts();
  private final Reconnector reconnector;

  public StompClient(StompSettings settings, StompListener listener) {
    this.settings = settings;
    this.reconnector = new Reconnector(settings, listener, receipts);
  }

  /** Connects in the background and keeps reconnecting (backoff, reset after a lasting connection) until close(). */
  public void start() {
    reconnector.start();
  }

  /**
   * Blocks until connected with every subscription confirmed by the broker, or throws StompException with a clear
   * message: timeout, refused, TLS failure, ERROR frame, or (kind SUBSCRIBE_REFUSED) a refused SUBSCRIBE.
   */
  public void awaitConnected(Duration timeout) throws StompException {
    reconnector.awaitConnected(timeout);
  }

  /**
   * Remembered and re-sent after every reconnect; sent now if connected. The broker confirms it (RECEIPT); one it
   * refuses is tried again with the reconnect backoff.
   */
  public void subscribe(String destination, String id, Map<String, String> extraHeaders) {
    reconnector.subscribe(destination, id, extraHeaders);
  }

  /** Forgets the subscription; sends UNSUBSCRIBE if connected. */
  public void unsubscribe(String id) {
    reconnector.unsubscribe(id);
  }

  /** Fire-and-forget SEND with content-length; throws StompException when not connected or the write fails. */
  public void send(String destination, Map<String, String> headers, byte[] body) throws StompException {
    StompConnection connection = connected("send to ", destination);
    try {
      connection.write("SEND", sendHeaders(destination, headers, Map.of()), body);
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
      connection = connected("send to ", destination);
    } catch (StompException e) {
      return CompletableFuture.failedFuture(e);
    }
    String receipt = receipts.nextId();
    return writeAwaitingReceipt(connection, receipt, () -> "SEND to " + destination + " via " + settings.address(),
        List.of(new StompConnection.Outgoing("SEND", sendHeaders(destination, headers, Map.of("receipt", receipt)),
            body)));
  }

  /**
   * Sends a message and ACKs {@code ackId} in one transaction: BEGIN, SEND, ACK and COMMIT (with a receipt) in one
   * write. The broker applies both or neither, so when the connection dies before the RECEIPT the message comes back
   * only if the reply was not stored either. (ActiveMQ marks a transaction rollback-only when a SEND in it fails, e.g.
   * not authorized, so the COMMIT then fails and nothing is ACKed.) Completes like {@link #sendWithReceipt}; fails at
   * once when the ACK id is from an earlier connection.
   */
  public CompletableFuture<Void> sendAndAck(String destination, Map<String, String> headers, byte[] body,
      String ackId, long epoch) {
    StompConnection connection;
    try {
      connection = connectedAt(epoch, "ACK ", ackId);
    } catch (StompException e) {
      return CompletableFuture.failedFuture(e);
    }
    String receipt = receipts.nextId();
    String transaction = "tx-" + receipt;
    Map<String, String> inTransaction = Map.of("transaction", transaction);
    return writeAwaitingReceipt(connection, receipt,
        () -> "COMMIT of a SEND to " + destination + " and ACK " + ackId + " via " + settings.address(), List.of(
            new StompConnection.Outgoing("BEGIN", inTransaction, NO_BODY),
            new StompConnection.Outgoing("SEND", sendHeaders(destination, headers, inTransaction), body),
            new StompConnection.Outgoing("ACK", Map.of("id", ackId, "transaction", transaction), NO_BODY),
            new StompConnection.Outgoing("COMMIT", Map.of("transaction", transaction, "receipt", receipt), NO_BODY)));
  }

  /**
   * {@code what} names the frames for a failure message, and is only called then (a reply's COMMIT is sent for every
   * call).
   */
  private CompletableFuture<Void> writeAwaitingReceipt(StompConnection connection, String receipt,
      Supplier<String> what, List<StompConnection.Outgoing> frames) {
    // A broker that stops confirming is as good as dead, and a writer blocked on its full socket would hang every
    // sender: closing the connection unblocks it, and the broker redelivers what was not acknowledged.
    CompletableFuture<Void> done = receipts.expect(receipt, connection.epoch(), settings.receiptTimeout(), what,
        () -> connection.close("no RECEIPT for " + what.get() + " within " + settings.receiptTimeout().toMillis()
            + " ms"));
    try {
      connection.write(frames);
    } catch (IOException e) {
      receipts.fail(receipt, writeFailed(connection, what.get(), e));
    }
    return done;
  }

  /**
   * ACK id:<ackId> (STOMP 1.2); only valid on the connection (epoch) the MESSAGE came from: throws StompException when
   * not connected or when epoch != current epoch.
   */
  public void ack(String ackId, long epoch) throws StompException {
    acknowledge("ACK", ackId, epoch);
  }

  /**
   * NACK id:<ackId>: the message cannot be processed. ActiveMQ treats a NACK as a poison acknowledgement and moves the
   * message to its dead-letter queue ({@code ActiveMQ.DLQ} unless the broker's dead-letter strategy says otherwise).
   * Same connection rule as {@link #ack}.
   */
  public void nack(String ackId, long epoch) throws StompException {
    acknowledge("NACK", ackId, epoch);
  }

  /** Sends ACK or NACK {@code id:<ackId>} on the connection of {@code epoch}. */
  private void acknowledge(String command, String ackId, long epoch) throws StompException {
    StompConnection connection = connectedAt(epoch, command + " ", ackId);
    try {
      connection.write(command, Map.of("id", ackId), NO_BODY);
    } catch (IOException e) {
      throw writeFailed(connection, command + " " + ackId, e);
    }
  }

  /**
   * Drops the current connection (if it is still {@code epoch}) and connects again as after any loss. After a failed
   * COMMIT this is the only way to get the message back: ActiveMQ keeps the failed transaction, and the message it
   * acknowledged, open until the connection ends, and has spent the message's ACK id.
   */
  public void reconnect(long epoch, String reason) {
    StompConnection connection = reconnector.current();
    if (connection != null && connection.epoch() == epoch) {
      connection.close(reason);
    }
  }

  public boolean isConnected() {
    StompConnection connection = reconnector.current();
    return connection != null && connection.isOpen();
  }

  /** The number of the current (or last) connection; 0 before the first CONNECTED. */
  public long epoch() {
    return reconnector.epoch();
  }

  /** DISCONNECT with receipt (waits up to timeout), closes the socket, stops reconnecting and all threads. */
  public void close(Duration timeout) {
    if (!reconnector.stop()) {
      return;
    }
    StompConnection connection = reconnector.current();
    if (connection != null && connection.isOpen()) {
      disconnect(connection, timeout);
    }
    reconnector.awaitStopped(timeout);
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
        () -> "DISCONNECT from " + settings.address(), () -> {});
    try {
      connection.write("DISCONNECT", Map.of("receipt", receipt), NO_BODY);
      if (reconnector.onReaderThread()) {
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

  /** The open connection; else fails naming {@code action + target} (joined only then: this runs for every frame). */
  private StompConnection connected(String action, String target) throws StompException {
    StompConnection connection = reconnector.current();
    if (connection == null || !connection.isOpen()) {
      throw new StompException("cannot " + action + target + ": not connected to the STOMP broker at "
          + settings.address());
    }
    return connection;
  }

  private StompConnection connectedAt(long epoch, String action, String target) throws StompException {
    StompConnection connection = connected(action, target);
    if (connection.epoch() != epoch) {
      throw new StompException("cannot " + action + target + " at " + settings.address()
          + ": it arrived on connection " + epoch + ", now on connection " + connection.epoch()
          + " (the broker redelivers it)");
    }
    return connection;
  }

  private StompException writeFailed(StompConnection connection, String what, IOException e) {
    connection.close("write failed: " + e);
    return new StompException(what + " via " + settings.address() + " failed: " + e.getMessage(), e);
  }

  private static Map<String, String> sendHeaders(String destination, Map<String, String> extra,
      Map<String, String> control) {
    Map<String, String> headers = new LinkedHashMap<>(extra.size() + 3);
    headers.put("destination", destination);
    headers.putAll(extra);
    headers.putAll(control);
    return headers;
  }
}
