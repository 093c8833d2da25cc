package org.fnmisp.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * {@code [fn_misp]}, and every catalogue key that is present in the sections a command uses checked once, at load, so
 * a bad value stops the process at start-up rather than in the middle of a function call. A section the command does
 * not use is not checked (a {@code [resilient]} still holding template placeholders does not stop {@code invoke});
 * its keys are checked when read. Other sections and unknown keys are kept as they are (other apps share the file).
 * Immutable and thread-safe.
 */
public final class AppConfig {

  private final Path source;
  private final IniFile ini;
  private final Map<String, Map<String, String>> resolved;
  /** References that could not be resolved, by section and key: reported when the section is checked or read. */
  private final Map<String, Map<String, ConfigException>> unresolved;
  private final Map<String, String> environment;
  private final List<String> warnings;
  /** Values given on the command line, by key: they win over the environment and the file. */
  private final Map<ConfigKey<?>, Object> overrides;

  private AppConfig(Path source, IniFile ini, Map<String, Map<String, String>> resolved,
      Map<String, Map<String, ConfigException>> unresolved, Map<String, String> environment, List<String> warnings,
      Map<ConfigKey<?>, Object> overrides) {
    this.source = source;
    this.ini = ini;
    this.resolved = resolved;
    this.unresolved = unresolved;
    this.environment = environment;
    this.warnings = warnings;
    this.overrides = overrides;
  }

  /**
   * Reads, resolves and validates a file, every section fn-misp knows.
   *
   * @param environment the variables that secret references, {@code LOGLEVEL} and {@code APP_LOG_DIR} read
   * @throws ConfigException for an unreadable file, a malformed line, an unresolved reference or a bad value; all bad
   *     values are named in one message
   */
  public static AppConfig load(Path file, Map<String, String> environment) {
    return load(file, environment, ConfigCatalogue.SECTIONS);
  }

  /**
   * Reads and resolves a file and validates the keys of {@code checkedSections}, the ones the caller uses.
   *
   * @throws ConfigException for an unreadable file, a malformed line, or an unresolved reference or bad value in
   *     {@code checkedSections}; all of them named in one message
   */
  public static AppConfig load(Path file, Map<String, String> environment, Collection<String> checkedSections) {
    return load(file, environment, new EnvironmentSecrets(environment), checkedSections);
  }

  /** Like {@link #load(Path, Map, Collection)}, with references resolved from {@code secrets}. */
  public static AppConfig load(Path file, Map<String, String> environment, SecretSource secrets,
      Collection<String> checkedSections) {
    if (Files.isDirectory(file)) {
      throw new ConfigException("Cannot read the config file " + file + ": it is a directory, not a file");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException("Cannot read the config file " + file + ": it is not UTF-8 text", e);
    } catch (NoSuchFileException e) {
      throw new ConfigException("Cannot read the config file " + file + ": it does not exist", e);
    } catch (AccessDeniedException e) {
      throw new ConfigException("Cannot read the config file " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new ConfigException("Cannot read the config file " + file + ": " + e.getMessage(), e);
    }
    return create(text, file, file.toString(), environment, secrets, checkedSections);
  }

  /** Like {@link #load} for text in memory; {@code sourceName} names it in messages. */
  public static AppConfig parse(String text, String sourceName, Map<String, String> environment) {
    return create(text, Path.of(sourceName), sourceName, environment, new EnvironmentSecrets(environment),
        ConfigCatalogue.SECTIONS);
  }

  private static AppConfig create(String text, Path source, String sourceName, Map<String, String> environment,
      SecretSource secrets, Collection<String> checkedSections) {
    IniFile ini = IniFile.parse(text, sourceName);
    Map<String, Map<String, ConfigException>> unresolved = new LinkedHashMap<>();
    Map<String, Map<String, String>> resolved = resolve(ini, secrets, unresolved);
    AppConfig config = new AppConfig(source, ini, resolved, unresolved, Map.copyOf(environment), warnings(ini),
        Map.of());
    config.check(checkedSections);
    return config;
  }

  /**
   * Validates every key of {@code sections}, for a part of a command that uses sections it did not check at load
   * (e.g. selftest's SOAR checks).
   *
   * @throws ConfigException naming every unresolved reference and bad value in those sections
   */
  public void check(Collection<String> sections) {
    Set<String> errors = new LinkedHashSet<>();
    for (String section : sections) {
      unresolved.getOrDefault(section, Map.of()).values().forEach(e -> errors.add(e.getMessage()));
      for (ConfigKey<?> key : ConfigCatalogue.section(section)) {
        try {
          own(key);
        } catch (ConfigException e) {
          errors.add(e.getMessage());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(String.join("; ", errors));
    }
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
   * This config with {@code key} set to {@code value} by a command-line option, which wins over the environment and
   * the file; keys that fall back to {@code key} get it too.
   *
   * @param option the option, as the message names it when the key's constraint refuses the value
   * @throws ConfigException "option value: reason" when the key's constraint refuses the value
   */
  public <T> AppConfig with(ConfigKey<T> key, T value, String option) {
    key.check(value, option);
    Map<ConfigKey<?>, Object> values = new HashMap<>(overrides);
    values.put(key, value);
    return new AppConfig(source, ini, resolved, unresolved, environment, warnings, Map.copyOf(values));
  }

  /**
   * The key whose value {@link #get} returns for {@code key}: the key itself when it has a value of its own, else the
   * key it falls back to (the last of the chain when none has one), so that a message names the key to fix.
   */
  public <T> ConfigKey<T> decidingKey(ConfigKey<T> key) {
    ConfigKey<T> deciding = key;
    while (deciding.fallback() != null && own(deciding).isEmpty()) {
      deciding = deciding.fallback();
    }
    return deciding;
  }

  /**
   * The value of a key that must be set.
   *
   * @throws ConfigException naming the section and key, with the key's doc line as a hint, when absent or empty
   */
  public <T> T require(ConfigKey<T> key) {
    T value = get(key);
    if (value == null) {
      String written = ini.value(key.section(), key.name()).orElse("").strip();
      if (SecretReferences.hasReference(written)) {
        throw ConfigException.badValue(key.section(), key.name(), written, "the environment variable "
            + String.join(" and ", SecretReferences.variables(written)) + " is empty; set it to the value");
      }
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
    String name = key.toLowerCase(Locale.ROOT);
    ConfigException failure = unresolved.getOrDefault(section, Map.of()).get(name);
    if (failure != null) {
      throw new ConfigException(failure.getMessage());
    }
    return Optional.ofNullable(values.get(name));
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

  /** The key's own value, from the command line, the environment or the file, without fallback or default. */
  private <T> Optional<T> own(ConfigKey<T> key) {
    if (overrides.containsKey(key)) {
      @SuppressWarnings("unchecked") // with() puts only a T under a ConfigKey<T>.
      T value = (T) overrides.get(key);
      return Optional.of(value);
    }
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

  private String shown(ConfigKey<?> key, String resolvedText) {
    String written = ini.value(key.section(), key.name()).orElse(resolvedText).strip();
    // A value built from references is shown as written, so the resolved secret never reaches a message.
    return !key.secret() && SecretReferences.hasReference(written) ? key.shown(written) : key.shown(resolvedText);
  }

  private static Map<String, Map<String, String>> resolve(IniFile ini, SecretSource secrets,
      Map<String, Map<String, ConfigException>> unresolved) {
    SecretReferences references = new SecretReferences(secrets);
    Map<String, Map<String, String>> resolved = new LinkedHashMap<>();
    for (String section : ConfigCatalogue.SECTIONS) {
      Map<String, String> values = new LinkedHashMap<>();
      ini.section(section).forEach((key, value) -> {
        try {
          values.put(key, references.resolve(section, key, value));
        } catch (ConfigException e) {
          unresolved.computeIfAbsent(section, name -> new LinkedHashMap<>()).put(key, e);
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
