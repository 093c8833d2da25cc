package org.fnmisp.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;
import org.fnmisp.functions.CreateAttributeFunction;
import org.fnmisp.functions.CreateEventFunction;
import org.fnmisp.functions.CreateSightingFunction;
import org.fnmisp.functions.CreateTagFunction;
import org.fnmisp.functions.EnrichArtifactFunction;
import org.fnmisp.functions.SearchAttributeFunction;
import org.fnmisp.functions.SightingListFunction;
import org.fnmisp.json.Json;

/**
 * The one place that says how the demo calls each function: its inputs (as SOAR sends them) and how its result reads in
 * one line. A function registered without an entry here fails the demo, and the test that runs it, until it gets one.
 */
final class DemoCalls {

  /** One demo call: the inputs and the one-line summary of a successful result (the whole v2 result is given). */
  record DemoCall(ObjectNode inputs, Function<JsonNode, String> summary) {}

  private static final String NEW_VALUE = "198.51.100.7";

  static final Map<String, DemoCall> BY_FUNCTION = Map.of(
      CreateEventFunction.NAME, new DemoCall(Json.object().put("misp_event_name", "fn-misp demo: phishing wave")
          .put("misp_distribution", 0).put("misp_threat_level", 2).put("misp_analysis_level", 0),
          result -> "created event " + result.at("/content/Event/id").asText() + " \""
              + result.at("/content/Event/info").asText() + "\""),
      CreateAttributeFunction.NAME, new DemoCall(Json.object().put("misp_event_id", MispStandIn.SEEDED_EVENT)
          .put("misp_attribute_type", "ip-dst").put("misp_attribute_value", NEW_VALUE),
          result -> "added " + result.at("/content/Attribute/type").asText() + " "
              + result.at("/content/Attribute/value").asText() + " to event "
              + result.at("/content/Attribute/event_id").asText()),
      CreateSightingFunction.NAME, new DemoCall(Json.object().put("misp_sighting", MispStandIn.SEEDED_VALUE),
          result -> result.at("/content/Sighting").isObject()
              ? "recorded a sighting of " + MispStandIn.SEEDED_VALUE + " on event "
                  + result.at("/content/Sighting/event_id").asText()
              : result.at("/content/message").asText()),
      SearchAttributeFunction.NAME, new DemoCall(Json.object().put("misp_attribute_value", MispStandIn.SEEDED_VALUE),
          result -> "found " + result.path("content").size() + " event(s) holding " + MispStandIn.SEEDED_VALUE
              + ", tags " + result.path("tags")),
      SightingListFunction.NAME, new DemoCall(Json.object().put("misp_event_id", MispStandIn.SEEDED_EVENT),
          result -> result.path("content").size() + " sighting(s) on event " + MispStandIn.SEEDED_EVENT),
      CreateTagFunction.NAME, new DemoCall(select("misp_tag_type", 1, "Event")
          .put("misp_tag_name", "tlp:green").put("misp_event_id", MispStandIn.SEEDED_EVENT),
          result -> result.at("/content/message").asText()),
      EnrichArtifactFunction.NAME, new DemoCall(Json.object().put("misp_attribute_value", MispStandIn.SEEDED_VALUE),
          result -> "verdict " + result.at("/content/verdict").asText() + ": "
              + result.at("/content/reason").asText()));

  private DemoCalls() {}

  /** A select input as SOAR sends it: {@code {"id": .., "name": ..}}. */
  private static ObjectNode select(String input, int id, String name) {
    ObjectNode inputs = Json.object();
    inputs.putObject(input).put("id", id).put("name", name);
    return inputs;
  }
}
