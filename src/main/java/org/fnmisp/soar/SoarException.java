package org.fnmisp.soar;

/**
 * A SOAR REST failure that stops start-up. The message names the URL or host and the cause, never a secret;
 * {@link #exitCode()} is the process exit code resilient-circuits uses for it.
 */
public final class SoarException extends Exception {

  /** Any other REST failure: unreachable host, timeout, unexpected HTTP status or body. */
  public static final int GENERIC = 20;
  /** HTTP 401: the API key or user was rejected, blocked or banned. */
  public static final int UNAUTHORIZED = 21;
  /** The server certificate is not trusted: {@code cafile} lacks its CA (or is needed). */
  public static final int CA_FILE = 22;
  /** Any other TLS failure: host name mismatch, expired certificate, failed handshake. */
  public static final int SSL = 23;
  /** The configured org is not one of the principal's orgs, or it is disabled. */
  public static final int ORG = 24;

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public SoarException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  SoarException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** 20 generic, 21 unauthorized, 22 CA file, 23 SSL, 24 org not found or disabled. */
  public int exitCode() {
    return exitCode;
  }
}
