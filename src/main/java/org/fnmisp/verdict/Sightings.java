package org.fnmisp.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An attribute's sightings counted by MISP's type: {@code 0} sighting, {@code 1} false positive, {@code 2} expiration.
 *
 * @param lastSeen the newest sighting of any type; null when there is none
 */
public record Sightings(int sightings, int falsePositives, int expirations, Instant lastSeen) {

  public static final Sightings NONE = new Sightings(0, 0, 0, null);

  /** Counts the {@code Sighting} list of an attribute read with {@code includeSightings}. */
  static Sightings from(JsonNode list) {
    Sightings total = NONE;
    for (JsonNode sighting : list) {
      String type = sighting.path("type").asText("0");
      long seconds = sighting.path("date_sighting").asLong(0);
      Instant seen = seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
      total = total.plus(new Sightings(type.equals("0") ? 1 : 0, type.equals("1") ? 1 : 0, type.equals("2") ? 1 : 0,
          seen));
    }
    return total;
  }

  Sightings plus(Sightings other) {
    Instant last = lastSeen == null ? other.lastSeen
        : other.lastSeen == null || lastSeen.isAfter(other.lastSeen) ? lastSeen : other.lastSeen;
    return new Sightings(sightings + other.sightings, falsePositives + other.falsePositives,
        expirations + other.expirations, last);
  }
}
