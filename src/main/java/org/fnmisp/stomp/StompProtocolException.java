package org.fnmisp.stomp;

import java.io.IOException;

/** The peer broke the STOMP framing rules (oversized header line or body, bad content-length, missing NUL). */
final class StompProtocolException extends IOException {

  private static final long serialVersionUID = 1L;

  StompProtocolException(String message) {
    super(message);
  }
}
