package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MispRetryTest {

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
    misp.disconnect().onAddSighting("sighting-added.json");

    assertThat(client.addSighting("8.8.8.8", "t")).isEqualTo(FakeMisp.fixtureJson("sighting-added.json"));
    assertThat(misp.requestCount()).isEqualTo(2);
  }

  @Test
  void shouldHonourRetryAfterOn429() throws Exception {
    misp.server().enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
        .body("{\"name\":\"Rate limit exceeded.\",\"message\":\"Rate limit exceeded.\"}").build());
    misp.onRestSearch("search-empty.json");

    long started = System.nanoTime();
    assertThat(client.searchEvents("x")).isEmpty();
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
