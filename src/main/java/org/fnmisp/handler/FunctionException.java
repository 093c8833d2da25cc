package org.fnmisp.handler;

/**
 * An expected, user-facing failure of a function: the message is complete, actionable and free of secrets, and SOAR
 * shows it as the function's error text unchanged.
 */
public class FunctionException extends Exception {

  private static final long serialVersionUID = 1L;

  public FunctionException(String message) {
    super(message);
  }

  public FunctionException(String message, Throwable cause) {
    super(message, cause);
  }
}
