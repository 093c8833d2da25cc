package org.fnmisp.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.fnmisp.logging.LogSettings;
import org.fnmisp.logging.Logging;
import org.fnmisp.server.StopSignal;

/**
 * What a command reads from its surroundings, passed in so tests never touch the real environment, working
 * directory, home or logging set-up.
 *
 * @param environment the environment variables
 * @param workingDirectory relative paths resolve against it
 * @param home the user's home ({@code ~/.resilient/app.config})
 * @param logging applies the log settings from app.config
 * @param stopSignal stops {@code run}: SIGTERM/SIGINT in the real process, the test in tests
 */
public record CliContext(Map<String, String> environment, Path workingDirectory, Path home,
    Consumer<LogSettings> logging, StopSignal stopSignal) {

  public CliContext {
    environment = Map.copyOf(environment);
  }

  /** The real process: its environment, working directory, home and Logback. */
  public static CliContext system() {
    return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
        Logging::configure, stopSignal(System.getProperty(LeanRelaunch.MARKER)));
  }

  /** The parent's pid in {@code relaunchedBy} (see {@link LeanRelaunch}) when another JVM started this one. */
  private static StopSignal stopSignal(String relaunchedBy) {
    if (relaunchedBy != null && relaunchedBy.matches("[0-9]{1,18}")) {
      return StopSignal.startedByParent(Long.parseLong(relaunchedBy));
    }
    return StopSignal.system();
  }
}
