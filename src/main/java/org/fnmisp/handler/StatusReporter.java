package org.fnmisp.handler;

/**
 * Interim status messages shown in SOAR's action status log while a function runs
 * ({@code {"message_type":0,"complete":false}}). Messages are delivered in the order given, before the final reply.
 * Implementations must not throw: a status that cannot be delivered is logged and dropped, it never fails the call.
 */
@FunctionalInterface
public interface StatusReporter {

  void info(String message);

  /** A reporter that drops every message, for callers that have nowhere to show them. */
  static StatusReporter noop() {
    return message -> {};
  }
}
