package org.fnmisp.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One key of app.config, declared once: everything else (start-up validation, the {@code config -c} template,
 * app.config.sample and doc/configuration.md) is derived from these declarations.
 *
 * @param section the INI section, e.g. {@code resilient}
 * @param name the lower-case key name
 * @param type how the text becomes a value
 * @param defaultValue used when the key is absent or empty; null for none
 * @param constraint the allowed range; null when every value of the type is allowed
 * @param doc one line for the template, the reference and "is not set" hints
 * @param secret true for passwords and keys: the value is never shown
 * @param template what {@code config -c} writes for this key; null to leave it out
 * @param fallback the key whose value applies when this one is absent (e.g. {@code stomp_host} → {@code host}); null
 *     for none
 * @param environmentOverride an environment variable that wins over the file (e.g. {@code LOGLEVEL}); null for none
 * @param environmentDefault an environment variable used before {@code defaultValue} when the key is absent (e.g.
 *     {@code APP_LOG_DIR}); null for none
 */
public record ConfigKey<T>(String section, String name, ValueType<T> type, T defaultValue, Constraint<T> constraint,
    String doc, boolean secret, Template template, ConfigKey<T> fallback, String environmentOverride,
    String environmentDefault) {

  private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]*>");
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:]*:)[^/@]*@");

  public ConfigKey {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
  }

  /**
   * What {@code config -c} writes for a key.
   *
   * @param value the text after {@code key = }
   * @param commented true to write the line as a comment ({@code #key = value}), for optional keys
   */
  public record Template(String value, boolean commented) {}

  public static <T> Builder<T> builder(String section, String name, ValueType<T> type) {
    return new Builder<>(section, name, type);
  }

  /** A resilient-circuits key fn-misp accepts so that shared files keep working, but does not use. */
  public static ConfigKey<String> compatibility(String section, String name) {
    return builder(section, name, ValueTypes.STRING).doc("accepted for compatibility, no effect").build();
  }

  /** {@code [section] name}, as messages name a key. */
  public String qualifiedName() {
    return "[" + section + "] " + name;
  }

  /**
   * Turns the (resolved, trimmed, non-empty) text into a value and checks it.
   *
   * @param shownAs how an error message shows the value; see {@link #shown(String)}
   * @throws ConfigException naming the section, key, shown value and reason
   */
  public T parse(String text, String shownAs) {
    if (PLACEHOLDER.matcher(text).matches()) {
      // A template placeholder is not the operator's secret, so naming it is safe and makes the fix obvious.
      throw ConfigException.badValue(section, name, secret ? "[hidden]" : shownAs,
          "still the template placeholder " + text + "; replace it with the real value");
    }
    T value;
    try {
      value = type.parse(text);
    } catch (IllegalArgumentException e) {
      throw ConfigException.badValue(section, name, shownAs, e.getMessage());
    }
    if (constraint != null) {
      constraint.violation(value).ifPresent(reason -> {
        throw ConfigException.badValue(section, name, shownAs, reason);
      });
    }
    return value;
  }

  /**
   * Checks a value given elsewhere than in app.config, such as a command-line option, against the key's constraint.
   *
   * @param origin names where the value comes from, e.g. {@code --num-workers}
   * @throws ConfigException "origin value: reason" when the constraint refuses it
   */
  public T check(T value, String origin) {
    if (constraint != null) {
      constraint.violation(value).ifPresent(reason -> {
        throw new ConfigException(origin + " " + type.format(value) + ": " + reason);
      });
    }
    return value;
  }

  /** The value as messages may show it: {@code [hidden]} for a secret, a URL's password masked otherwise. */
  public String shown(String text) {
    return secret ? "[hidden]" : URL_PASSWORD.matcher(text).replaceAll("$1***@");
  }

  /** The default as the reference documents it, including fallbacks and environment variables. */
  public String defaultDescription() {
    StringBuilder text = new StringBuilder();
    if (environmentOverride != null) {
      text.append('$').append(environmentOverride).append(", else ");
    }
    if (fallback != null) {
      text.append("the value of ").append(fallback.qualifiedName());
      return text.toString();
    }
    if (environmentDefault != null) {
      text.append('$').append(environmentDefault).append(", else ");
    }
    return defaultValue == null ? text.append("none").toString() : text.append(type.format(defaultValue)).toString();
  }

  /** Builds a key; only section, name, type and doc are required. */
  public static final class Builder<T> {

    private final String section;
    private final String name;
    private final ValueType<T> type;
    private T defaultValue;
    private Constraint<T> constraint;
    private String doc;
    private boolean secret;
    private Template template;
    private ConfigKey<T> fallback;
    private String environmentOverride;
    private String environmentDefault;

    private Builder(String section, String name, ValueType<T> type) {
      this.section = section;
      this.name = name;
      this.type = type;
    }

    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    public Builder<T> constraint(Constraint<T> value) {
      this.constraint = value;
      return this;
    }

    public Builder<T> doc(String value) {
      this.doc = value;
      return this;
    }

    public Builder<T> secret() {
      this.secret = true;
      return this;
    }

    /** {@code config -c} writes {@code key = value}. */
    public Builder<T> template(String value) {
      this.template = new Template(value, false);
      return this;
    }

    /** {@code config -c} writes {@code #key = value}: an optional key, shown so operators find it. */
    public Builder<T> commentedTemplate(String value) {
      this.template = new Template(value, true);
      return this;
    }

    public Builder<T> fallback(ConfigKey<T> value) {
      this.fallback = value;
      return this;
    }

    public Builder<T> environmentOverride(String variable) {
      this.environmentOverride = variable;
      return this;
    }

    public Builder<T> environmentDefault(String variable) {
      this.environmentDefault = variable;
      return this;
    }

    public ConfigKey<T> build() {
      return new ConfigKey<>(section, name, type, defaultValue, constraint, doc, secret, template, fallback,
          environmentOverride, environmentDefault);
    }
  }
}
