package org.fnmisp.worker;

/** Where the worker is in its life: new calls are taken only while RUNNING; replies are sent until ABANDONING. */
enum WorkerState {
  RUNNING,
  DRAINING,
  ABANDONING,
  STOPPED
}
