package org.fnmisp.misp;

/**
 * A MISP call that did not give the expected result. The message is complete and user-facing: it names the action,
 * the MISP host and what to check ("Could not create the MISP event: MISP at misp.example.org answered HTTP 500:
 * ..."), and never contains the API key.
 */
public class MispException extends Exception {

  private static final long serialVersionUID = 1L;

  MispException(String message, Throwable cause) {
    super(message, cause);
  }
}
