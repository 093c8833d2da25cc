package org.fnmisp.config;

import java.util.Objects;

/**
 * A secret config value (API key, password). {@link #toString()} never shows it, so a secret that ends up in a log
 * line, an exception message or a reply by accident prints as {@code [hidden]}. Only {@link #reveal()} gives the value,
 * and only code that puts it on the wire should call it.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return "[hidden]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
