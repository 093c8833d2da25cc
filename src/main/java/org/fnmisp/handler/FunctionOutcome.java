package org.fnmisp.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How one invocation ended: either completed with a v2 result payload (whatever its {@code success}), or failed with
 * a readable error text for SOAR's error reply ({@code message_type} 1).
 */
public record FunctionOutcome(ObjectNode results, String error) {

  /** How resilient-circuits begins the error text of an unexpected failure, followed by what happened. */
  public static final String ERROR_PREFIX = "ERROR:\n\n";

  public static FunctionOutcome completed(ObjectNode results) {
    return new FunctionOutcome(results, null);
  }

  public static FunctionOutcome failed(String error) {
    return new FunctionOutcome(null, error);
  }

  public boolean isCompleted() {
    return results != null;
  }
}
