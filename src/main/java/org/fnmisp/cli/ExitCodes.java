package org.fnmisp.cli;

import org.fnmisp.selftest.BrokerCheck;
import org.fnmisp.soar.SoarException;
import org.fnmisp.stomp.StompException;

/**
 * The process exit codes, and which failure gets which. 20-24 and 30-32 are resilient-circuits' codes, so scripts
 * written for it keep working. Its 25 (bad password) and 33 (subscribe timeout) have no case here: any rejected REST
 * login is 21, and a broker not reached within the timeout is 30.
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
  public static final int REST_TLS = 23;
  public static final int REST_NOT_ORG_MEMBER = 24;

  public static final int STOMP_GENERIC = 30;
  public static final int STOMP_CONNECT_UNAUTHORIZED = 31;
  public static final int STOMP_QUEUE_READ_UNAUTHORIZED = 32;

  private ExitCodes() {}

  /** The code of a SOAR REST failure. */
  public static int of(SoarException.Kind kind) {
    return switch (kind) {
      case GENERIC -> REST_GENERIC;
      case UNAUTHORIZED -> REST_UNAUTHORIZED;
      case CA_FILE -> REST_CA_FILE;
      case TLS -> REST_TLS;
      case ORG -> REST_NOT_ORG_MEMBER;
    };
  }

  /** The code of a failed STOMP connection. */
  public static int of(StompException.Kind kind) {
    return switch (kind) {
      case LOGIN_REJECTED -> STOMP_CONNECT_UNAUTHORIZED;
      case SUBSCRIBE_REFUSED -> STOMP_QUEUE_READ_UNAUTHORIZED;
      default -> STOMP_GENERIC;
    };
  }

  /** The code of the broker check of {@code selftest}; {@link #OK} when it passed. */
  public static int of(BrokerCheck.Outcome outcome) {
    return switch (outcome) {
      case OK -> OK;
      case LOGIN_REJECTED -> STOMP_CONNECT_UNAUTHORIZED;
      case QUEUE_FORBIDDEN -> STOMP_QUEUE_READ_UNAUTHORIZED;
      case UNREACHABLE -> STOMP_GENERIC;
    };
  }
}
