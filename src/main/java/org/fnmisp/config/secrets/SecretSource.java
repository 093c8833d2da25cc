package org.fnmisp.config.secrets;

import java.util.Optional;

/** Where the {@code $NAME} and {@code ${NAME}} references of app.config take their values from. */
public interface SecretSource {

  /**
   * The value of the secret {@code name}, or empty when this source has none.
   *
   * @throws SecretException when the source has the secret but cannot give its value; the message never holds it
   */
  Optional<String> find(String name);

  /** Says where {@code name} was looked for, for the message of an unresolved reference, e.g. "the environment
   * variable NAME is not set". */
  String absence(String name);
}
