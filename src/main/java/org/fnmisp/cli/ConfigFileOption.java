package org.fnmisp.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config-file} option, for commands that read app.config. */
public final class ConfigFileOption {

  @Option(names = "--config-file", paramLabel = "FILE",
      description = "The app.config to read (default: $APP_CONFIG_FILE, else app.config in the working directory, "
          + "else ~/.resilient/app.config).")
  Path file;

  /** The given file, or null to search the usual places. */
  public Path file() {
    return file;
  }
}
