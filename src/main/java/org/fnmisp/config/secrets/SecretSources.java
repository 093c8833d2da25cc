package org.fnmisp.config.secrets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The secret source of a process, as resilient-circuits chooses it: in an App Host container
 * ({@code APP_HOST_CONTAINER=1}) the protected secrets in {@code /etc/secrets} first, then the environment; elsewhere
 * the environment alone.
 */
public final class SecretSources {

  /** Set to 1 by the App Host image. */
  public static final String APP_HOST_CONTAINER = "APP_HOST_CONTAINER";
  /** Another directory of protected secrets than {@link AppHostSecrets#DIRECTORY}, for tests. */
  public static final String SECRETS_DIRECTORY = "FN_MISP_SECRETS_DIR";

  private SecretSources() {}

  public static boolean inAppHost(Map<String, String> environment) {
    return "1".equals(environment.getOrDefault(APP_HOST_CONTAINER, "").strip());
  }

  /**
   * The source for a process with this environment. In App Host this reads every protected secret into memory and
   * then removes the secrets directory (best effort), as resilient-circuits does.
   */
  public static SecretSource forProcess(Map<String, String> environment) {
    EnvironmentSecrets fromEnvironment = new EnvironmentSecrets(environment);
    if (!inAppHost(environment)) {
      return fromEnvironment;
    }
    String override = environment.getOrDefault(SECRETS_DIRECTORY, "").strip();
    Path directory = override.isEmpty() ? AppHostSecrets.DIRECTORY : Path.of(override);
    AppHostSecrets appHost = AppHostSecrets.read(directory, AppHostSecrets.keyFile(directory));
    appHost.removeDirectory();
    return firstOf(appHost, fromEnvironment);
  }

  /** The first source that has a secret gives its value. */
  static SecretSource firstOf(SecretSource first, SecretSource second) {
    return new SecretSource() {
      @Override
      public Optional<String> find(String name) {
        Optional<String> value = first.find(name);
        return value.isPresent() ? value : second.find(name);
      }

      @Override
      public String absence(String name) {
        return first.absence(name) + " and " + second.absence(name);
      }
    };
  }
}
