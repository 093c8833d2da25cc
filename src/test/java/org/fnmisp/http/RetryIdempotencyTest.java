package org.fnmisp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.fnmisp.retry.Backoff;
import org.fnmisp.tls.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures resend a request, by its {@link Idempotency} tag, on a client built by {@link HttpClients}. */
class RetryIdempotencyTest {

  private final MockWebServer server = new MockWebServer();
  private final List<Integer> backoffCalls = new CopyOnWriteArrayList<>();
  // The jitter source is asked once per wait, so counting its calls counts the waits.
  private final HttpSettings settings = new HttpSettings("test", TlsTrust.system(),
      ProxyResolver.direct(), Duration.ofSeconds(2), Duration.ZERO, new RetryPolicy(2, RetryPolicy.RetryOn.UNAVAILABLE,
          new Backoff(Duration.ZERO, Duration.ZERO, 1.0, 0.0, () -> {
            backoffCalls.add(backoffCalls.size() + 1);
            return 0.0;
          }), Optional.of(Duration.ZERO), RetryPolicy.Sleeper.REAL));
  private final OkHttpClient client = HttpClients.build(settings, FixedHeaders.of(settings));

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    HttpClients.close(client);
    server.close();
  }

  @Test
  void shouldResendANonIdempotentRequestWhoseConnectionWasRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    Call call = client.newCall(post(HttpUrl.get("http://127.0.0.1:" + closedPort + "/sightings/add"),
        Idempotency.NOT_IDEMPOTENT));

    assertThatThrownBy(call::execute).isInstanceOf(ConnectException.class);
    assertThat(Attempts.retries(call)).isEqualTo(2);
    assertThat(backoffCalls).containsExactly(1, 2);
  }

  @ParameterizedTest(name = "{1} after HTTP {0}: final status {2}")
  @CsvSource({"429, NOT_IDEMPOTENT, 200", "503, NOT_IDEMPOTENT, 200", "502, NOT_IDEMPOTENT, 502",
      "504, NOT_IDEMPOTENT, 504", "502, IDEMPOTENT, 200", "504, IDEMPOTENT, 200"})
  void shouldResendANonIdempotentRequestOnlyWhenTheServerDidNotProcessIt(int first, Idempotency idempotency,
      int expected) throws IOException {
    server.enqueue(new MockResponse.Builder().code(first).body("{}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    Call call = client.newCall(post(server.url("/sightings/add"), idempotency));

    try (Response response = call.execute()) {
      assertThat(response.code()).isEqualTo(expected);
    }
    int resends = expected == 200 ? 1 : 0;
    assertThat(Attempts.retries(call)).isEqualTo(resends);
    assertThat(server.getRequestCount()).isEqualTo(1 + resends);
  }

  @Test
  void shouldCountNoRetryWhenTheFirstAttemptAnswers() throws IOException {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    Call call = client.newCall(post(server.url("/events/add"), Idempotency.IDEMPOTENT));

    try (Response response = call.execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(Attempts.retries(call)).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private static Request post(HttpUrl url, Idempotency idempotency) {
    return new Request.Builder().url(url)
        .post(RequestBody.create("{\"value\":\"8.8.8.8\"}", MediaType.get("application/json")))
        .tag(Idempotency.class, idempotency)
        .build();
  }
}
