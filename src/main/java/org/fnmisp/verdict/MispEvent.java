package org.fnmisp.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The event a matched attribute belongs to, as {@code attributes/restSearch} with {@code includeContext} describes it.
 *
 * @param threatLevel MISP's {@code threat_level_id}: 1 High, 2 Medium, 3 Low, 4 Undefined; 0 when not sent
 * @param org the creating organisation's name; empty when not sent
 * @param tags the event's tag names
 */
public record MispEvent(String id, String uuid, String info, String date, int threatLevel, String org,
    String orgUuid, List<String> tags) {

  public MispEvent {
    tags = List.copyOf(tags);
  }

  /** The word for the threat level, as MISP shows it. */
  public String threatLevelName() {
    return switch (threatLevel) {
      case 1 -> "High";
      case 2 -> "Medium";
      case 3 -> "Low";
      case 4 -> "Undefined";
      default -> "unknown";
    };
  }

  /** How reasons name it: {@code MISP event 42 "Phishing wave"}. */
  String describe() {
    return "MISP event " + id + (info.isEmpty() ? "" : " \"" + info + "\"");
  }

  /**
   * Reads an attribute's {@code Event}. Without {@code includeContext} (older MISP) the event's tags are the
   * attribute's tags marked {@code inherited}, which {@code includeEventTags} adds.
   */
  static MispEvent from(JsonNode attribute) {
    JsonNode event = attribute.path("Event");
    List<String> tags = new ArrayList<>();
    if (event.path("Tag").isArray()) {
      event.path("Tag").forEach(tag -> tags.add(tag.path("name").asText()));
    } else {
      attribute.path("Tag").forEach(tag -> {
        if (MatchedAttribute.isInherited(tag)) {
          tags.add(tag.path("name").asText());
        }
      });
    }
    JsonNode org = event.path("Orgc");
    return new MispEvent(event.path("id").asText(attribute.path("event_id").asText("")), event.path("uuid").asText(""),
        event.path("info").asText(""), event.path("date").asText(""), event.path("threat_level_id").asInt(0),
        org.path("name").asText(""), org.path("uuid").asText(""), tags);
  }
}
