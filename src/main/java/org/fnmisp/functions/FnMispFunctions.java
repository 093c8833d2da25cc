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
}
