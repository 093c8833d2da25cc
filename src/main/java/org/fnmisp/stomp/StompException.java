package org.fnmisp.stomp;

/**
 * A STOMP operation failed: not connected, the connection or TLS handshake failed, the broker answered with an
 * ERROR frame, or a receipt did not arrive in time. The message names the broker as {@code host:port} and what
 * failed; it never contains the passcode.
 */
public class StompException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why it failed, where it matters to the caller. */
  public enum Kind {
    /** Anything that may heal by itself: refused, unreachable, dropped, timed out. */
    TRANSIENT,
    /** The broker rejected the login: check the credentials. */
    LOGIN_REJECTED,
    /** The broker's TLS certificate was not accepted: check the trust settings. */
    TLS_REJECTED,
    /** The broker answered a frame with an ERROR (a refused SEND or COMMIT, say); the connection may well live on. */
    REFUSED,
    /** The broker refused a SUBSCRIBE when the client started: the login may not read the queue. */
    SUBSCRIBE_REFUSED
  }

  private final Kind kind;

  public StompException(String message) {
    this(message, null, Kind.TRANSIENT);
  }

  public StompException(String message, Throwable cause) {
    this(message, cause, Kind.TRANSIENT);
  }

  StompException(String message, Throwable cause, Kind kind) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * False when trying again cannot help by itself: the broker rejected the login, its certificate is not trusted, or
   * it refused to let the client read its queue.
   */
  public boolean isRetryable() {
    return kind == Kind.TRANSIENT || kind == Kind.REFUSED;
  }
}
