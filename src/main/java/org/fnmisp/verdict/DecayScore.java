package org.fnmisp.verdict;

import com.fasterxml.jackson.databind.JsonNode;

/** One decaying model's score of an attribute (0-100) and whether MISP counts it as decayed under that model. */
public record DecayScore(String model, double score, boolean decayed) {

  static DecayScore from(JsonNode entry) {
    return new DecayScore(entry.path("DecayingModel").path("name").asText(""), entry.path("score").asDouble(0),
        entry.path("decayed").asBoolean(false));
  }
}
