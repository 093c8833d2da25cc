package org.fnmisp.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Normalises function inputs the way resilient-circuits records them in the v2 payload: a select
 * {@code {"id":53,"name":"Event"}} becomes {@code "Event"}, a multiselect becomes the list of names, a textarea
 * {@code {"format":"text","content":"x"}} becomes {@code "x"}; every other value is kept as received.
 */
public final class Inputs {

  private Inputs() {}

  public static ObjectNode normalise(JsonNode inputs) {
    ObjectNode normalised = JsonNodeFactory.instance.objectNode();
    if (inputs == null || !inputs.isObject()) {
      return normalised;
    }
    for (Map.Entry<String, JsonNode> field : inputs.properties()) {
      normalised.set(field.getKey(), normaliseValue(field.getValue()));
    }
    return normalised;
  }

  private static JsonNode normaliseValue(JsonNode value) {
    if (isSelect(value)) {
      return value.get("name");
    }
    if (isTextarea(value)) {
      return value.get("content");
    }
    if (value.isArray() && value.size() > 0 && allSelects(value)) {
      ArrayNode names = JsonNodeFactory.instance.arrayNode();
      value.forEach(item -> names.add(item.get("name")));
      return names;
    }
    return value;
  }

  private static boolean allSelects(JsonNode array) {
    for (JsonNode item : array) {
      if (!isSelect(item)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSelect(JsonNode value) {
    return value.isObject() && value.size() == 2 && value.has("id") && value.has("name");
  }

  private static boolean isTextarea(JsonNode value) {
    return value.isObject() && value.has("content") && value.has("format") && value.size() <= 3;
  }
}
