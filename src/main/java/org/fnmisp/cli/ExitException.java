package org.fnmisp.cli;

/** Ends a command with a given exit code and a one-line message for the operator. */
public final class ExitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public ExitException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ExitException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** One of {@link ExitCodes}. */
  public int exitCode() {
    return exitCode;
  }
}
