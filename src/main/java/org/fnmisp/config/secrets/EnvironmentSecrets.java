package org.fnmisp.config.secrets;

import java.util.Map;
import java.util.Optional;

/** Secrets from environment variables, the only source outside App Host. */
public final class EnvironmentSecrets implements SecretSource {

  private final Map<String, String> environment;

  public EnvironmentSecrets(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Optional<String> find(String name) {
    return Optional.ofNullable(environment.get(name));
  }

  @Override
  public String absence(String name) {
    return "the environment variable " + name + " is not set";
  }
}
