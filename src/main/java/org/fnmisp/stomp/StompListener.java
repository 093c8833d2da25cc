package org.fnmisp.stomp;

/**
 * Receives what a {@link StompClient} sees. Methods are called from the client's own threads: {@code onMessage} and
 * {@code onError} on the reader thread, {@code onConnected} and {@code onDisconnected} on the reconnect thread. None of
 * them may block; an exception thrown here is logged and otherwise ignored.
 */
public interface StompListener {

  /** After CONNECTED and after the remembered subscriptions were re-sent. epoch = connection number (1,2,...). */
  void onConnected(long epoch);

  /** A MESSAGE, called on the reader thread: must not block. */
  void onMessage(StompFrame message, long epoch);

  /** The connection ended (broker drop, heart-beat timeout, ERROR, IO error); reconnect follows unless closed. */
  void onDisconnected(long epoch, String reason);

  /** An ERROR frame (its message header and body), before the connection is closed. Default: no-op. */
  default void onError(StompFrame error) {}
}
