package org.fnmisp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import okhttp3.HttpUrl;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in answers the enrichment's two requests as MISP does, through our own MISP client. */
class MispStandInTest {

  private final StringWriter printed = new StringWriter();
  private MispStandIn standIn;
  private MispClient misp;

  @BeforeEach
  void start() throws Exception {
    standIn = MispStandIn.start(new PrintWriter(printed));
    misp = new MispClient(MispSettings.of(HttpUrl.get(standIn.url()), standIn.key()));
  }

  @AfterEach
  void stop() {
    misp.close();
    standIn.close();
  }

  @Test
  void shouldAnswerTheAttributeSearchWithTheSeededAttributeItsEventAndItsTags() throws Exception {
    JsonNode found = misp.attributesForEnrichment(MispStandIn.SEEDED_VALUE, null, 51);

    assertThat(found).hasSize(1);
    JsonNode attribute = found.get(0);
    assertThat(attribute.path("type").asText()).isEqualTo("ip-dst");
    assertThat(attribute.path("event_id").asText()).isEqualTo(String.valueOf(MispStandIn.SEEDED_EVENT));
    assertThat(attribute.path("Tag").findValuesAsText("name")).containsExactly("tlp:white", MispStandIn.SEEDED_TAG);
    assertThat(attribute.at("/Event/threat_level_id").asText()).isEqualTo("2");
    assertThat(attribute.at("/Event/Orgc/name").asText()).isEqualTo("Demo Org");
    assertThat(attribute.path("Sighting").isArray()).isTrue();
    assertThat(printed.toString())
        .contains("[MISP stand-in, not a real MISP] POST /attributes/restSearch -> HTTP 200");
  }

  @Test
  void shouldNarrowTheAttributeSearchByValueAndType() throws Exception {
    assertThat(misp.attributesForEnrichment(MispStandIn.SEEDED_VALUE, "ip-src", 51)).isEmpty();
    assertThat(misp.attributesForEnrichment(MispStandIn.SEEDED_VALUE, "ip-dst", 51)).hasSize(1);
    assertThat(misp.attributesForEnrichment("198.51.100.99", null, 51)).isEmpty();
  }

  @Test
  void shouldAnswerTheWarninglistCheckWithNoHitsAsItHasNoWarninglists() throws Exception {
    assertThat(misp.warninglistsHolding("8.8.8.8")).isEmpty();
    assertThat(printed.toString())
        .contains("[MISP stand-in, not a real MISP] POST /warninglists/checkValue -> HTTP 200");
  }
}
