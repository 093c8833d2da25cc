package org.fnmisp.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.fnmisp.handler.FunctionException;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispException;
import org.fnmisp.misp.MispHttpException;

/**
 * {@code misp_create_tag}: attaches the tag {@code misp_tag_name} to the event {@code misp_event_id}
 * ({@code misp_tag_type} "Event") or to the attribute of that event whose value is exactly
 * {@code misp_attribute_value} ("Attribute"; the last such attribute, as fn_misp chose). Content: MISP's attach reply.
 * Unlike the other functions, a refusal fails the function with MISP's reason.
 */
public final class CreateTagFunction implements FunctionHandler {

  public static final String NAME = "misp_create_tag";

  private final MispClient misp;

  public CreateTagFunction(MispClient misp) {
    this.misp = misp;
  }

  @Override
  public FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception {
    InputReader inputs = new InputReader(invocation);
    String type = tagType(inputs.requiredText("misp_tag_type"));
    String tag = inputs.requiredText("misp_tag_name");
    long eventId = inputs.requiredId("misp_event_id");
    String value = type.equals("Attribute") ? inputs.requiredText("misp_attribute_value") : null;

    status.info("Setting up connection to MISP");
    status.info("Tagging " + type + " with " + InputReader.shown(tag));
    String uuid = value == null ? eventUuid(eventId) : attributeUuid(eventId, value);
    JsonNode reply = MispCalls.call(() -> misp.attachTag(uuid, tag));
    if (!reply.path("saved").asBoolean(true) || !reply.path("success").asBoolean(true)) {
      throw new FunctionException(
          "Could not attach the MISP tag \"" + InputReader.shown(tag) + "\": " + reply.path("message").asText(
              reply.toString()));
    }
    status.info("Tag has been created");
    return FunctionResult.ok(reply);
  }

  private static String tagType(String requested) throws FunctionException {
    return switch (requested.trim().toLowerCase(Locale.ROOT)) {
      case "event" -> "Event";
      case "attribute" -> "Attribute";
      default -> throw new FunctionException(
          "misp_tag_type must be Event or Attribute, got \"" + InputReader.shown(requested) + "\"");
    };
  }

  private String eventUuid(long eventId) throws FunctionException {
    return MispCalls.call(() -> misp.eventUuid(eventId)).orElseThrow(() -> notFound(eventId));
  }

  private String attributeUuid(long eventId, String value) throws FunctionException {
    JsonNode event;
    try {
      event = misp.getEvent(eventId).path("Event");
    } catch (MispHttpException e) {
      if (e.status() == 404) {
        throw notFound(eventId);
      }
      throw new FunctionException(e.getMessage(), e);
    } catch (MispException e) {
      throw new FunctionException(e.getMessage(), e);
    }
    JsonNode attributes = event.path("Attribute");
    if (attributes.isEmpty()) {
      throw new FunctionException("Could not tag the attribute: MISP event " + eventId + " has no attributes");
    }
    String uuid = null;
    for (JsonNode attribute : attributes) {
      if (attribute.path("value").asText().equals(value)) {
        uuid = attribute.path("uuid").asText();
      }
    }
    if (uuid == null) {
      throw new FunctionException("Could not tag the attribute: no attribute of MISP event " + eventId
          + " has the value \"" + InputReader.shown(value) + "\"");
    }
    return uuid;
  }

  private static FunctionException notFound(long eventId) {
    return new FunctionException("Could not tag MISP event " + eventId + ": MISP event " + eventId + " not found");
  }
}
