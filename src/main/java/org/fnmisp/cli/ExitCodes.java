package org.fnmisp.cli;

/**
 * The process exit codes. 20-25 and 30-33 are resilient-circuits' selftest codes, so scripts written for it keep
 * working.
 */
public final class ExitCodes {

  public static final int OK = 0;
  /** Anything that went wrong that has no more specific code. */
  public static final int APP_FAILURE = 1;
  /** Bad command-line arguments. */
  public static final int USAGE = 2;
  /** A missing, malformed or invalid app.config (sysexits' EX_CONFIG). */
  public static final int CONFIG_ERROR = 78;
  /**
   * {@code run} stopped because app.config changed (App Host, or {@code --watch-config}): start it again to use the
   * new configuration (sysexits' EX_TEMPFAIL, "try again").
   */
  public static final int CONFIG_CHANGED = 75;

  public static final int REST_GENERIC = 20;
  public static final int REST_UNAUTHORIZED = 21;
  public static final int REST_CA_FILE = 22;
  public static final int REST_SSL = 23;
  public static final int REST_NOT_ORG_MEMBER = 24;
  public static final int REST_BAD_PASSWORD = 25;

  public static final int STOMP_GENERIC = 30;
  public static final int STOMP_CONNECT_UNAUTHORIZED = 31;
  public static final int STOMP_QUEUE_READ_UNAUTHORIZED = 32;
  public static final int STOMP_SUBSCRIBE_TIMEOUT = 33;

  private ExitCodes() {}
}
