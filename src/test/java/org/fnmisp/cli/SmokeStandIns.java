package org.fnmisp.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.fnmisp.broker.LocalBroker;
import org.fnmisp.testing.AppHostSecretFiles;

/**
 * The stand-ins apphost/smoke.sh runs the container against, from the test classpath (not a test):
 * <ul>
 *   <li>{@code secrets DIR NAME=VALUE...} writes App Host protected secrets (a JWK and JWE tokens) to DIR;
 *   <li>{@code serve PORTS_FILE MISP_KEY} starts a broker as {@code run --local} does and a MISP that answers the
 *       six functions only to MISP_KEY, on loopback, writes their ports to PORTS_FILE and runs until killed.
 * </ul>
 */
public final class SmokeStandIns {

  private SmokeStandIns() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("secrets")) {
      Map<String, String> secrets = new LinkedHashMap<>();
      for (String pair : List.of(args).subList(2, args.length)) {
        secrets.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      AppHostSecretFiles.write(Path.of(args[1]), secrets);
    } else if (args.length == 3 && args[0].equals("serve")) {
      serve(Path.of(args[1]), args[2]);
    } else {
      System.err.println("usage: SmokeStandIns secrets DIR NAME=VALUE... | serve PORTS_FILE MISP_KEY");
      System.exit(2);
    }
  }

  private static void serve(Path portsFile, String mispKey) throws Exception {
    try (LocalBroker broker = LocalBroker.start("127.0.0.1", 0, null);
        MockWebServer misp = FakeServers.misp(FakeServers.recorder())) {
      Dispatcher answers = misp.getDispatcher();
      misp.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
          boolean keyed = mispKey.equals(request.getHeaders().get("Authorization"));
          System.out.println("MISP stand-in: " + request.getMethod() + " " + request.getUrl().encodedPath()
              + (keyed ? " (the expected key)" : " (a wrong key: 403)"));
          return keyed ? answers.dispatch(request) : new MockResponse(403, Headers.of("Content-Type",
              "application/json"), "{\"name\":\"Authentication failed.\",\"message\":\"Authentication failed.\"}");
        }
      });
      Files.writeString(portsFile, "broker=" + broker.stompPort() + "\nmisp=" + misp.getPort() + "\n");
      System.out.println("broker on stomp://127.0.0.1:" + broker.stompPort() + ", MISP stand-in on "
          + misp.url("/"));
      new CountDownLatch(1).await();
    }
  }
}
