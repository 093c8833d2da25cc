package org.fnmisp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * Watches app.config and calls back once when its content changes, so that {@code run} can drain and exit for its
 * supervisor (App Host's Kubernetes, systemd) to start it again with the new configuration. This replaces the shell
 * loop of App Host's entry point, which checked the file's hash every 60 s and killed resilient-circuits with
 * SIGKILL, losing the calls in flight.
 *
 * <p>It compares the content, read every interval, rather than relying on file-system events: App Host and
 * Kubernetes swap a mounted file through symbolic links, and a bind-mounted file changed on the host raises no event
 * inside a container. A file that cannot be read for a moment (being replaced) is not a change.
 */
public final class ConfigWatcher implements AutoCloseable {

  private static final Logger LOG = Loggers.SERVER;

  private final Path file;
  private final byte[] baseline;
  private final Runnable onChange;
  private final AtomicBoolean changed = new AtomicBoolean();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "config-watcher");
    thread.setDaemon(true);
    return thread;
  });

  private ConfigWatcher(Path file, byte[] baseline, Runnable onChange) {
    this.file = file;
    this.baseline = baseline;
    this.onChange = onChange;
  }

  /**
   * Starts watching {@code file} from its current content.
   *
   * @throws UncheckedIOException when the file cannot be read now
   */
  public static ConfigWatcher start(Path file, Duration interval, Runnable onChange) {
    byte[] baseline;
    try {
      baseline = digest(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot watch " + file + ": " + e.getMessage(), e);
    }
    ConfigWatcher watcher = new ConfigWatcher(file, baseline, onChange);
    @SuppressWarnings("FutureReturnValueIgnored") // check() catches its own failures; close() shuts the timer down
    var unused = watcher.timer.scheduleWithFixedDelay(watcher::check, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("Watching {}: fn-misp stops when it changes, to be restarted with the new configuration", file);
    return watcher;
  }

  /** True once the content changed. */
  public boolean changed() {
    return changed.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private void check() {
    byte[] now;
    try {
      now = digest(file);
    } catch (IOException e) {
      LOG.debug("Cannot read {} now ({}); checking again later", file, e.getMessage());
      return;
    }
    if (!Arrays.equals(now, baseline) && changed.compareAndSet(false, true)) {
      LOG.info("{} changed: stopping so that fn-misp is restarted with the new configuration", file);
      timer.shutdown();
      onChange.run();
    }
  }

  private static byte[] digest(Path file) throws IOException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
