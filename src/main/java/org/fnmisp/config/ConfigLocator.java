package org.fnmisp.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where app.config is, in resilient-circuits' order: {@code --config-file}, then {@code $APP_CONFIG_FILE}, then
 * {@code ./app.config}, then {@code ~/.resilient/app.config}. An explicitly named file (option or variable) must
 * exist: quietly using another file than the one named would hide the mistake. The environment, working directory
 * and home are passed in so that callers (and tests) decide what they are.
 */
public final class ConfigLocator {

  public static final String ENVIRONMENT_VARIABLE = "APP_CONFIG_FILE";

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final Path home;

  public ConfigLocator(Map<String, String> environment, Path workingDirectory, Path home) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.home = home;
  }

  /**
   * The file to read.
   *
   * @param configFile the {@code --config-file} value, or null
   * @throws ConfigException listing the places tried when no file exists
   */
  public Path locate(Path configFile) {
    if (configFile != null) {
      return existing(workingDirectory.resolve(configFile), "--config-file");
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return existing(workingDirectory.resolve(fromEnvironment.strip()), "$" + ENVIRONMENT_VARIABLE);
    }
    List<Path> tried = new ArrayList<>();
    for (Path candidate : List.of(workingDirectory.resolve("app.config"), defaultFile())) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    throw new ConfigException("No app.config found. Tried: --config-file (not given), $" + ENVIRONMENT_VARIABLE
        + " (not set), " + tried.get(0) + ", " + tried.get(1) + ". Create one with: fn-misp config -c");
  }

  /**
   * The file {@code config -c/-u} writes, as resilient-circuits chooses it: {@code $APP_CONFIG_FILE} if set, else the
   * given file, else {@code ~/.resilient/app.config}.
   */
  public Path target(Path givenFile) {
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return workingDirectory.resolve(fromEnvironment.strip());
    }
    return givenFile != null ? workingDirectory.resolve(givenFile) : defaultFile();
  }

  private Path defaultFile() {
    return home.resolve(".resilient").resolve("app.config");
  }

  private static Path existing(Path file, String origin) {
    if (Files.isDirectory(file)) {
      throw new ConfigException("The config file " + file + " (from " + origin + ") is a directory, not a file");
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("The config file " + file + " (from " + origin + ") does not exist");
    }
    return file;
  }
}
