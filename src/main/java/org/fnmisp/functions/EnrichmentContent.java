package org.fnmisp.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fnmisp.json.Json;
import org.fnmisp.verdict.AttackTechnique;
import org.fnmisp.verdict.DecayScore;
import org.fnmisp.verdict.Decision;
import org.fnmisp.verdict.MatchedAttribute;
import org.fnmisp.verdict.MispEvent;
import org.fnmisp.verdict.Sightings;
import org.fnmisp.verdict.Warninglist;

/** The {@code content} of {@code misp_enrich_artifact}'s result (doc/functions.md). */
final class EnrichmentContent {

  private EnrichmentContent() {}

  static ObjectNode of(String value, Decision decision, List<MatchedAttribute> attributes, boolean truncated,
      List<Warninglist> checked) {
    ObjectNode content = Json.object();
    content.put("value", value);
    content.put("verdict", decision.verdict().word());
    content.put("reason", decision.reason());
    content.put("matches", attributes.size());
    content.put("truncated", truncated);
    ArrayNode attributeList = content.putArray("attributes");
    Map<String, MispEvent> events = new LinkedHashMap<>();
    Map<String, Warninglist> warninglists = new LinkedHashMap<>();
    Set<String> tags = new LinkedHashSet<>();
    for (MatchedAttribute attribute : attributes) {
      attributeList.add(attribute(attribute));
      events.putIfAbsent(attribute.event().id(), attribute.event());
      attribute.warninglists().forEach(list -> warninglists.putIfAbsent(list.id(), list));
      tags.addAll(attribute.tags());
      tags.addAll(attribute.event().tags());
    }
    checked.forEach(list -> warninglists.putIfAbsent(list.id(), list));
    ArrayNode eventList = content.putArray("events");
    events.values().forEach(event -> eventList.add(event(event)));
    ArrayNode lists = content.putArray("warninglists");
    warninglists.values().forEach(list -> lists.addObject().put("id", list.id()).put("name", list.name()));
    ArrayNode tagList = content.putArray("tags");
    tags.forEach(tagList::add);
    ArrayNode techniques = content.putArray("attack_techniques");
    Set<String> seen = new LinkedHashSet<>();
    for (String tag : tags) {
      AttackTechnique.parse(tag).filter(technique -> seen.add(technique.id())).ifPresent(technique -> techniques
          .addObject().put("id", technique.id()).put("name", technique.name()).put("tag", technique.tag()));
    }
    return content;
  }

  private static ObjectNode attribute(MatchedAttribute attribute) {
    ObjectNode node = Json.object();
    node.put("id", attribute.id());
    node.put("uuid", attribute.uuid());
    node.put("type", attribute.type());
    node.put("category", attribute.category());
    node.put("to_ids", attribute.toIds());
    node.put("event_id", attribute.event().id());
    ArrayNode tags = node.putArray("tags");
    attribute.tags().forEach(tags::add);
    Sightings sightings = attribute.sightings();
    node.putObject("sightings").put("sighting", sightings.sightings())
        .put("false_positive", sightings.falsePositives()).put("expiration", sightings.expirations())
        .put("last_seen", sightings.lastSeen() == null ? null
            : DateTimeFormatter.ISO_INSTANT.format(sightings.lastSeen()));
    if (!attribute.decayScores().isEmpty()) {
      ArrayNode scores = node.putArray("decay_score");
      for (DecayScore score : attribute.decayScores()) {
        scores.addObject().put("model", score.model()).put("score", score.score()).put("decayed", score.decayed());
      }
    }
    return node;
  }

  private static ObjectNode event(MispEvent event) {
    ObjectNode node = Json.object();
    node.put("id", event.id());
    node.put("uuid", event.uuid());
    node.put("info", event.info());
    node.put("date", event.date());
    node.put("threat_level", event.threatLevelName());
    node.put("org", event.org());
    ArrayNode tags = node.putArray("tags");
    event.tags().forEach(tags::add);
    return node;
  }
}
