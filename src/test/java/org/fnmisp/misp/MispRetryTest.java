package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MispRetryTest {

  private static final String EVENT_UUID = "5758ebf5-c898-48e6-9fe9-5665c0a83866";

  private final FakeMisp misp = new FakeMisp();
  private final MispClient client = new MispClient(misp.settings(Duration.ofSeconds(2), 3));

  @AfterEach
  void stop() {
    client.close();
    misp.close();
  }

  @Test
  void shouldRetryAfter503AndReturnTheLaterSuccess() throws Exception {
    misp.reply(503, "server-error-500.json").onListSightings("sightings-list.json");

    assertThat(client.listSightings(42)).isEqualTo(FakeMisp.fixtureJson("sightings-list.json"));
    assertThat(misp.requestCount()).isEqualTo(2);
  }

  @Test
  void shouldResendACreateWithTheSameUuidSoItCannotDuplicate() throws Exception {
    misp.reply(502, "server-error-500.json").onCreateEvent("event-created.json");

    client.createEvent(new NewEvent("x", null, null, null));

    assertThat(FakeMisp.body(misp.takeRequest()).get("uuid"))
        .isEqualTo(FakeMisp.body(misp.takeRequest()).get("uuid"));
  }

  @Test
  void shouldRetryAfterADroppedConnection() throws Exception {
    misp.disconnect().onListSightings("sightings-list.json");

    assertThat(client.listSightings(42)).isEqualTo(FakeMisp.fixtureJson("sightings-list.json"));
    assertThat(misp.requestCount()).isEqualTo(2);
  }

  @Test
  void shouldNotResendASightingWhoseConnectionDroppedAfterItWasSent() {
    misp.disconnect().onAddSighting("sighting-added.json");

    assertThatThrownBy(() -> client.addSighting("8.8.8.8", "t")).isInstanceOf(MispTransportException.class)
        .hasMessageStartingWith("Could not add the MISP sighting: the connection to MISP at " + misp.host());
    assertThat(misp.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldNotResendASightingThatTimedOutWaitingForTheReply() {
    try (MispClient quick = new MispClient(misp.settings(Duration.ofMillis(300), 3))) {
      misp.stall().onAddSighting("sighting-added.json");

      assertThatThrownBy(() -> quick.addSighting("8.8.8.8", "t")).isInstanceOf(MispTransportException.class)
          .hasMessage("Could not add the MISP sighting: MISP at " + misp.host()
              + " did not answer within 0.3 s (raise [fn_misp] timeout if MISP is slow)");
    }
    assertThat(misp.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldResendASightingAfter503BecauseMispDidNotProcessIt() throws Exception {
    misp.reply(503, "server-error-500.json").onAddSighting("sighting-added.json");

    assertThat(client.addSighting("8.8.8.8", "t")).isEqualTo(FakeMisp.fixtureJson("sighting-added.json"));
    assertThat(FakeMisp.body(misp.takeRequest())).isEqualTo(FakeMisp.body(misp.takeRequest()));
  }

  @Test
  void shouldNotResendASightingAfterAGatewayErrorBecauseMispMayHaveProcessedIt() {
    misp.reply(504, "server-error-500.json").onAddSighting("sighting-added.json");

    assertThatThrownBy(() -> client.addSighting("8.8.8.8", "t")).isInstanceOf(MispHttpException.class)
        .hasMessageContaining("answered HTTP 504");
    assertThat(misp.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldReturnOurAttributeWhenARetriedAddIsRefusedAsADuplicate() throws Exception {
    misp.reply(502, "server-error-500.json").reply(403, "attribute-duplicate-403.json")
        .onViewAttribute("attribute-view.json");

    JsonNode attribute = client.addAttribute(EVENT_UUID, "ip-dst", "8.8.8.8");

    assertThat(attribute).isEqualTo(FakeMisp.fixtureJson("attribute-view.json"));
    String uuid = FakeMisp.body(misp.takeRequest()).get("uuid").asText();
    assertThat(FakeMisp.body(misp.takeRequest()).get("uuid").asText()).isEqualTo(uuid);
    RecordedRequest view = misp.takeRequest();
    assertThat(view.getMethod()).isEqualTo("GET");
    assertThat(view.getUrl().encodedPath()).isEqualTo("/attributes/view/" + uuid);
    assertThat(view.getHeaders().get("Authorization")).isEqualTo(FakeMisp.KEY);
  }

  @Test
  void shouldKeepTheDuplicateRefusalWhenARetriedAddFindsNoAttributeWithOurUuid() {
    misp.reply(503, "server-error-500.json").reply(403, "attribute-duplicate-403.json")
        .reply(404, "attribute-not-found-404.json");

    assertThatThrownBy(() -> client.addAttribute(EVENT_UUID, "ip-dst", "8.8.8.8"))
        .isInstanceOfSatisfying(MispHttpException.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining("A similar attribute already exists for this event.");
    assertThat(misp.requestCount()).isEqualTo(3);
  }

  @Test
  void shouldNotLookForOurAttributeWhenAFirstAttemptIsRefusedAsADuplicate() {
    misp.reply(403, "attribute-duplicate-403.json").onViewAttribute("attribute-view.json");

    assertThatThrownBy(() -> client.addAttribute(EVENT_UUID, "ip-dst", "8.8.8.8"))
        .isInstanceOfSatisfying(MispHttpException.class, e -> assertThat(e.afterRetry()).isFalse());
    assertThat(misp.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldHonourRetryAfterOn429() throws Exception {
    misp.server().enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
        .body("{\"name\":\"Rate limit exceeded.\",\"message\":\"Rate limit exceeded.\"}").build());
    misp.onRestSearch("search-empty.json");

    long started = System.nanoTime();
    assertThat(client.searchEvents("x").isEmpty()).isTrue();
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(elapsedMs).isGreaterThanOrEqualTo(950);
    assertThat(misp.requestCount()).isEqualTo(2);
  }

  @Test
  void shouldNotRetryAClientError() {
    misp.reply(400, "invalid-object-405.json").onAddSighting("sighting-added.json");

    assertThatThrownBy(() -> client.addSighting("x", "t")).isInstanceOf(MispHttpException.class)
        .hasMessageContaining("HTTP 400");
    assertThat(misp.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldGiveUpAfterMaxRetriesWithTheLastAnswer() {
    for (int i = 0; i < 4; i++) {
      misp.reply(503, "server-error-500.json");
    }
    misp.onAddSighting("sighting-added.json");

    assertThatThrownBy(() -> client.addSighting("x", "t")).isInstanceOf(MispHttpException.class)
        .hasMessageContaining("answered HTTP 503");
    assertThat(misp.requestCount()).isEqualTo(4);
  }
}
