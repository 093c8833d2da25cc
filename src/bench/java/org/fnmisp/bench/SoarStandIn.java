package org.fnmisp.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The SOAR REST API that {@code fn-misp run} talks to at start-up, over HTTPS: {@code GET /rest/session} (API key
 * login), {@code GET /rest/orgs/201}, {@code GET /rest/const} and {@code GET /rest/orgs/201/functions/<name>} for each
 * function, every one naming the message destination {@code fn_misp}. Its certificate (SAN 127.0.0.1, issued by a CA
 * of its own) also serves the broker's STOMP over TLS, as on a SOAR host; {@link #caFile()} is what app.config trusts.
 */
final class SoarStandIn implements AutoCloseable {

  static final String API_KEY_ID = "bench-key";
  static final String ORG = "Bench Org";

  private final MockWebServer server = new MockWebServer();
  private final Path caFile;
  private final Path serverKeyFile;
  private final AtomicLong requests = new AtomicLong();

  SoarStandIn(Path dir) throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("bench SOAR CA").build();
    HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .commonName("127.0.0.1").signedBy(ca).build();
    caFile = Files.writeString(dir.resolve("soar-ca.pem"), ca.certificatePem());
    serverKeyFile = Files.writeString(dir.resolve("soar-server.pem"),
        certificate.certificatePem() + certificate.privateKeyPkcs8Pem());
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate, ca.certificate()).build()
        .sslSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        return answer(request.getMethod(), request.getUrl().encodedPath());
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  private static MockResponse answer(String method, String path) {
    if (!method.equals("GET")) {
      return json(405, "{\"success\":false,\"message\":\"not in the stand-in\"}");
    }
    if (path.equals("/rest/session")) {
      return json(200, "{\"api_key_handle\":42,\"orgs\":[{\"id\":201,\"name\":\"" + ORG + "\",\"uuid\":\"u-201\","
          + "\"cloud_account\":\"acct-201\",\"enabled\":true}]}");
    }
    if (path.equals("/rest/orgs/201")) {
      return json(200, "{\"id\":201,\"actions_framework_enabled\":true,\"session_timeout\":1200}");
    }
    if (path.equals("/rest/const")) {
      return json(200, "{\"server_version\":{\"version\":\"51.0.2.0.1234\"}}");
    }
    if (path.startsWith("/rest/orgs/201/functions/")) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      return json(200, "{\"name\":\"" + name + "\",\"destination_handle\":\"fn_misp\"}");
    }
    return json(404, "{\"success\":false,\"message\":\"No such resource: " + path + "\"}");
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse(status, Headers.of("Content-Type", "application/json"), body);
  }

  int port() {
    return server.getPort();
  }

  Path caFile() {
    return caFile;
  }

  /** The certificate and private key (PEM) the broker's TLS transport presents. */
  Path serverKeyFile() {
    return serverKeyFile;
  }

  long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.close();
  }
}
