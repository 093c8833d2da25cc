package org.fnmisp.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fnmisp.config.ValueTypes;
import org.fnmisp.handler.FunctionException;
import org.fnmisp.handler.FunctionInvocation;

/**
 * Reads and checks one invocation's inputs before anything is sent to MISP. Every failure names the input and the
 * value received, e.g. {@code misp_event_id must be an integer, got "abc"}.
 */
final class InputReader {

  /** Longer input values are cut in status messages and errors; the result content keeps them whole. */
  static final int SHOWN_CHARACTERS = 200;

  private final FunctionInvocation invocation;

  InputReader(FunctionInvocation invocation) {
    this.invocation = invocation;
  }

  /** A text input that must be set and not blank; numbers and booleans are taken as their text. */
  String requiredText(String name) throws FunctionException {
    return optionalText(name).orElseThrow(() -> missing(name));
  }

  Optional<String> optionalText(String name) throws FunctionException {
    JsonNode value = invocation.input(name);
    if (isUnset(value)) {
      return Optional.empty();
    }
    if (!value.isValueNode()) {
      throw new FunctionException(name + " must be text, got " + shown(value));
    }
    return Optional.of(value.asText());
  }

  /** A positive whole number: a JSON number, a numeric string or a float with no fraction ({@code 42.0}). */
  long requiredId(String name) throws FunctionException {
    JsonNode value = invocation.input(name);
    if (isUnset(value)) {
      throw missing(name);
    }
    long id = integer(name, value);
    if (id <= 0) {
      throw new FunctionException(name + " must be a positive integer, got " + shown(value));
    }
    return id;
  }

  /** A whole number, or null when the input is not set (MISP's default then applies). */
  Long optionalInteger(String name) throws FunctionException {
    JsonNode value = invocation.input(name);
    return isUnset(value) ? null : integer(name, value);
  }

  /** A whole number of at least 1, or null when the input is not set. */
  Integer optionalPositive(String name, int max) throws FunctionException {
    Long value = optionalInteger(name);
    if (value == null) {
      return null;
    }
    if (value < 1 || value > max) {
      throw new FunctionException(name + " must be between 1 and " + max + ", got " + invocation.input(name));
    }
    return value.intValue();
  }

  /** A boolean: JSON true/false, or the text true/false/yes/no/1/0 (any case); null when not set. */
  Boolean optionalBoolean(String name) throws FunctionException {
    JsonNode value = invocation.input(name);
    if (isUnset(value)) {
      return null;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    String text = value.asText().strip().toLowerCase(java.util.Locale.ROOT);
    if (List.of("true", "yes", "1").contains(text)) {
      return true;
    }
    if (List.of("false", "no", "0").contains(text)) {
      return false;
    }
    throw new FunctionException(name + " must be true or false, got " + value);
  }

  /**
   * A list: a JSON array of texts, or a text of comma-separated items (a comma inside double quotes belongs to the
   * item, as in {@code misp-galaxy:x="a, b"}); empty when not set.
   */
  List<String> optionalList(String name) throws FunctionException {
    JsonNode value = invocation.input(name);
    if (isUnset(value)) {
      return List.of();
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isValueNode() || item.asText().isBlank()) {
          throw new FunctionException(name + " must be a list of texts, got " + value);
        }
        items.add(item.asText().strip());
      }
      return items;
    }
    if (!value.isValueNode()) {
      throw new FunctionException(name + " must be text, got " + value);
    }
    return ValueTypes.splitList(value.asText());
  }

  private static long integer(String name, JsonNode value) throws FunctionException {
    BigDecimal number = null;
    if (value.isNumber()) {
      number = value.decimalValue();
    } else if (value.isTextual()) {
      try {
        number = new BigDecimal(value.asText().trim());
      } catch (NumberFormatException notANumber) {
        number = null;
      }
    }
    try {
      if (number != null) {
        return number.stripTrailingZeros().longValueExact();
      }
    } catch (ArithmeticException notWhole) {
      // reported below, with the value as received
    }
    throw new FunctionException(name + " must be an integer, got " + shown(value));
  }

  /**
   * A value as a status message or error shows it: whole up to {@value #SHOWN_CHARACTERS} characters, else its start
   * and its length, so a pasted e-mail body does not flood SOAR's status panel or the log.
   */
  static String shown(String value) {
    if (value.length() <= SHOWN_CHARACTERS) {
      return value;
    }
    return value.substring(0, SHOWN_CHARACTERS) + "... (" + value.length() + " characters)";
  }

  private static String shown(JsonNode value) {
    return shown(value.toString());
  }

  private static boolean isUnset(JsonNode value) {
    return value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank());
  }

  private static FunctionException missing(String name) {
    return new FunctionException(name + " is required but was not set");
  }
}
