package org.fnmisp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loggers, one per concern and named after the package that does that work, so an operator can tune one area
 * ({@code org.fnmisp.stomp} at DEBUG) without knowing class names; and the MDC keys that tie a log line to the function
 * call it belongs to. Classes take their logger from here instead of naming one.
 */
public final class Loggers {

  /** The parent of all of them: its level is fn-misp's level. */
  public static final Logger FN_MISP = LoggerFactory.getLogger("org.fnmisp");
  /** Finding and reading app.config. */
  public static final Logger CONFIG = LoggerFactory.getLogger("org.fnmisp.config");
  /** Starting, running and stopping the function server. */
  public static final Logger SERVER = LoggerFactory.getLogger("org.fnmisp.server");
  /** Taking calls off the queues, replying and acknowledging. */
  public static final Logger WORKER = LoggerFactory.getLogger("org.fnmisp.worker");
  /** What became of each function call. */
  public static final Logger FUNCTIONS = LoggerFactory.getLogger("org.fnmisp.functions");
  /** The STOMP connection to the message broker. */
  public static final Logger STOMP = LoggerFactory.getLogger("org.fnmisp.stomp");
  /** SOAR's REST API. */
  public static final Logger SOAR = LoggerFactory.getLogger("org.fnmisp.soar");
  /** MISP's REST API. */
  public static final Logger MISP = LoggerFactory.getLogger("org.fnmisp.misp");
  /** HTTP retries, for both REST APIs. */
  public static final Logger HTTP = LoggerFactory.getLogger("org.fnmisp.http");
  /** The embedded broker of {@code run --local}. */
  public static final Logger BROKER = LoggerFactory.getLogger("org.fnmisp.broker");

  /** The MDC key of the name of the function being run, e.g. {@code misp_create_event}. */
  public static final String MDC_FUNCTION = "function";
  /** The MDC key of the STOMP message id of the call being run. */
  public static final String MDC_MESSAGE_ID = "message_id";
  /** The MDC key of the HTTP status of the last MISP answer of the call being run, for the call's log line. */
  public static final String MDC_MISP_STATUS = "misp_status";

  private Loggers() {}
}
