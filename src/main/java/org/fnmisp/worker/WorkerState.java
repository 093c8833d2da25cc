package org.fnmisp.worker;

/** Where the worker is in its life: new calls are taken only while RUNNING; replies are sent until ABANDONING. */
enum WorkerState {
  RUNNING,
  DRAINING,
  ABANDONING,
  STOPPED;

  /** Past the grace period a finished call stays un-ACKed: the broker redelivers it to a server that is running. */
  boolean mayReply() {
    return this == RUNNING || this == DRAINING;
  }
}
