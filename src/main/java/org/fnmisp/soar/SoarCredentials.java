package org.fnmisp.soar;

/**
 * How fn-misp logs in to SOAR: an API key (preferred, stateless HTTP Basic on every request) or the deprecated
 * email/password session. Implementations never show the secret in {@code toString()}.
 */
public sealed interface SoarCredentials permits ApiKey, UserPassword {

  /** Names the principal without its secret, e.g. {@code API key 0a1b...} or {@code user soc@example.com}. */
  String description();
}
