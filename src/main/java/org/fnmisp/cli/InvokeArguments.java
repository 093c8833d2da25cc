package org.fnmisp.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fnmisp.json.Json;

/**
 * The inputs of {@code invoke <function> name=value ...}: an optional JSON object file ({@code --input-file}) and then
 * {@code name=value} arguments, which win over the file. A value that is a complete JSON text (number, boolean,
 * null, object, array, quoted string) is taken as JSON; anything else, such as {@code 8.8.8.8} or
 * {@code tlp:white}, as a string.
 */
public final class InvokeArguments {

  private InvokeArguments() {}

  /**
   * The inputs of one call: those of {@code inputFile}, then each {@code name=value} token over them.
   *
   * @throws IllegalArgumentException naming the bad {@code name=value} token or the file and what is wrong with it
   */
  public static ObjectNode parse(List<String> nameEqualsValue, Optional<Path> inputFile) {
    ObjectNode inputs = inputFile.map(InvokeArguments::readFile).orElseGet(Json::object);
    for (String token : nameEqualsValue) {
      int equals = token.indexOf('=');
      if (equals <= 0 || token.substring(0, equals).isBlank()) {
        throw new IllegalArgumentException(
            "Bad input argument \"" + token + "\": expected name=value, e.g. misp_event_id=42");
      }
      inputs.set(token.substring(0, equals).trim(), value(token.substring(equals + 1)));
    }
    return inputs;
  }

  private static JsonNode value(String text) {
    if (text.isBlank()) {
      return TextNode.valueOf(text);
    }
    try {
      return Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
    } catch (IOException notJson) {
      return TextNode.valueOf(text);
    }
  }

  private static ObjectNode readFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the input file " + file + ": " + e.getMessage(), e);
    }
    JsonNode parsed;
    try {
      parsed = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("The input file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw new IllegalArgumentException("The input file " + file + " must hold a JSON object of inputs, e.g."
          + " {\"misp_event_id\": 42}, not " + parsed.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return object;
  }
}
