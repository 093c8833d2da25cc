package org.fnmisp.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.api.Test;

class MatchedAttributeTest {

  @Test
  void shouldSeparateOwnFromInheritedTagsAndReadTheEventContext() {
    JsonNode first = FakeMisp.fixtureJson("enrich-attributes.json").path("response").path("Attribute").get(0);

    MatchedAttribute attribute = MatchedAttribute.from(first);

    assertThat(attribute.tags()).containsExactly("tlp:green", "malware_classification:malware-category=\"Ransomware\"");
    assertThat(attribute.toIds()).isTrue();
    assertThat(attribute.event()).isEqualTo(new MispEvent("42", "f016fe91-679c-411b-a0a0-9e1599e547dc",
        "Phishing wave against finance dept", "2024-10-21", 2, "CIRCL", "55f6ea5e-2c60-40e5-964f-47a8950d210f",
        List.of("tlp:amber", "misp-galaxy:mitre-attack-pattern=\"Spearphishing Attachment - T1566.001\"")));
    assertThat(attribute.sightings()).isEqualTo(new Sightings(2, 0, 0, Instant.ofEpochSecond(1729700000)));
    assertThat(attribute.decayScores()).containsExactly(new DecayScore("NIDS Simple Decaying Model", 71.42, false));
  }

  @Test
  void shouldTakeInheritedTagsAsTheEventsWithoutContextAndCountSightingsByType() {
    JsonNode bare = Json.parse("""
        {"id":"7","event_id":"9","type":"domain","category":"Network activity","to_ids":false,"uuid":"u7",
         "Event":{"org_id":"1","distribution":"0","id":"9","info":"Old MISP","orgc_id":"1","uuid":"e9"},
         "Tag":[{"id":"1","name":"phishing:techniques=\\"email-spoofing\\""},
                {"id":"2","name":"kill-chain:Delivery","inherited":true}],
         "Sighting":[{"type":"0","date_sighting":"100"},{"type":"1","date_sighting":"300"},
                     {"type":"1","date_sighting":"200"},{"type":"2","date_sighting":"50"}],
         "warnings":[{"value":"x","match":"x","warninglist_id":"5","warninglist_name":"Top domains",
                      "warninglist_category":"false_positive"}]}""", "attribute");

    MatchedAttribute attribute = MatchedAttribute.from(bare);

    assertThat(attribute.tags()).containsExactly("phishing:techniques=\"email-spoofing\"");
    assertThat(attribute.event().tags()).containsExactly("kill-chain:Delivery");
    assertThat(attribute.event().threatLevel()).isZero();
    assertThat(attribute.event().org()).isEmpty();
    assertThat(attribute.sightings()).isEqualTo(new Sightings(1, 2, 1, Instant.ofEpochSecond(300)));
    assertThat(attribute.warninglists()).containsExactly(new Warninglist("5", "Top domains"));
    assertThat(attribute.decayScores()).isEmpty();
  }
}
