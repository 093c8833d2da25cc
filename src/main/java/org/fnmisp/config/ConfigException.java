package org.fnmisp.config;

/**
 * A bad or missing configuration value. The message names the section, the key, the value (never a secret's) and
 * the reason, e.g. {@code [resilient] num_workers = 0: must be between 1 and 2000}.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A bad value of one key; pass {@code "[hidden]"} as the value of a secret. */
  public static ConfigException badValue(String section, String key, String value, String reason) {
    return new ConfigException("[" + section + "] " + key + " = " + value + ": " + reason);
  }

  /** A key that is required but absent or empty. */
  public static ConfigException missing(String section, String key, String hint) {
    return new ConfigException("[" + section + "] " + key + " is not set: " + hint);
  }
}
