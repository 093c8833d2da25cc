package org.fnmisp.soar;

/**
 * A SOAR REST failure that stops start-up. The message names the URL or host and the cause, never a secret;
 * {@link #kind()} says what failed, which the command line turns into resilient-circuits' exit code.
 */
public final class SoarException extends Exception {

  /** What failed, in resilient-circuits' categories. */
  public enum Kind {
    /** Any other REST failure: unreachable host, timeout, unexpected HTTP status or body. */
    GENERIC,
    /** HTTP 401: the API key or user was rejected, blocked or banned. */
    UNAUTHORIZED,
    /** The server certificate is not trusted: {@code cafile} lacks its CA (or is needed). */
    CA_FILE,
    /** Any other TLS failure: host name mismatch, expired certificate, failed handshake. */
    TLS,
    /** The configured org is not one of the principal's orgs, or it is disabled. */
    ORG
  }

  private static final long serialVersionUID = 1L;

  private final Kind kind;

  public SoarException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  SoarException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
