package org.fnmisp.stomp;

/**
 * A STOMP operation failed: not connected, the connection or TLS handshake failed, the broker answered with an
 * ERROR frame, or a receipt did not arrive in time. The message names the broker as {@code host:port} and what
 * failed; it never contains the passcode.
 */
public class StompException extends Exception {

  private static final long serialVersionUID = 1L;

  /** False when retrying cannot help (login rejected, TLS certificate not accepted). */
  private final boolean retryable;

  public StompException(String message) {
    this(message, null, true);
  }

  public StompException(String message, Throwable cause) {
    this(message, cause, true);
  }

  StompException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  boolean isRetryable() {
    return retryable;
  }
}
