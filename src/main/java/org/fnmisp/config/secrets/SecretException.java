package org.fnmisp.config.secrets;

/** A secret that exists but cannot be used. The message names the secret and the reason, never its value. */
public final class SecretException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SecretException(String message) {
    super(message);
  }

  SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
