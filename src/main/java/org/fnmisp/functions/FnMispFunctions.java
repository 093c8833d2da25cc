package org.fnmisp.functions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.misp.MispClient;

/** The six fn_misp functions, keyed by their SOAR API names, in the order of the original app's customizations. */
public final class FnMispFunctions {

  /** The six API names, in the same order. */
  public static final List<String> NAMES = List.of(CreateEventFunction.NAME, CreateAttributeFunction.NAME,
      CreateSightingFunction.NAME, SearchAttributeFunction.NAME, SightingListFunction.NAME, CreateTagFunction.NAME);

  private FnMispFunctions() {}

  /** Handlers sharing one (thread-safe) MISP client. */
  public static Map<String, FunctionHandler> all(MispClient misp) {
    Map<String, FunctionHandler> handlers = new LinkedHashMap<>();
    handlers.put(CreateEventFunction.NAME, new CreateEventFunction(misp));
    handlers.put(CreateAttributeFunction.NAME, new CreateAttributeFunction(misp));
    handlers.put(CreateSightingFunction.NAME, new CreateSightingFunction(misp));
    handlers.put(SearchAttributeFunction.NAME, new SearchAttributeFunction(misp));
    handlers.put(SightingListFunction.NAME, new SightingListFunction(misp));
    handlers.put(CreateTagFunction.NAME, new CreateTagFunction(misp));
    return Collections.unmodifiableMap(handlers);
  }
}
