package org.fnmisp.soar;

import java.util.Objects;
import org.fnmisp.config.Secret;

/**
 * {@code [resilient] email} and {@code password}: deprecated, logs in once with {@code POST /rest/session} and then
 * sends the {@code JSESSIONID} cookie and the {@code X-sess-id} CSRF header.
 */
public record UserPassword(String email, Secret password) implements SoarCredentials {

  public UserPassword {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String description() {
    return "user " + email;
  }
}
