package org.fnmisp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fnmisp.config.KeySpelling;
import org.fnmisp.functions.InputType;
import org.fnmisp.json.Json;

/**
 * The inputs of {@code invoke <function> name=value ...}: an optional JSON object file ({@code --input-file}) and then
 * {@code name=value} arguments, which win over the file. A value is typed as SOAR types it: a text input keeps the
 * string exactly ({@code 0e462097431906509019562988736854} is an MD5, not a number), a number, boolean or select input
 * is taken as JSON when it is JSON ({@code 42}, {@code true}, {@code {"id":1,"name":"Event"}}) and as text otherwise,
 * so the function names the bad value. Every name must be one of the function's inputs.
 */
public final class InvokeArguments {

  private InvokeArguments() {}

  /**
   * The inputs of one call: those of {@code inputFile}, then each {@code name=value} token over them.
   *
   * @param function the function, for messages
   * @param declared the function's inputs and their types
   * @throws IllegalArgumentException naming the bad {@code name=value} token, the unknown input or the file and what
   *     is wrong with it
   */
  public static ObjectNode parse(String function, Map<String, InputType> declared, List<String> nameEqualsValue,
      Optional<Path> inputFile) {
    ObjectNode inputs = inputFile.map(InvokeArguments::readFile).orElseGet(Json::object);
    inputs.fieldNames().forEachRemaining(name -> requireKnown(function, declared, name));
    for (String token : nameEqualsValue) {
      int equals = token.indexOf('=');
      if (equals <= 0 || token.substring(0, equals).isBlank()) {
        throw new IllegalArgumentException(
            "Bad input argument \"" + token + "\": expected name=value, e.g. misp_event_id=42");
      }
      String name = token.substring(0, equals).trim();
      requireKnown(function, declared, name);
      String text = token.substring(equals + 1);
      inputs.set(name, declared.get(name) == InputType.TEXT ? TextNode.valueOf(text) : jsonOrText(text));
    }
    return inputs;
  }

  private static void requireKnown(String function, Map<String, InputType> declared, String name) {
    if (!declared.containsKey(name)) {
      String hint = KeySpelling.suggestion(name, declared.keySet()).map(known -> "did you mean " + known + "? ")
          .orElse("");
      throw new IllegalArgumentException(function + " has no input \"" + name + "\"; " + hint + "its inputs are "
          + String.join(", ", declared.keySet()));
    }
  }

  private static JsonNode jsonOrText(String text) {
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
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("Cannot read the input file " + file + ": it does not exist", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("Cannot read the input file " + file + ": permission denied", e);
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "it is a directory, not a file" : e.getMessage();
      throw new IllegalArgumentException("Cannot read the input file " + file + ": " + why, e);
    }
    JsonNode parsed;
    try {
      parsed = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The input file " + file + " is not valid JSON: " + Json.problem(e), e);
    }
    if (!(parsed instanceof ObjectNode object)) {
      String found = parsed.isMissingNode() ? "nothing (the file is empty)"
          : parsed.getNodeType().name().toLowerCase(Locale.ROOT);
      throw new IllegalArgumentException("The input file " + file + " must hold a JSON object of inputs, e.g."
          + " {\"misp_event_id\": 42}, not " + found);
    }
    return object;
  }
}
