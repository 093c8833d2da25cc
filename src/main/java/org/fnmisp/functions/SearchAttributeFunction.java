package org.fnmisp.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.fnmisp.function.FunctionHandler;
import org.fnmisp.function.FunctionInvocation;
import org.fnmisp.function.FunctionResult;
import org.fnmisp.function.StatusReporter;
import org.fnmisp.json.Json;
import org.fnmisp.misp.MispClient;

/**
 * {@code misp_search_attribute}: finds every MISP event holding the value {@code misp_attribute_value}. Content: the
 * list of complete {@code {"Event": {...}}}; {@code success} = the list is not empty. A top-level {@code tags} lists
 * the tag names of the matched events and of their attributes, once each, in first-seen order (3.0.1 workflows and
 * ATT&CK recipes read {@code results.tags}).
 */
public final class SearchAttributeFunction implements FunctionHandler {

  public static final String NAME = "misp_search_attribute";

  private final MispClient misp;

  public SearchAttributeFunction(MispClient misp) {
    this.misp = misp;
  }

  @Override
  public FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception {
    String value = new InputReader(invocation).requiredText("misp_attribute_value");

    status.info("Setting up connection to MISP");
    status.info("Searching for attribute - " + value);
    ArrayNode events = MispCalls.call(() -> misp.searchEvents(value));
    status.info("Attribute search complete.");
    return FunctionResult.of(!events.isEmpty(), events).withExtra("tags", tagNames(events));
  }

  static ArrayNode tagNames(ArrayNode events) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode match : events) {
      JsonNode event = match.path("Event");
      addTags(event, names);
      event.path("Attribute").forEach(attribute -> addTags(attribute, names));
      event.path("Object").forEach(object -> object.path("Attribute").forEach(attribute -> addTags(attribute, names)));
    }
    ArrayNode tags = Json.array();
    names.forEach(tags::add);
    return tags;
  }

  private static void addTags(JsonNode owner, Set<String> names) {
    for (JsonNode tag : owner.path("Tag")) {
      JsonNode name = tag.path("name");
      if (name.isTextual()) {
        names.add(name.asText());
      }
    }
  }
}
