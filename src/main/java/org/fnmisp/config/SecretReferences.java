package org.fnmisp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fnmisp.config.secrets.SecretException;
import org.fnmisp.config.secrets.SecretSource;

/**
 * Resolves secret references in a config value, as resilient-circuits does: {@code $NAME} as the whole value,
 * {@code ${NAME}} anywhere inside it (several allowed), from a {@link SecretSource} (the environment, and App Host's
 * protected secrets first in App Host). Unlike resilient-circuits, an unresolved reference is an error: silently
 * using the literal {@code $NAME} as a password only fails later, far from the cause.
 */
final class SecretReferences {

  private static final Pattern WHOLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern INSIDE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final SecretSource secrets;

  SecretReferences(SecretSource secrets) {
    this.secrets = secrets;
  }

  static boolean hasReference(String value) {
    return WHOLE.matcher(value).matches() || INSIDE.matcher(value).find();
  }

  /** The names of the variables {@code value} refers to, in order. */
  static List<String> variables(String value) {
    Matcher whole = WHOLE.matcher(value);
    if (whole.matches()) {
      return List.of(whole.group(1));
    }
    List<String> names = new ArrayList<>();
    Matcher inside = INSIDE.matcher(value);
    while (inside.find()) {
      names.add(inside.group(1));
    }
    return names;
  }

  /**
   * The value with its references replaced.
   *
   * @throws ConfigException naming the key and the reference when a secret is missing or unusable
   */
  String resolve(String section, String key, String value) {
    Matcher whole = WHOLE.matcher(value);
    if (whole.matches()) {
      return lookup(section, key, whole.group(1));
    }
    Matcher inside = INSIDE.matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (inside.find()) {
      inside.appendReplacement(resolved, Matcher.quoteReplacement(lookup(section, key, inside.group(1))));
    }
    inside.appendTail(resolved);
    return resolved.toString();
  }

  private String lookup(String section, String key, String name) {
    String reference = "[" + section + "] " + key + " refers to $" + name;
    try {
      return secrets.find(name)
          .orElseThrow(() -> new ConfigException(reference + ", but " + secrets.absence(name)));
    } catch (SecretException e) {
      throw new ConfigException(reference + ", but " + e.getMessage(), e);
    }
  }
}
