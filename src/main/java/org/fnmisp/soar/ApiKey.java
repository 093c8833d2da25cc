package org.fnmisp.soar;

import java.util.Objects;
import org.fnmisp.config.Secret;

/** {@code [resilient] api_key_id} and {@code api_key_secret}; sent as HTTP Basic auth on every request. */
public record ApiKey(String id, Secret secret) implements SoarCredentials {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
  }

  @Override
  public String description() {
    return "API key " + id;
  }
}
