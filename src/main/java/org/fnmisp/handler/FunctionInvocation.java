package org.fnmisp.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One call of a function: its API name, the broker's message id (stable across redeliveries; {@code "local"} when run
 * in-process) and the inputs, already normalised (select → name, multiselect → names, textarea → content).
 *
 * <p>The inputs node must not be modified after construction; handlers only read it.
 */
public record FunctionInvocation(String functionName, String messageId, ObjectNode inputs) {

  public FunctionInvocation {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(inputs, "inputs");
  }

  /** The input of that name; a missing node (never null) when SOAR did not send it. */
  public JsonNode input(String name) {
    JsonNode value = inputs.get(name);
    return value == null ? MissingNode.getInstance() : value;
  }
}
