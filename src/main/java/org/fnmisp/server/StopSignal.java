package org.fnmisp.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fnmisp.Loggers;
import org.slf4j.Logger;
import sun.misc.Signal;

/**
 * Tells a running server to stop. {@link #system()} fires on SIGTERM or SIGINT once {@link #listen()} was called;
 * tests fire it with {@link #stop()}. A second signal while stopping ends the process at once (exit 130), for an
 * operator who does not want to wait for the grace period.
 *
 * <p>Signal handlers, rather than a JVM shutdown hook, let the main thread stop the server in order, return and exit
 * with 0: a shutdown hook could neither wait for in-flight calls reliably nor choose the exit code.
 */
public final class StopSignal {

  private static final Logger LOG = Loggers.SERVER;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final boolean fromOperatingSystem;
  private final AtomicBoolean listening = new AtomicBoolean();

  private StopSignal(boolean fromOperatingSystem) {
    this.fromOperatingSystem = fromOperatingSystem;
  }

  /** A signal fired only by {@link #stop()}. */
  public static StopSignal manual() {
    return new StopSignal(false);
  }

  /** A signal also fired by SIGTERM and SIGINT, from {@link #listen()} on. */
  public static StopSignal system() {
    return new StopSignal(true);
  }

  /** From now on SIGTERM and SIGINT stop the server instead of ending the JVM (no-op for a manual signal). */
  public void listen() {
    if (fromOperatingSystem && listening.compareAndSet(false, true)) {
      install("TERM");
      install("INT");
    }
  }

  public void stop() {
    stopped.countDown();
  }

  /** Blocks until stopped. */
  public void await() throws InterruptedException {
    stopped.await();
  }

  private void install(String name) {
    try {
      Signal.handle(new Signal(name), signal -> {
        if (stopped.getCount() == 0) {
          LOG.warn("Received SIG{} again: exiting now; calls still running are redelivered by the broker", name);
          Runtime.getRuntime().halt(130);
        }
        LOG.info("Received SIG{}: stopping", name);
        stop();
      });
    } catch (IllegalArgumentException e) {
      LOG.debug("SIG{} cannot be handled on this platform", name);
    }
  }
}
