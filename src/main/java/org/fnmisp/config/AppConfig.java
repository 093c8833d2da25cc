package org.fnmisp.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fnmisp.config.secrets.EnvironmentSecrets;
import org.fnmisp.config.secrets.SecretSource;

/**
 * A loaded app.config: the INI text, secret references resolved in {@code [resilient]}, {@code [integrations]} and
 * {@code [fn_misp]}, and every catalogue key that is present checked once, at load, so a bad value stops the process
 * at start-up rather than in the middle of a function call. Other sections and unknown keys are kept as they are
 * (other apps share the file). Immutable and thread-safe.
 */
public final class AppConfig {

  private final Path source;
  private final IniFile ini;
  private final Map<String, Map<String, String>> resolved;
  private final Map<String, String> environment;
  private final List<String> warnings;

  private AppConfig(Path source, IniFile ini, Map<String, Map<String, String>> resolved,
      Map<String, String> environment, List<String> warnings) {
    this.source = source;
    this.ini = ini;
    this.resolved = resolved;
    this.environment = environment;
    this.warnings = warnings;
  }

  /**
   * Reads, resolves and validates a file.
   *
   * @param environment the variables that secret references, {@code LOGLEVEL} and {@code APP_LOG_DIR} read
   * @throws ConfigException for an unreadable file, a malformed line, an unresolved reference or a bad value; all bad
   *     values are named in one message
   */
  public static AppConfig load(Path file, Map<String, String> environment) {
    return load(file, environment, new EnvironmentSecrets(environment));
  }

  /** Like {@link #load(Path, Map)}, with references resolved from {@code secrets}. */
  public static AppConfig load(Path file, Map<String, String> environment, SecretSource secrets) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException("Cannot read the config file " + file + ": it is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException("Cannot read the config file " + file + ": " + e.getMessage(), e);
    }
    return create(text, file, file.toString(), environment, secrets);
  }

  /** Like {@link #load} for text in memory; {@code sourceName} names it in messages. */
  public static AppConfig parse(String text, String sourceName, Map<String, String> environment) {
    return create(text, Path.of(sourceName), sourceName, environment, new EnvironmentSecrets(environment));
  }

  private static AppConfig create(String text, Path source, String sourceName, Map<String, String> environment,
      SecretSource secrets) {
    IniFile ini = IniFile.parse(text, sourceName);
    List<String> errors = new ArrayList<>();
    Map<String, Map<String, String>> resolved = resolve(ini, secrets, errors);
    AppConfig config = new AppConfig(source, ini, resolved, Map.copyOf(environment), warnings(ini));
    config.validate(errors);
    if (!errors.isEmpty()) {
      throw new ConfigException(String.join("; ", errors));
    }
    return config;
  }

  /**
   * The value of a key: the environment override if set, else the file's value, else the environment default, else
   * the fallback key's value, else the key's default; null when none applies.
   */
  public <T> T get(ConfigKey<T> key) {
    Optional<T> own = own(key);
    if (own.isPresent()) {
      return own.get();
    }
    return key.fallback() != null ? get(key.fallback()) : key.defaultValue();
  }

  /**
   * The value of a key that must be set.
   *
   * @throws ConfigException naming the section and key, with the key's doc line as a hint, when absent or empty
   */
  public <T> T require(ConfigKey<T> key) {
    T value = get(key);
    if (value == null) {
      throw ConfigException.missing(key.section(), key.name(), "add it to " + source + " (" + key.doc() + ")");
    }
    return value;
  }

  /** Any key of any section as text (secret references resolved in fn-misp's sections); the key is case-insensitive. */
  public Optional<String> raw(String section, String key) {
    Map<String, String> values = resolved.get(section);
    if (values == null) {
      return ini.value(section, key);
    }
    return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT)));
  }

  public boolean hasSection(String section) {
    return ini.hasSection(section);
  }

  /** The section names in file order. */
  public Set<String> sections() {
    return ini.sectionNames();
  }

  public Path source() {
    return source;
  }

  /** Things worth a WARN line at start-up, such as a probably misspelled key. Never holds a value. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "AppConfig[" + source + "]";
  }

  /** The key's own value, from the environment or the file, without fallback or default. */
  private <T> Optional<T> own(ConfigKey<T> key) {
    String override = key.environmentOverride() == null ? null : nonBlank(environment.get(key.environmentOverride()));
    if (override != null) {
      return Optional.of(key.parse(override, "$" + key.environmentOverride() + " " + key.shown(override)));
    }
    Optional<String> text = raw(key.section(), key.name()).map(String::strip).filter(value -> !value.isEmpty());
    if (text.isPresent()) {
      return Optional.of(key.parse(text.get(), shown(key, text.get())));
    }
    String fromEnvironment = key.environmentDefault() == null ? null
        : nonBlank(environment.get(key.environmentDefault()));
    return Optional.ofNullable(fromEnvironment).map(value -> key.parse(value, key.shown(value)));
  }

  private void validate(List<String> errors) {
    for (ConfigKey<?> key : ConfigCatalogue.all()) {
      try {
        own(key);
      } catch (ConfigException e) {
        errors.add(e.getMessage());
      }
    }
  }

  private String shown(ConfigKey<?> key, String resolvedText) {
    String written = ini.value(key.section(), key.name()).orElse(resolvedText).strip();
    // A value built from references is shown as written, so the resolved secret never reaches a message.
    return !key.secret() && SecretReferences.hasReference(written) ? key.shown(written) : key.shown(resolvedText);
  }

  private static Map<String, Map<String, String>> resolve(IniFile ini, SecretSource secrets, List<String> errors) {
    SecretReferences references = new SecretReferences(secrets);
    Map<String, Map<String, String>> resolved = new LinkedHashMap<>();
    for (String section : ConfigCatalogue.SECTIONS) {
      Map<String, String> values = new LinkedHashMap<>();
      ini.section(section).forEach((key, value) -> {
        try {
          values.put(key, references.resolve(section, key, value));
        } catch (ConfigException e) {
          errors.add(e.getMessage());
        }
      });
      resolved.put(section, values);
    }
    return resolved;
  }

  private static List<String> warnings(IniFile ini) {
    List<String> warnings = new ArrayList<>();
    for (String section : ConfigCatalogue.SECTIONS) {
      Set<String> known = ConfigCatalogue.section(section).stream().map(ConfigKey::name).collect(Collectors.toSet());
      for (String key : ini.section(section).keySet()) {
        if (!known.contains(key)) {
          KeySpelling.suggestion(key, known).ifPresent(suggestion -> warnings.add("[" + section + "] " + key
              + " is not a key fn-misp knows; did you mean " + suggestion + "? (kept as it is)"));
        }
      }
    }
    return List.copyOf(warnings);
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
