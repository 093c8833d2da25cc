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
    TLS_REJECTED
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

  /** False when trying again cannot help: the broker rejected the login, or its certificate is not trusted. */
  public boolean isRetryable() {
    return kind == Kind.TRANSIENT;
  }
}
