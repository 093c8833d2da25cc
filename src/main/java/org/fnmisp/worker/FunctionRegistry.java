package org.fnmisp.worker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fnmisp.handler.FunctionHandler;

/** The functions this server runs, by SOAR function API name. Immutable and safe to share between threads. */
public final class FunctionRegistry {

  private final Map<String, FunctionHandler> handlers;

  private FunctionRegistry(Map<String, FunctionHandler> handlers) {
    this.handlers = Collections.unmodifiableMap(new LinkedHashMap<>(handlers));
  }

  public static FunctionRegistry of(Map<String, FunctionHandler> handlers) {
    if (handlers.isEmpty()) {
      throw new IllegalArgumentException("A function server needs at least one function");
    }
    return new FunctionRegistry(handlers);
  }

  public Optional<FunctionHandler> handler(String functionName) {
    return Optional.ofNullable(handlers.get(functionName));
  }

  /** The function names in registration order. */
  public Set<String> names() {
    return handlers.keySet();
  }
}
