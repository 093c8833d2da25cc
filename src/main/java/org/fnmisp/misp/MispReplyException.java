package org.fnmisp.misp;

/** MISP answered 2xx with a body that is not JSON, or not of the shape the operation returns. */
public final class MispReplyException extends MispException {

  private static final long serialVersionUID = 1L;

  MispReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
