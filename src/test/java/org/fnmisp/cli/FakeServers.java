package org.fnmisp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.testing.TestBroker;

/** A MISP and a SOAR REST API on MockWebServer that answer by path, for whole-server tests. */
final class FakeServers {

  /** A MISP key of the right form (40 letters and digits) that no MISP has. */
  static final String MISP_KEY = "fake".repeat(10);

  private FakeServers() {}

  /** app.config for SOAR over TLS (its CA in {@code soarCaFile}), the broker's TLS port, and a MISP. */
  static Path soarAppConfig(Path dir, int soarPort, Path soarCaFile, TestBroker broker, String apiKeySecret,
      String mispUrl) throws IOException {
    return writeConfig(dir, """
        [resilient]
        host = 127.0.0.1
        port = %d
        org = Test Org
        api_key_id = %s
        api_key_secret = %s
        cafile = %s
        stomp_port = %d
        stomp_cafile = %s
        num_workers = 4
        request_retry_delay = 0
        logdir = %s

        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(soarPort, TestBroker.USER, apiKeySecret, soarCaFile, broker.stompSslPort(),
        broker.certificatePemFile(), dir.resolve("logs"), mispUrl, MISP_KEY));
  }

  /** MISP answering each of the six functions' requests with the fixtures under /misp. */
  static MockWebServer misp(List<RecordedRequest> requests) throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        return switch (path) {
          case "/events/add" -> fixture("event-created.json");
          case "/events/restSearch" ->
            fixture(body.contains("eventid") ? "event-search-by-id.json" : "search-events.json");
          case "/sightings/add" -> fixture("sighting-added.json");
          case "/sightings/listSightings" -> fixture("sightings-list.json");
          case "/tags/attachTagToObject" -> fixture("tag-attached.json");
          case "/servers/getVersion" -> fixture("server-version.json");
          default -> path.startsWith("/attributes/add/") ? fixture("attribute-created.json")
              : new MockResponse(404, Headers.of(), "{\"name\":\"Not Found\",\"message\":\"Not Found\"}");
        };
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** SOAR over TLS (certificate for 127.0.0.1 signed by {@code ca}): one org 201 whose functions go to fn_misp. */
  static MockWebServer soar(HeldCertificate ca, List<RecordedRequest> requests) throws IOException {
    MockWebServer server = new MockWebServer();
    HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .signedBy(ca).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate, ca.certificate()).build()
        .sslSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getUrl().encodedPath();
        if (path.equals("/rest/session")) {
          return json("{\"api_key_handle\":42,\"orgs\":[{\"id\":201,\"name\":\"Test Org\",\"uuid\":\"u-201\","
              + "\"cloud_account\":\"acct\",\"enabled\":true}]}");
        }
        if (path.equals("/rest/orgs/201")) {
          return json("{\"id\":201,\"actions_framework_enabled\":true}");
        }
        if (path.equals("/rest/const")) {
          return json("{\"server_version\":{\"version\":\"51.0.0\"}}");
        }
        if (path.startsWith("/rest/orgs/201/functions/misp_")) {
          return json("{\"destination_handle\":\"fn_misp\"}");
        }
        return new MockResponse(404, Headers.of("Content-Type", "application/json"), "{\"message\":\"not found\"}");
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  static List<RecordedRequest> recorder() {
    return new CopyOnWriteArrayList<>();
  }

  static Path writeConfig(Path dir, String text) throws IOException {
    return Files.writeString(dir.resolve("app.config"), text);
  }

  private static MockResponse fixture(String name) {
    try (InputStream in = FakeServers.class.getResourceAsStream("/misp/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse json(String body) {
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), body);
  }
}
