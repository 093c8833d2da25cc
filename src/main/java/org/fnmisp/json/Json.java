package org.fnmisp.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one configured Jackson mapper of the process. Everything that reads or writes JSON goes through here, so
 * parsing rules (unknown properties ignored, big numbers kept exact) are the same for MISP, SOAR and STOMP bodies.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          // keep 2.0 as 2.0: the v2 payload's version must stay a number with a fraction when relayed
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses JSON text; a syntax error becomes {@link JsonException} naming what was being parsed. */
  public static JsonNode parse(String text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new JsonException(what + " is not valid JSON: " + problem(e), e);
    }
  }

  /**
   * What is wrong with a JSON text, for a person: Jackson's reason and where, without its {@code [Source: ...]}
   * location blocks, e.g. {@code Unexpected end-of-input: expected close marker for Object (line 1, column 6)}.
   */
  public static String problem(JsonProcessingException e) {
    String reason = String.valueOf(e.getOriginalMessage())
        .replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*]\\)|\\s*(at )?\\[Source: [^\\]]*]", "").strip();
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1 ? reason
        : reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /** Parses JSON bytes (UTF-8, the encoding of STOMP and HTTP bodies). */
  public static JsonNode parse(byte[] utf8, String what) {
    try {
      return MAPPER.readTree(utf8);
    } catch (JsonProcessingException e) {
      throw new JsonException(what + " is not valid JSON: " + problem(e), e);
    } catch (IOException e) {
      throw new JsonException(what + " could not be read: " + e.getMessage(), e);
    }
  }

  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new JsonException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new JsonException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static String writePretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new JsonException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
