package org.fnmisp.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.json.Json;
import org.fnmisp.misp.EventList;
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
    status.info("Searching for attribute - " + InputReader.shown(value));
    EventList events = MispCalls.call(() -> misp.searchEvents(value));
    status.info("Attribute search complete.");
    ArrayNode tags = Json.array();
    events.tagNames().forEach(tags::add);
    return FunctionResult.of(!events.isEmpty(), events.json()).withExtra("tags", tags);
  }
}
