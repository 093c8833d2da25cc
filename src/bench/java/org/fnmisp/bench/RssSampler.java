package org.fnmisp.bench;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The peak of the summed resident sets of a process tree, read from /proc every 20 ms while it is open. With two
 * processes (a relaunch) the sum of each one's own peak (VmHWM) is only an upper bound: their peaks need not fall at
 * the same time. This is the other bound, from below, up to what happens between two samples.
 */
final class RssSampler implements AutoCloseable {

  private final ChildProcess process;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "rss-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private volatile double peakMb;

  RssSampler(ChildProcess process) {
    this.process = process;
    timer.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      peakMb = Math.max(peakMb, process.treeRssMb());
    } catch (IOException | RuntimeException e) {
      // the process ended or /proc was racing a thread's exit: the next sample counts
    }
  }

  double peakMb() {
    sample();
    return peakMb;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
