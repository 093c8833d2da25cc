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

  /** How long after the first signal a repeat counts as the same stop request, in a JVM another one started. */
  static final long SAME_REQUEST_NANOS = 1_000_000_000L;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final boolean fromOperatingSystem;
  private final boolean startedByParent;
  private final long parentPid;
  private final AtomicBoolean listening = new AtomicBoolean();
  private volatile long firstSignalNanos;

  private StopSignal(boolean fromOperatingSystem, boolean startedByParent, long parentPid) {
    this.fromOperatingSystem = fromOperatingSystem;
    this.startedByParent = startedByParent;
    this.parentPid = parentPid;
  }

  /** A signal fired only by {@link #stop()}. */
  public static StopSignal manual() {
    return new StopSignal(false, false, 0);
  }

  /** A signal also fired by SIGTERM and SIGINT, from {@link #listen()} on. */
  public static StopSignal system() {
    return new StopSignal(true, false, 0);
  }

  /**
   * As {@link #system()}, for a JVM that a parent fn-misp JVM started with the lean flags and waits for. A Ctrl-C in a
   * terminal reaches both, and the parent passes it on, as it does a SIGTERM that systemd sends to every process of
   * the service: a repeat within a second of the first signal is that same request, not an operator's second one.
   * The end of the parent (SIGKILL, which it cannot pass on) stops this JVM too, so that it never runs orphaned.
   *
   * @param parentPid the parent's process id, which it passes on: if it died before this JVM looks, this JVM's
   *     parent is already another process
   */
  public static StopSignal startedByParent(long parentPid) {
    return new StopSignal(true, true, parentPid);
  }

  /** From now on SIGTERM and SIGINT stop the server instead of ending the JVM (no-op for a manual signal). */
  public void listen() {
    if (fromOperatingSystem && listening.compareAndSet(false, true)) {
      install("TERM");
      install("INT");
      if (startedByParent) {
        @SuppressWarnings("FutureReturnValueIgnored") // stop() cannot fail; nothing waits for this
        var unused = ProcessHandle.of(parentPid).map(ProcessHandle::onExit)
            .orElse(java.util.concurrent.CompletableFuture.completedFuture(null)).thenRun(() -> {
              LOG.warn("The fn-misp process that started this one (pid {}) ended: stopping", parentPid);
              stop();
            });
      }
    }
  }

  /** True when a signal at {@code now} is a repeat of the first within {@link #SAME_REQUEST_NANOS}: ignore it. */
  boolean sameRequest(long now) {
    return startedByParent && now - firstSignalNanos < SAME_REQUEST_NANOS;
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
        long now = System.nanoTime();
        if (stopped.getCount() != 0) {
          firstSignalNanos = now;
        } else if (sameRequest(now)) {
          LOG.debug("Received SIG{} again within a second: the same stop request", name);
          return;
        }
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
