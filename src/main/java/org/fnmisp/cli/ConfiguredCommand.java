package org.fnmisp.cli;

import java.nio.file.Path;
import java.util.Collection;
import org.fnmisp.Loggers;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigCatalogue;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.ConfigLocator;
import org.fnmisp.config.secrets.SecretException;
import org.fnmisp.config.secrets.SecretSource;
import org.fnmisp.config.secrets.SecretSources;
import org.fnmisp.logging.LogSettings;
import org.slf4j.Logger;
import picocli.CommandLine.Mixin;

/**
 * The base of commands that need app.config: {@code --config-file} and {@code --loglevel}, and
 * {@link #loadConfig(Collection)} to find, read and validate the file and set up logging from it.
 */
public abstract class ConfiguredCommand extends BaseCommand {

  private static final Logger LOG = Loggers.CONFIG;

  @Mixin
  protected ConfigFileOption configFile;

  @Mixin
  protected LogLevelOption logLevel;

  /** {@link #loadConfig(Collection)} checking every section fn-misp knows. */
  protected AppConfig loadConfig() {
    return loadConfig(ConfigCatalogue.SECTIONS);
  }

  /**
   * Finds app.config, reads it, validates the sections the command uses, configures logging from it and logs its
   * warnings. In App Host the protected secrets are read first and their directory removed.
   *
   * @param usedSections the sections whose keys are checked now (see {@link ConfigCatalogue}); keys of other sections
   *     are checked only if read
   * @throws org.fnmisp.config.ConfigException when no file is found or a value is bad (exit code
   *     {@link ExitCodes#CONFIG_ERROR})
   */
  protected AppConfig loadConfig(Collection<String> usedSections) {
    CliContext context = context();
    Path file = new ConfigLocator(context.environment(), context.workingDirectory(), context.home())
        .locate(configFile.file());
    SecretSource secrets;
    try {
      secrets = SecretSources.forProcess(context.environment());
    } catch (SecretException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    AppConfig config = AppConfig.load(file, context.environment(), secrets, usedSections);
    context.logging().accept(LogSettings.from(config, logLevel.level(), context.workingDirectory(), logsToFile()));
    LOG.info("Read the configuration from {}", file);
    config.warnings().forEach(LOG::warn);
    return config;
  }

  /**
   * Whether the command also logs to the file of {@code [resilient] logdir/logfile}: the server does, so its history
   * is kept; a command an operator runs by hand logs to the terminal only and leaves no {@code logs/} behind.
   */
  protected boolean logsToFile() {
    return false;
  }
}
