package org.fnmisp.functions;

import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.misp.MispClient;

/**
 * {@code misp_sighting_list}: lists the sightings of event {@code misp_event_id}. Content: MISP's list
 * {@code [{"Sighting": {...}, "Organisation": {...}}]}, or {@code {"errors": [status, body]}} when MISP refuses (4xx).
 */
public final class SightingListFunction implements FunctionHandler {

  public static final String NAME = "misp_sighting_list";

  private final MispClient misp;

  public SightingListFunction(MispClient misp) {
    this.misp = misp;
  }

  @Override
  public FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception {
    long eventId = new InputReader(invocation).requiredId("misp_event_id");

    status.info("Setting up connection to MISP");
    status.info("Getting sighted list");
    MispCalls.Reply reply = MispCalls.keepingRefusals(misp, () -> misp.listSightings(eventId));
    status.info(reply.refused() ? reply.refusal() : "Finished getting sighting list");
    return FunctionResult.ok(reply.content());
  }
}
