package org.fnmisp.functions;

import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.NewEvent;

/**
 * {@code misp_create_event}: creates a MISP event named {@code misp_event_name}; {@code misp_distribution},
 * {@code misp_threat_level} and {@code misp_analysis_level} are optional codes. Content: {@code {"Event": {...}}}, or
 * {@code {"errors": [status, body]}} when MISP refuses (4xx).
 */
public final class CreateEventFunction implements FunctionHandler {

  public static final String NAME = "misp_create_event";

  private final MispClient misp;

  public CreateEventFunction(MispClient misp) {
    this.misp = misp;
  }

  @Override
  public FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception {
    InputReader inputs = new InputReader(invocation);
    String name = inputs.requiredText("misp_event_name");
    NewEvent event = new NewEvent(name, inputs.optionalInteger("misp_distribution"),
        inputs.optionalInteger("misp_threat_level"), inputs.optionalInteger("misp_analysis_level"));

    status.info("Setting up connection to MISP");
    status.info("Creating event " + InputReader.shown(name));
    MispCalls.Reply reply = MispCalls.keepingRefusals(misp, () -> misp.createEvent(event));
    status.info(reply.refused() ? reply.refusal() : "Event has been created");
    return FunctionResult.ok(reply.content());
  }
}
