package org.fnmisp.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a function produced: the v2 payload's {@code success}, {@code reason} and {@code content}, plus any extra
 * top-level keys kept for older workflows (search's {@code tags}).
 */
public record FunctionResult(boolean success, String reason, JsonNode content, Map<String, JsonNode> extra) {

  public FunctionResult {
    content = content == null ? NullNode.getInstance() : content;
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public static FunctionResult ok(JsonNode content) {
    return new FunctionResult(true, null, content, Map.of());
  }

  public static FunctionResult of(boolean success, JsonNode content) {
    return new FunctionResult(success, null, content, Map.of());
  }

  public static FunctionResult failed(String reason, JsonNode content) {
    return new FunctionResult(false, reason, content, Map.of());
  }

  /** A copy with one more top-level key in the payload. */
  public FunctionResult withExtra(String key, JsonNode value) {
    Map<String, JsonNode> more = new LinkedHashMap<>(extra);
    more.put(key, value);
    return new FunctionResult(success, reason, content, more);
  }
}
