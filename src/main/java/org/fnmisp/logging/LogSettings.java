package org.fnmisp.logging;

import java.nio.file.Path;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ResilientKeys;

/**
 * Where and how much to log.
 *
 * @param level a resilient-circuits level name: DEBUG, INFO, WARNING/WARN, ERROR or CRITICAL
 * @param file the log file; null to log to stderr only
 * @param maxBytes the size at which the file rotates; 0 never rotates
 * @param backupCount how many rotated files to keep; 0 never rotates
 */
public record LogSettings(String level, Path file, int maxBytes, int backupCount) {

  /**
   * From {@code [resilient]} keys, {@code logdir} relative to {@code workingDirectory}.
   *
   * @param levelOption the {@code --loglevel} value (already validated), which wins; null when not given
   * @param toFile false to log to stderr only
   */
  public static LogSettings from(AppConfig config, String levelOption, Path workingDirectory, boolean toFile) {
    String level = levelOption != null ? levelOption : config.get(ResilientKeys.LOGLEVEL);
    Path file = !toFile ? null
        : workingDirectory.resolve(config.get(ResilientKeys.LOGDIR)).resolve(config.get(ResilientKeys.LOGFILE));
    return new LogSettings(level, file, config.get(ResilientKeys.LOG_MAX_BYTES),
        config.get(ResilientKeys.LOG_BACKUP_COUNT));
  }
}
