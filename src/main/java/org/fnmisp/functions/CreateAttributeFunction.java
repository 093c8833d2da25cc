package org.fnmisp.functions;

import org.fnmisp.handler.FunctionException;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.misp.MispClient;

/**
 * {@code misp_create_attribute}: adds an attribute ({@code misp_attribute_type}, {@code misp_attribute_value}) to the
 * event {@code misp_event_id}, addressed by the uuid MISP reports for that id (never a client-made one). Content:
 * {@code {"Attribute": {...}, "AttributeTag": []}}, or {@code {"errors": [status, body]}} when MISP refuses (4xx,
 * e.g. a duplicate).
 */
public final class CreateAttributeFunction implements FunctionHandler {

  public static final String NAME = "misp_create_attribute";

  private final MispClient misp;

  public CreateAttributeFunction(MispClient misp) {
    this.misp = misp;
  }

  @Override
  public FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception {
    InputReader inputs = new InputReader(invocation);
    long eventId = inputs.requiredId("misp_event_id");
    String requested = inputs.requiredText("misp_attribute_type");
    String type = AttributeTypes.checked("misp_attribute_type", requested);
    String value = inputs.requiredText("misp_attribute_value");

    status.info("Setting up connection to MISP");
    status.info("Creating new misp attribute " + type + " " + InputReader.shown(value));
    String eventUuid = MispCalls.call(() -> misp.eventUuid(eventId)).orElseThrow(() -> new FunctionException(
        "Could not add the attribute: MISP event " + eventId + " not found"));
    MispCalls.Reply reply = MispCalls.keepingRefusals(misp, () -> misp.addAttribute(eventUuid, type, value));
    status.info(reply.refused() ? reply.refusal() : "Attribute has been created");
    return FunctionResult.ok(reply.content());
  }
}
