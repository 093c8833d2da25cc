package org.fnmisp.cli;

import org.fnmisp.config.ValueTypes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --loglevel} option; it wins over {@code $LOGLEVEL} and {@code [resilient] loglevel}. */
public final class LogLevelOption {

  @Option(names = "--loglevel", paramLabel = "LEVEL", converter = LevelConverter.class,
      description = "DEBUG, INFO, WARNING, ERROR or CRITICAL (default: $LOGLEVEL, else [resilient] loglevel).")
  String level;

  /** The upper-case level, or null when not given. */
  public String level() {
    return level;
  }

  /** Accepts the level names app.config accepts. */
  static final class LevelConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
      try {
        return ValueTypes.LOG_LEVEL.parse(value.strip());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' " + e.getMessage());
      }
    }
  }
}
