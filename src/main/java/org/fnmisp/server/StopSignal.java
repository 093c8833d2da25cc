package org.fnmisp.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Tells a running server to stop. {@link #system()} fires on SIGTERM or SIGINT; tests fire it with {@link #stop()}.
 *
 * <p>Signal handlers, rather than a JVM shutdown hook, let the main thread stop the server in order, return and exit
 * with 0: a shutdown hook could neither wait for in-flight calls reliably nor choose the exit code.
 */
public final class StopSignal {

  private static final Logger LOG = LoggerFactory.getLogger("org.fnmisp.server");

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final boolean fromOperatingSystem;
  private final AtomicBoolean handlersInstalled = new AtomicBoolean();

  private StopSignal(boolean fromOperatingSystem) {
    this.fromOperatingSystem = fromOperatingSystem;
  }

  /** A signal fired only by {@link #stop()}. */
  public static StopSignal manual() {
    return new StopSignal(false);
  }

  /** A signal also fired by SIGTERM and SIGINT, once {@link #await()} was called. */
  public static StopSignal system() {
    return new StopSignal(true);
  }

  public void stop() {
    stopped.countDown();
  }

  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Blocks until stopped. */
  public void await() throws InterruptedException {
    if (fromOperatingSystem && handlersInstalled.compareAndSet(false, true)) {
      install("TERM");
      install("INT");
    }
    stopped.await();
  }

  private void install(String name) {
    try {
      Signal.handle(new Signal(name), signal -> {
        LOG.info("Received SIG{}", name);
        stop();
      });
    } catch (IllegalArgumentException e) {
      LOG.debug("SIG{} cannot be handled on this platform", name);
    }
  }
}
