package org.fnmisp.soar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fnmisp.soar.SoarFixtures.*;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.fnmisp.http.RetryPolicy;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoarRetryTest {

  private MockWebServer server;
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeEach
  void setUp() throws Exception {
    server = startServer();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private SoarClient connected(int requestMaxRetries) throws Exception {
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));
    Settings settings = settings(server);
    settings.requestMaxRetries = requestMaxRetries;
    settings.retryDelay = Duration.ofSeconds(10);
    settings.backoff = 5;
    SoarClient client = settings.connect(sleeper);
    server.takeRequest();
    server.takeRequest();
    return client;
  }

  @Test
  void shouldReportAMissingFunctionAsAbsentWithoutRetrying() throws Exception {
    try (SoarClient client = connected(5)) {
      server.enqueue(soarError(404, "Function not found"));

      assertThat(client.functionDestination("misp_no_such_function")).isEmpty();
    }
    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/rest/orgs/201/functions/misp_no_such_function?handle_format=names");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void shouldRetryAServerErrorThenFindTheDestination() throws Exception {
    try (SoarClient client = connected(5)) {
      server.enqueue(soarError(500, "database busy"));
      server.enqueue(function("fn_misp"));

      assertThat(client.functionDestination("misp_create_event")).contains("fn_misp");
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void shouldRetryTooManyRequests() throws Exception {
    try (SoarClient client = connected(5)) {
      server.enqueue(soarError(429, "slow down"));
      server.enqueue(function("fn_misp"));

      assertThat(client.functionDestination("misp_create_event")).contains("fn_misp");
    }
    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void shouldCapEachWaitAt60SecondsAndGiveUpAfterRequestMaxRetries() throws Exception {
    try (SoarClient client = connected(4)) {
      for (int i = 0; i < 5; i++) {
        server.enqueue(soarError(503, "maintenance"));
      }

      SoarException failure = catchThrowableOfType(SoarException.class,
          () -> client.functionDestination("misp_create_event"));

      assertThat(failure.kind()).isEqualTo(SoarException.Kind.GENERIC);
      assertThat(failure).hasMessageContaining("HTTP 503: maintenance")
          .hasMessageContaining("/rest/orgs/201/functions/misp_create_event")
          .hasMessageContaining("gave up after 4 attempts");
    }
    assertThat(server.getRequestCount()).isEqualTo(2 + 4);
    assertThat(sleeper.waits)
        .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(50), Duration.ofSeconds(60));
  }

  @Test
  void shouldNotRetryAClientError() throws Exception {
    try (SoarClient client = connected(5)) {
      server.enqueue(soarError(400, "Bad handle_format"));

      SoarException failure = catchThrowableOfType(SoarException.class,
          () -> client.functionDestination("misp_create_event"));

      assertThat(failure.kind()).isEqualTo(SoarException.Kind.GENERIC);
      assertThat(failure).hasMessageContaining("misp_create_event").hasMessageContaining("HTTP 400: Bad handle_format");
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void shouldRetryADroppedConnection() throws Exception {
    try (SoarClient client = connected(5)) {
      server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
      server.enqueue(function("fn_misp"));

      assertThat(client.functionDestination("misp_create_event")).contains("fn_misp");
    }
    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void shouldReportAFunctionWithoutDestinationHandle() throws Exception {
    try (SoarClient client = connected(5)) {
      server.enqueue(json(200, Json.object().put("name", "misp_create_event")));

      SoarException failure = catchThrowableOfType(SoarException.class,
          () -> client.functionDestination("misp_create_event"));

      assertThat(failure).hasMessageContaining("misp_create_event").hasMessageContaining("destination_handle");
    }
  }

  @Test
  void shouldTryTheLoginMaxConnectionRetriesTimes() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(soarError(502, "Bad Gateway"));
    }
    Settings settings = settings(server);
    settings.maxConnectionRetries = 3;

    SoarException failure = catchThrowableOfType(SoarException.class, () -> settings.connect(sleeper));

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.GENERIC);
    assertThat(failure).hasMessageContaining("Bad Gateway").hasMessageContaining("gave up after 3 attempts");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @ParameterizedTest(name = "max_connection_retries = {0}")
  @ValueSource(ints = {-1, 0})
  void shouldRetryTheLoginWithoutLimit(int maxConnectionRetries) throws Exception {
    for (int i = 0; i < 8; i++) {
      server.enqueue(soarError(503, "starting"));
    }
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));
    Settings settings = settings(server);
    settings.maxConnectionRetries = maxConnectionRetries;

    try (SoarClient client = settings.connect(sleeper)) {
      assertThat(client.org().id()).isEqualTo(201);
    }
    assertThat(sleeper.waits).hasSize(8).endsWith(Duration.ofSeconds(60));
  }

  @Test
  void shouldNameTheUrlWhenTheConnectionIsRefused() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    Settings settings = new Settings("127.0.0.1", closedPort);
    settings.maxConnectionRetries = 2;

    SoarException failure = catchThrowableOfType(SoarException.class, () -> settings.connect(sleeper));

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.GENERIC);
    assertThat(failure).hasMessageContaining("http://127.0.0.1:" + closedPort + "/rest/session")
        .hasMessageContaining("connection refused").hasMessageContaining("gave up after 2 attempts");
    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void shouldStopWaitingWhenInterrupted() {
    server.enqueue(soarError(503, "starting"));
    Settings settings = settings(server);
    settings.maxConnectionRetries = 3;
    RetryPolicy.Sleeper interrupted = duration -> {
      throw new InterruptedException();
    };

    try {
      SoarException failure = catchThrowableOfType(SoarException.class, () -> settings.connect(interrupted));

      assertThat(failure).hasMessageContaining("Interrupted while waiting to retry GET");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
