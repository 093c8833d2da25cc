package org.fnmisp.stomp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * The body of a {@code stomp-reader} thread: reads frames until the connection ends and hands each one on without
 * a thread hop: MESSAGE to the listener, RECEIPT and ERROR to the waiting receipts. A read timeout means the broker
 * was silent for twice the heart-beat interval; the connection is then closed with that reason. Whatever ends the
 * loop, an {@link Error} (out of memory, say) included, closes the connection, so the reconnect thread notices and
 * connects again: a dead reader never leaves the client looking connected while nothing is read.
 */
final class StompReader {

  private static final Logger log = Loggers.STOMP;

  private final String address;
  private final StompListener listener;
  private final Receipts receipts;

  StompReader(String address, StompListener listener, Receipts receipts) {
    this.address = address;
    this.listener = listener;
    this.receipts = receipts;
  }

  void run(StompConnection connection) {
    String reason;
    try {
      for (StompFrame frame = connection.read(); frame != null; frame = connection.read()) {
        dispatch(frame, connection.epoch());
      }
      reason = "the broker closed the connection";
    } catch (SocketTimeoutException e) {
      reason = "heart-beat timeout: nothing received for " + connection.silenceLimit().toMillis() + " ms";
    } catch (StompProtocolException e) {
      reason = "STOMP protocol error: " + e.getMessage();
      log.error("Dropping the STOMP connection to {}: {}", address, reason);
    } catch (IOException e) {
      reason = connection.isOpen() ? "read failed: " + e : "closed";
    } catch (RuntimeException | Error e) {
      reason = "the STOMP reader failed: " + e;
      log.error("Dropping the STOMP connection to {} to start afresh: the reader thread failed", address, e);
    }
    connection.close(reason);
  }

  private void dispatch(StompFrame frame, long epoch) {
    switch (frame.command()) {
      case "MESSAGE" -> safely(() -> listener.onMessage(frame, epoch));
      case "RECEIPT" -> receipts.received(frame.header("receipt-id"));
      case "ERROR" -> onError(frame);
      default -> log.debug("Ignoring a {} frame from {}", frame.command(), address);
    }
  }

  /**
   * The spec says the broker closes the connection after an ERROR; ActiveMQ keeps it open for errors it considers
   * harmless (a refused SEND, an unknown ACK). We leave that decision to the broker rather than dropping every
   * in-flight message ourselves.
   */
  private void onError(StompFrame error) {
    String message = error.header("message");
    String text = "the STOMP broker at " + address + " sent ERROR: " + message + firstLine(error.bodyText(), message);
    log.warn("{}", text);
    safely(() -> listener.onError(error));
    receipts.fail(error.header("receipt-id"), new StompException(text, null, StompException.Kind.REFUSED));
  }

  /** The body's first line (ActiveMQ puts a stack trace below it), unless it only repeats the message. */
  private static String firstLine(String body, String message) {
    String trimmed = body.strip();
    int end = trimmed.indexOf('\n');
    String line = end < 0 ? trimmed : trimmed.substring(0, end).strip();
    if (line.isEmpty() || line.equals(message)) {
      return "";
    }
    return " (" + (line.length() > 300 ? line.substring(0, 300) + "..." : line) + ")";
  }

  /**
   * Runs a listener call; a listener that throws an exception is logged and must not kill our thread. An Error
   * passes: the reader then drops the connection and the client reconnects.
   */
  static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.error("The STOMP listener failed; continuing", e);
    }
  }
}
