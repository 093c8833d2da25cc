package org.fnmisp.misp;

/** MISP could not be reached or did not answer: unknown host, refused connection, TLS failure, time-out, proxy. */
public final class MispTransportException extends MispException {

  private static final long serialVersionUID = 1L;

  MispTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
