package org.fnmisp.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One attribute MISP matched, with what the verdict reads from it: its own tags (not the event's), detection flag,
 * sightings, decay scores and warninglist hits, and its event.
 */
public record MatchedAttribute(String id, String uuid, String type, String category, boolean toIds,
    List<String> tags, MispEvent event, Sightings sightings, List<DecayScore> decayScores,
    List<Warninglist> warninglists) {

  public MatchedAttribute {
    tags = List.copyOf(tags);
    decayScores = List.copyOf(decayScores);
    warninglists = List.copyOf(warninglists);
  }

  /**
   * Reads one element of {@code attributes/restSearch}'s {@code Attribute} list, asked with {@code includeContext},
   * {@code includeEventTags}, {@code includeSightings}, {@code includeDecayScore} and {@code includeWarninglistHits}.
   */
  public static MatchedAttribute from(JsonNode attribute) {
    List<String> own = new ArrayList<>();
    attribute.path("Tag").forEach(tag -> {
      if (!isInherited(tag)) {
        own.add(tag.path("name").asText());
      }
    });
    List<DecayScore> decay = new ArrayList<>();
    attribute.path("decay_score").forEach(score -> decay.add(DecayScore.from(score)));
    List<Warninglist> warnings = new ArrayList<>();
    attribute.path("warnings").forEach(warning -> warnings.add(Warninglist.fromAttributeWarning(warning)));
    return new MatchedAttribute(attribute.path("id").asText(""), attribute.path("uuid").asText(""),
        attribute.path("type").asText(""), attribute.path("category").asText(""), toIds(attribute.path("to_ids")),
        own, MispEvent.from(attribute), Sightings.from(attribute.path("Sighting")), decay, warnings);
  }

  /** {@code includeEventTags} marks the event's tags in the attribute's list as {@code "inherited": 1} (or true). */
  static boolean isInherited(JsonNode tag) {
    JsonNode inherited = tag.path("inherited");
    return inherited.asBoolean(false) || inherited.asInt(0) == 1;
  }

  private static boolean toIds(JsonNode flag) {
    return flag.isBoolean() ? flag.asBoolean() : flag.asText("").equals("1") || flag.asText("").equals("true");
  }

  /** How reasons name it: {@code attribute 1234 (ip-dst) of MISP event 42 "Phishing wave"}. */
  String describe() {
    return "attribute " + id + " (" + type + ") of " + event.describe();
  }
}
