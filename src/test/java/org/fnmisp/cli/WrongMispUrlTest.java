package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A misp_url that does not lead to MISP fails the call naming misp_url, the URL tried and what answered, while MISP's
 * refusals about objects stay `success: true` with `content.errors`, as fn_misp returned them.
 */
class WrongMispUrlTest {

  private static final Headers HTML = Headers.of("Content-Type", "text/html");
  private static final Headers JSON = Headers.of("Content-Type", "application/json");

  @TempDir
  Path dir;

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> notMisp() {
    return Stream.of(
        Arguments.of("a 404 HTML page", new MockResponse(404, HTML,
            "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"),
            "answered HTTP 404 with an HTML page titled \"404 Not Found\""),
        Arguments.of("MISP's generic Not Found", new MockResponse(404, JSON,
            "{\"name\":\"Not Found\",\"message\":\"Not Found\",\"url\":\"/mispp/sightings/add\"}"),
            "answered HTTP 404 with MISP's \"Not Found\" for an unknown URL"),
        Arguments.of("a 405 with an empty body", new MockResponse(405, Headers.of(), ""),
            "answered HTTP 405 with an empty body"),
        Arguments.of("another server", new MockResponse(404, JSON,
            "{\"timestamp\":\"2024-05-01T12:00:00Z\",\"status\":404,\"error\":\"Not Found\",\"path\":\"/x\"}"),
            "answered HTTP 404 with the JSON {\"timestamp\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notMisp")
  void shouldFailNamingMispUrlWhenThePathDoesNotLeadToMisp(String what, MockResponse answer, String described)
      throws Exception {
    server.enqueue(answer);
    server.enqueue(answer);
    String url = server.url("/mispp").toString();

    CliRun cli = invoke(url, "misp_create_sighting", "misp_sighting=8.8.8.8");

    assertThat(cli.out.toString()).isEmpty();
    assertThat(cli.err.toString()).contains("Error: Could not add the MISP sighting: [fn_misp] misp_url = " + url
        + " does not lead to MISP's API: POST " + url + "/sightings/add " + described)
        .contains("GET " + url + "/servers/getVersion answered HTTP")
        .doesNotContain(FakeServers.MISP_KEY);
    assertThat(paths()).containsExactly("/mispp/sightings/add", "/mispp/servers/getVersion");
  }

  @Test
  void shouldKeepMispsRefusalOfAnObjectAsContentErrorsWithoutAnExtraRequest() throws Exception {
    server.enqueue(new MockResponse(404, JSON,
        "{\"name\":\"Invalid event.\",\"message\":\"Invalid event.\",\"url\":\"/sightings/listSightings\"}"));

    CliRun cli = invoke(server.url("/").toString(), "misp_sighting_list", "misp_event_id=7");

    JsonNode results = Json.parse(cli.out.toString(), "out");
    assertThat(results.path("success").asBoolean()).isTrue();
    assertThat(results.at("/content/errors/0").asInt()).isEqualTo(404);
    assertThat(results.at("/content/errors/1/message").asText()).isEqualTo("Invalid event.");
    assertThat(paths()).containsExactly("/sightings/listSightings");
  }

  @Test
  void shouldKeepAnUnclearRefusalAsContentErrorsWhenMispAnswersItsVersion() throws Exception {
    server.enqueue(new MockResponse(405, Headers.of(), ""));
    server.enqueue(new MockResponse(200, JSON, "{\"version\":\"2.5.1\"}"));

    CliRun cli = invoke(server.url("/").toString(), "misp_create_event", "misp_event_name=x");

    JsonNode results = Json.parse(cli.out.toString(), "out");
    assertThat(results.path("success").asBoolean()).isTrue();
    assertThat(results.at("/content/errors/0").asInt()).isEqualTo(405);
    assertThat(paths()).containsExactly("/events/add", "/servers/getVersion");
  }

  @Test
  void shouldBlameTheSchemeNotVerifyCertForHttpsOnAnHttpPort() throws Exception {
    // an HTTP server reads the TLS hello as a malformed request and closes the connection without a word (a
    // MockWebServer would wait for a line end that the hello's random bytes may or may not hold)
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread closing = new Thread(() -> {
        try (Socket socket = plain.accept()) {
          socket.getInputStream().read(new byte[512]);
        } catch (IOException closed) {
          // the test is over
        }
      });
      closing.start();
      String url = "https://127.0.0.1:" + plain.getLocalPort() + "/";

      CliRun cli = invoke(url, "misp_search_attribute", "misp_attribute_value=8.8.8.8");

      assertThat(cli.err.toString()).contains("as a port that speaks plain http:// does")
          .contains("check the scheme of [fn_misp] misp_url = " + url).doesNotContain("verify_cert")
          .doesNotContain("Exception");
    }
  }

  @Test
  void shouldBlameTheSchemeWhenAnHttpServerAnswersTheHandshakeInPlainText() throws Exception {
    // an HTTP server answers the TLS hello it cannot parse with a plain 400, as nginx and Apache do
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread answering = new Thread(() -> {
        try (Socket socket = plain.accept()) {
          socket.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close"
              + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closed) {
          // the test is over
        }
      });
      answering.start();
      String url = "https://127.0.0.1:" + plain.getLocalPort() + "/";

      CliRun cli = invoke(url, "misp_search_attribute", "misp_attribute_value=8.8.8.8");

      assertThat(cli.err.toString()).contains("answered TLS with plain HTTP: the port speaks http://")
          .contains("check the scheme of [fn_misp] misp_url = " + url).doesNotContain("verify_cert =")
          .doesNotContain("Exception");
    }
  }

  private CliRun invoke(String mispUrl, String... functionAndInputs) throws Exception {
    Path config = FakeServers.writeConfig(dir, """
        [fn_misp]
        misp_url = %s
        misp_key = %s
        max_retries = 0
        """.formatted(mispUrl, FakeServers.MISP_KEY));
    CliRun cli = new CliRun(Map.of(), dir, dir);
    String[] args = Stream.concat(Stream.of("invoke", "--config-file", config.toString()),
        Stream.of(functionAndInputs)).toArray(String[]::new);
    cli.execute(args);
    return cli;
  }

  private List<String> paths() throws InterruptedException {
    List<String> paths = new java.util.ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      RecordedRequest request = server.takeRequest();
      paths.add(request.getUrl().encodedPath());
    }
    return paths;
  }
}
