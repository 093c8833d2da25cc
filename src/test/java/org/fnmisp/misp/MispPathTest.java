package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids and uuids that MISP hands back go into a URL path only when they are ids or uuids, as one segment. */
class MispPathTest {

  private final FakeMisp misp = new FakeMisp();
  private final MispClient client = new MispClient(misp.settings());

  @AfterEach
  void stop() {
    client.close();
    misp.close();
  }

  @Test
  void shouldNotFollowADotDotEventUuidFromMispToAnotherEndpoint() throws Exception {
    misp.replyRaw(200, "[{\"Event\":{\"id\":\"7\",\"uuid\":\"../../admin/users/delete/1\"}}]")
        .onAddAttribute("attribute-created.json");

    String uuid = client.eventUuid(7).orElseThrow();

    assertThatThrownBy(() -> client.addAttribute(uuid, "ip-dst", "8.8.8.8")).isInstanceOf(MispReplyException.class)
        .hasMessage("Could not add the attribute to the MISP event: MISP at " + misp.host() + " gave the event uuid"
            + " \"../../admin/users/delete/1\", which is neither a uuid nor an id; it is not put into a URL");
    assertThat(misp.takeRequest().getUrl().encodedPath()).isEqualTo("/events/restSearch");
    assertThat(misp.requestCount()).as("nothing but the search was sent").isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "%2e%2e", "5758ebf5-c898-48e6-9fe9-5665c0a83866/../1", "1/2", "", " 1",
      "5758ebf5c89848e69fe95665c0a83866", "1-1-1-1-1"})
  void shouldRefuseAnEventUuidThatIsNotOneUuidOrId(String eventUuid) {
    assertThatThrownBy(() -> client.addAttribute(eventUuid, "ip-dst", "8.8.8.8"))
        .isInstanceOf(MispReplyException.class).hasMessageContaining("neither a uuid nor an id");
    assertThat(misp.requestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5758ebf5-c898-48e6-9fe9-5665c0a83866", "5758EBF5-C898-48E6-9FE9-5665C0A83866", "42"})
  void shouldAddTheAttributeUnderTheEventUuidOrId(String eventUuid) throws Exception {
    misp.onAddAttribute("attribute-created.json");

    JsonNode attribute = client.addAttribute(eventUuid, "ip-dst", "8.8.8.8");

    assertThat(attribute).isEqualTo(FakeMisp.fixtureJson("attribute-created.json"));
    RecordedRequest request = misp.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/attributes/add/" + eventUuid);
  }

  @Test
  void shouldKeepTheIdsOfMispUrlUnderASubPath() throws Exception {
    try (MispClient underPath = new MispClient(new MispSettings(misp.url().resolve("/misp/"),
        misp.settings().key(), misp.settings().trust(), misp.settings().proxies(), misp.settings().timeout(), 0,
        misp.settings().backoffBase()))) {
      misp.onViewEvent("event-view.json");

      underPath.getEvent(12);

      assertThat(misp.takeRequest().getUrl().encodedPath()).isEqualTo("/misp/events/view/12");
    }
  }
}
