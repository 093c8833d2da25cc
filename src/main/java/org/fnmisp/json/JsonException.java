package org.fnmisp.json;

/** JSON that could not be read or written; the message names what it was. */
public final class JsonException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
