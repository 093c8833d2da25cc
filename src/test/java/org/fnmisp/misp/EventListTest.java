package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventListTest {

  private static final String EVENTS = """
      [
        {"Event": {"id": "1", "info": "Café \\u00e9 \u2603 \ud83d\ude00", "threat_level_id": 2.50,
          "Attribute": [
            {"value": "8.8.8.8", "Tag": [{"name": "tlp:green"}, {"name": "misp-galaxy:mitre-attack-pattern=\\"T1071\\""}]},
            {"value": "x", "Tag": [{"name": 7}, {"colour": "#fff"}]}
          ],
          "Object": [{"Attribute": [{"Tag": [{"name": "osint:source-type=\\"blog-post\\""}, {"name": "tlp:green"}]}]}],
          "Tag": [{"name": "tlp:amber"}]}},
        {"Event": {"id": "2", "Tag": [{"name": "type:OSINT"}], "Attribute": []}},
        "not an event"
      ]
      """;

  @Test
  void shouldPassTheListOnUnchangedAndCollectTagNamesEventFirstThenAttributesThenObjects() throws Exception {
    EventList list = EventList.read(("{\"response\": " + EVENTS + "}").getBytes(StandardCharsets.UTF_8));

    assertThat(Json.parse(Json.write(list.json()), "the copy")).isEqualTo(Json.parse(EVENTS, "the original"));
    assertThat(Json.write(list.json())).contains("\"threat_level_id\": 2.50").contains("Café");
    assertThat(list.size()).isEqualTo(3);
    assertThat(list.isEmpty()).isFalse();
    assertThat(list.tagNames()).containsExactly("tlp:amber", "tlp:green",
        "misp-galaxy:mitre-attack-pattern=\"T1071\"", "osint:source-type=\"blog-post\"", "type:OSINT");
  }

  @Test
  void shouldReadAnUnwrappedListAndAnEmptyOne() throws Exception {
    assertThat(EventList.read(EVENTS.getBytes(StandardCharsets.UTF_8)).size()).isEqualTo(3);
    EventList empty = EventList.read("{\"response\":[]}".getBytes(StandardCharsets.UTF_8));
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.tagNames()).isEmpty();
    assertThat(Json.write(empty.json())).isEqualTo("[]");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"response\":{\"Attribute\":[]}}|object",
      "{\"response\":null}|object",
      "{\"name\":\"x\"}|object",
      "{\"response\":\"busy\"}|string",
      "42|number",
      "true|boolean",
      "null|null"})
  void shouldSayWhatItFoundInsteadOfAList(String body, String found) {
    assertThatThrownBy(() -> EventList.read(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(EventList.NotAList.class, e -> assertThat(e.found()).isEqualTo(found));
  }

  @Test
  void shouldTellAnEmptyBodyFromMalformedJson() {
    assertThatThrownBy(() -> EventList.read(new byte[0]))
        .isInstanceOfSatisfying(EventList.NotAList.class, e -> assertThat(e.found()).isNull());
    assertThatThrownBy(() -> EventList.read("{\"response\": [{\"Event\": {\"id\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
