package org.fnmisp.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.fnmisp.json.Json;

/**
 * An event to create: its {@code info} text and the optional codes (null = MISP's default applies). Distribution:
 * 0 your organisation … 4 sharing group; threat level: 1 high … 4 undefined; analysis: 0 initial, 1 ongoing,
 * 2 completed.
 */
public record NewEvent(String info, Long distribution, Long threatLevelId, Long analysis) {

  public NewEvent {
    Objects.requireNonNull(info, "info");
  }

  /** The {@code events/add} body as PyMISP sends it: numbers as strings, unset codes left out. */
  ObjectNode toJson(String uuid) {
    ObjectNode body = Json.object();
    body.put("uuid", uuid);
    putCode(body, "distribution", distribution);
    putCode(body, "threat_level_id", threatLevelId);
    putCode(body, "analysis", analysis);
    body.put("info", info);
    return body;
  }

  private static void putCode(ObjectNode body, String name, Long value) {
    if (value != null) {
      body.put(name, value.toString());
    }
  }
}
