package org.fnmisp.functions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.misp.MispClient;

/**
 * The functions keyed by their SOAR API names: fn_misp's six, in the order of the original app's customizations,
 * then fn-misp's own {@code misp_enrich_artifact}.
 */
public final class FnMispFunctions {

  /** The API names, in the same order. */
  public static final List<String> NAMES = List.of(CreateEventFunction.NAME, CreateAttributeFunction.NAME,
      CreateSightingFunction.NAME, SearchAttributeFunction.NAME, SightingListFunction.NAME, CreateTagFunction.NAME,
      EnrichArtifactFunction.NAME);

  /** Each function's inputs with their SOAR types, as the customizations declare them, in view order. */
  public static final Map<String, Map<String, InputType>> INPUTS = Map.of(
      CreateEventFunction.NAME, inputs("misp_event_name", InputType.TEXT, "misp_distribution", InputType.NUMBER,
          "misp_analysis_level", InputType.NUMBER, "misp_threat_level", InputType.NUMBER),
      CreateAttributeFunction.NAME, inputs("misp_event_id", InputType.NUMBER, "misp_attribute_value", InputType.TEXT,
          "misp_attribute_type", InputType.TEXT),
      CreateSightingFunction.NAME, inputs("misp_sighting", InputType.TEXT),
      SearchAttributeFunction.NAME, inputs("misp_attribute_value", InputType.TEXT, "misp_attribute_type",
          InputType.TEXT, "misp_category", InputType.TEXT, "misp_tags", InputType.TEXT, "misp_published_since",
          InputType.TEXT, "misp_to_ids", InputType.BOOLEAN, "misp_search_limit", InputType.NUMBER,
          "misp_search_page", InputType.NUMBER),
      SightingListFunction.NAME, inputs("misp_event_id", InputType.NUMBER),
      CreateTagFunction.NAME, inputs("misp_tag_type", InputType.SELECT, "misp_tag_name", InputType.TEXT,
          "misp_attribute_value", InputType.TEXT, "misp_event_id", InputType.NUMBER),
      EnrichArtifactFunction.NAME, inputs("misp_attribute_value", InputType.TEXT, "misp_attribute_type",
          InputType.TEXT, "misp_enrich_limit", InputType.NUMBER));

  private FnMispFunctions() {}

  /** Handlers sharing one (thread-safe) MISP client. */
  public static Map<String, FunctionHandler> all(MispClient misp, FunctionSettings settings) {
    Map<String, FunctionHandler> handlers = new LinkedHashMap<>();
    handlers.put(CreateEventFunction.NAME, new CreateEventFunction(misp));
    handlers.put(CreateAttributeFunction.NAME, new CreateAttributeFunction(misp));
    handlers.put(CreateSightingFunction.NAME, new CreateSightingFunction(misp));
    handlers.put(SearchAttributeFunction.NAME, new SearchAttributeFunction(misp, settings.searchLimit()));
    handlers.put(SightingListFunction.NAME, new SightingListFunction(misp));
    handlers.put(CreateTagFunction.NAME, new CreateTagFunction(misp));
    handlers.put(EnrichArtifactFunction.NAME, new EnrichArtifactFunction(misp, settings.rules(),
        settings.enrichLimit()));
    return Collections.unmodifiableMap(handlers);
  }

  private static Map<String, InputType> inputs(Object... nameTypePairs) {
    Map<String, InputType> inputs = new LinkedHashMap<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      inputs.put((String) nameTypePairs[i], (InputType) nameTypePairs[i + 1]);
    }
    return Collections.unmodifiableMap(inputs);
  }
}
