package org.fnmisp.cli;

import java.nio.file.Path;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.ConfigLocator;
import org.fnmisp.config.secrets.SecretException;
import org.fnmisp.config.secrets.SecretSource;
import org.fnmisp.config.secrets.SecretSources;
import org.fnmisp.logging.LogSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * The base of commands that need app.config: {@code --config-file} and {@code --loglevel}, and {@link #loadConfig()}
 * to find, read and validate the file and set up logging from it.
 */
public abstract class ConfiguredCommand extends BaseCommand {

  private static final Logger LOG = LoggerFactory.getLogger("org.fnmisp.config");

  @Mixin
  protected ConfigFileOption configFile;

  @Mixin
  protected LogLevelOption logLevel;

  /**
   * Finds app.config, reads and validates it, configures logging from it and logs its warnings. In App Host the
   * protected secrets are read first and their directory removed.
   *
   * @throws org.fnmisp.config.ConfigException when no file is found or a value is bad (exit code
   *     {@link ExitCodes#CONFIG_ERROR})
   */
  protected AppConfig loadConfig() {
    CliContext context = context();
    Path file = new ConfigLocator(context.environment(), context.workingDirectory(), context.home())
        .locate(configFile.file());
    SecretSource secrets;
    try {
      secrets = SecretSources.forProcess(context.environment());
    } catch (SecretException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    AppConfig config = AppConfig.load(file, context.environment(), secrets);
    context.logging().accept(LogSettings.from(config, logLevel.level(), context.workingDirectory()));
    LOG.info("Read the configuration from {}", file);
    config.warnings().forEach(LOG::warn);
    return config;
  }
}
