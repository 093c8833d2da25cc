package org.fnmisp.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started: its output goes to a log file (and, line by line, to a READY watcher), its CPU time
 * and peak RSS come from /proc. Stopped with SIGTERM, then SIGKILL after a grace period; a JVM shutdown hook stops it
 * too, so nothing outlives the benchmark.
 */
final class ChildProcess implements AutoCloseable {

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final String name;
  private final Process process;
  private final long launchedNanos;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final Thread shutdownHook;

  private ChildProcess(String name, Process process, long launchedNanos, Path log, String readyPrefix) {
    this.name = name;
    this.process = process;
    this.launchedNanos = launchedNanos;
    this.shutdownHook = new Thread(this::stop, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    Thread pump = new Thread(() -> pump(log, readyPrefix), "out-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  static ChildProcess start(String name, List<String> command, Path logDir, String readyPrefix) throws IOException {
    return start(name, command, java.util.Map.of(), logDir, readyPrefix);
  }

  /** Starts {@code command} with {@code environment} added to this process's environment. */
  static ChildProcess start(String name, List<String> command, java.util.Map<String, String> environment,
      Path logDir, String readyPrefix) throws IOException {
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    long launched = System.nanoTime();
    return new ChildProcess(name, builder.start(), launched, log, readyPrefix);
  }

  long launchedNanos() {
    return launchedNanos;
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the first output line starting with the ready prefix; returns it. */
  String awaitReady(long timeoutMillis) throws Exception {
    try {
      return ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(name + " did not report ready within " + timeoutMillis + " ms; see its log");
    }
  }

  /** User + system CPU seconds used so far, from /proc/&lt;pid&gt;/stat. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    return (double) ticks / CLOCK_TICKS_PER_SECOND;
  }

  /**
   * CPU seconds so far per thread group (thread name with digits dropped, e.g. "fn-worker-", "C2 CompilerThre"),
   * from /proc/&lt;pid&gt;/task; threads that ended are missing, so diff two snapshots for a window.
   */
  java.util.Map<String, Double> threadCpuSeconds() throws IOException {
    java.util.Map<String, Double> byGroup = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9#]+", "#");
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
          byGroup.merge(comm, seconds, Double::sum);
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    }
    return byGroup;
  }

  /**
   * CPU seconds of this process and the processes it started (a jar that starts itself again with other JVM flags
   * runs in a child; both count).
   */
  double treeCpuSeconds() throws IOException {
    double total = 0;
    for (long pid : treePids()) {
      total += cpuSeconds(pid);
    }
    return total;
  }

  /** Sum of the peak resident sets (VmHWM) of this process and its descendants, in MB: an upper bound of the peak. */
  double treePeakRssMb() throws IOException {
    double total = 0;
    for (long pid : treePids()) {
      total += statusMb(pid, "VmHWM:");
    }
    return total;
  }

  /**
   * Proportional set size now (Pss of /proc/&lt;pid&gt;/smaps_rollup) of this process and its descendants, in MB: pages
   * two JVMs share (the JDK's libraries and class-data archive) counted once, not twice as in a sum of RSS.
   */
  double treePssMb() throws IOException {
    double total = 0;
    for (long pid : treePids()) {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          total += Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    }
    return total;
  }

  /** The number of processes in the tree (1, or 2 when the jar started itself again). */
  int treeSize() {
    return treePids().size();
  }

  private List<Long> treePids() {
    List<Long> pids = new java.util.ArrayList<>(List.of(process.pid()));
    process.toHandle().descendants().forEach(child -> pids.add(child.pid()));
    return pids;
  }

  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
  }

  /** Peak resident set size in MB (VmHWM). */
  double peakRssMb() throws IOException {
    return statusMb("VmHWM:");
  }

  /** Sum of the resident sets now (VmRSS) of this process and its descendants, in MB. */
  double treeRssMb() throws IOException {
    double total = 0;
    for (long pid : treePids()) {
      total += statusMb(pid, "VmRSS:");
    }
    return total;
  }

  /** Resident set size now, in MB (VmRSS). */
  double rssMb() throws IOException {
    return statusMb("VmRSS:");
  }

  private double statusMb(String field) throws IOException {
    return statusMb(process.pid(), field);
  }

  private static double statusMb(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, up to 10 s for a clean exit, then SIGKILL. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
  }

  private void pump(Path log, String readyPrefix) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (readyPrefix != null && line.startsWith(readyPrefix)) {
          ready.complete(line);
        }
        out.write(line);
        out.newLine();
        out.flush();
      }
    } catch (IOException e) {
      // the process ended
    }
    ready.completeExceptionally(new IllegalStateException(name + " exited before reporting ready; see " + log));
  }
}
