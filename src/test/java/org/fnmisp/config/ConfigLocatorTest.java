package org.fnmisp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocatorTest {

  @TempDir
  Path temp;

  private Path cwd;
  private Path home;
  private Path inCwd;
  private Path inHome;
  private Path fromEnv;
  private Path explicit;

  @BeforeEach
  void files() throws IOException {
    cwd = Files.createDirectories(temp.resolve("cwd"));
    home = Files.createDirectories(temp.resolve("home"));
    inCwd = touch(cwd.resolve("app.config"));
    inHome = touch(home.resolve(".resilient/app.config"));
    fromEnv = touch(temp.resolve("env.config"));
    explicit = touch(temp.resolve("explicit.config"));
  }

  @Test
  void shouldPreferConfigFileThenEnvironmentThenWorkingDirectoryThenHome() throws IOException {
    Map<String, String> env = Map.of("APP_CONFIG_FILE", fromEnv.toString());

    assertThat(new ConfigLocator(env, cwd, home).locate(explicit)).isEqualTo(explicit);
    assertThat(new ConfigLocator(env, cwd, home).locate(null)).isEqualTo(fromEnv);
    assertThat(new ConfigLocator(Map.of(), cwd, home).locate(null)).isEqualTo(inCwd);
    Files.delete(inCwd);
    assertThat(new ConfigLocator(Map.of(), cwd, home).locate(null)).isEqualTo(inHome);
  }

  @Test
  void shouldResolveARelativeConfigFileAgainstTheWorkingDirectory() throws IOException {
    Path relative = touch(cwd.resolve("conf/my.config"));

    assertThat(new ConfigLocator(Map.of(), cwd, home).locate(Path.of("conf/my.config"))).isEqualTo(relative);
  }

  @Test
  void shouldNotFallBackWhenTheNamedFileIsMissing() {
    ConfigLocator locator = new ConfigLocator(Map.of("APP_CONFIG_FILE", temp.resolve("gone").toString()), cwd, home);

    assertThatThrownBy(() -> locator.locate(temp.resolve("missing.config")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("The config file " + temp.resolve("missing.config") + " (from --config-file) does not exist");
    assertThatThrownBy(() -> locator.locate(null))
        .hasMessage("The config file " + temp.resolve("gone") + " (from $APP_CONFIG_FILE) does not exist");
  }

  @Test
  void shouldListEveryPlaceTriedWhenNoFileExists() throws IOException {
    Files.delete(inCwd);
    Files.delete(inHome);

    assertThatThrownBy(() -> new ConfigLocator(Map.of(), cwd, home).locate(null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("No app.config found. Tried: --config-file (not given), $APP_CONFIG_FILE (not set), " + inCwd
            + ", " + inHome + ". Create one with: fn-misp config -c");
  }

  @Test
  void shouldChooseTheWriteTargetAsResilientCircuitsDoes() {
    assertThat(new ConfigLocator(Map.of("APP_CONFIG_FILE", "/x/env.config"), cwd, home).target(Path.of("given")))
        .isEqualTo(Path.of("/x/env.config"));
    assertThat(new ConfigLocator(Map.of(), cwd, home).target(Path.of("given"))).isEqualTo(cwd.resolve("given"));
    assertThat(new ConfigLocator(Map.of(), cwd, home).target(null)).isEqualTo(home.resolve(".resilient/app.config"));
  }

  private static Path touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "[resilient]\n");
  }
}
