package org.fnmisp.cli;

import java.nio.file.Path;
import org.fnmisp.Loggers;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigLocator;
import org.fnmisp.logging.LogSettings;
import org.slf4j.Logger;
import picocli.CommandLine.Mixin;

/**
 * The base of commands that need app.config: {@code --config-file} and {@code --loglevel}, and {@link #loadConfig()}
 * to find, read and validate the file and set up logging from it.
 */
public abstract class ConfiguredCommand extends BaseCommand {

  private static final Logger LOG = Loggers.CONFIG;

  @Mixin
  protected ConfigFileOption configFile;

  @Mixin
  protected LogLevelOption logLevel;

  /**
   * Finds app.config, reads and validates it, configures logging from it and logs its warnings.
   *
   * @throws org.fnmisp.config.ConfigException when no file is found or a value is bad (exit code
   *     {@link ExitCodes#CONFIG_ERROR})
   */
  protected AppConfig loadConfig() {
    CliContext context = context();
    Path file = new ConfigLocator(context.environment(), context.workingDirectory(), context.home())
        .locate(configFile.file());
    AppConfig config = AppConfig.load(file, context.environment());
    context.logging().accept(LogSettings.from(config, logLevel.level(), context.workingDirectory()));
    LOG.info("Read the configuration from {}", file);
    config.warnings().forEach(LOG::warn);
    return config;
  }
}
