package org.fnmisp.functions;

import com.fasterxml.jackson.databind.JsonNode;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.misp.MispClient;

/**
 * {@code misp_create_sighting}: records a sighting of the value {@code misp_sighting} on every MISP attribute holding
 * it, with source "IBM QRadar SOAR". Content: MISP's reply as is, including its HTTP 200
 * {@code {"message": "Could not add the Sighting. ..."}} when no attribute matches (fn_misp kept success true), or
 * {@code {"errors": [status, body]}} when MISP refuses (4xx).
 */
public final class CreateSightingFunction implements FunctionHandler {

  public static final String NAME = "misp_create_sighting";

  /** The source MISP shows for our sightings (fn_misp 3.0.2; "IBM Resilient SOAR" before). */
  static final String SOURCE = "IBM QRadar SOAR";

  private final MispClient misp;

  public CreateSightingFunction(MispClient misp) {
    this.misp = misp;
  }

  @Override
  public FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception {
    String value = new InputReader(invocation).requiredText("misp_sighting");

    status.info("Setting up connection to MISP");
    status.info("Marking " + InputReader.shown(value) + " as sighted");
    MispCalls.Reply reply = MispCalls.keepingRefusals(misp, () -> misp.addSighting(value, SOURCE));
    if (reply.refused()) {
      status.info(reply.refusal());
    } else if (isUnmatched(reply.content())) {
      status.info(reply.content().path("message").asText());
    } else {
      status.info("Sighting has been created");
    }
    return FunctionResult.ok(reply.content());
  }

  /**
   * MISP's HTTP 200 way of saying no sighting was added: "Could not add the Sighting. Reason: ...". Other messages are
   * successes: older MISP's "Sighting added" and "N sightings successfully added." for a value on several attributes.
   */
  private static boolean isUnmatched(JsonNode reply) {
    return !reply.has("Sighting") && reply.path("message").asText("").startsWith("Could not add");
  }
}
