package org.fnmisp.config;

import java.util.function.Function;

/**
 * How the text of one config value becomes a typed value. The parser throws {@link IllegalArgumentException} whose
 * message is the reason, phrased to follow "key = value: " (e.g. "not a whole number").
 *
 * @param description what the value looks like, for the configuration reference (e.g. "integer", "seconds")
 * @param parser text (trimmed, never empty) to value
 * @param formatter value back to text, for defaults in the template and the reference
 */
public record ValueType<T>(String description, Function<String, T> parser, Function<T, String> formatter) {

  public T parse(String text) {
    return parser.apply(text);
  }

  public String format(T value) {
    return formatter.apply(value);
  }
}
