package org.fnmisp.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.broker.TransportConnector;

/**
 * The broker process of the benchmark: ActiveMQ with STOMP on 127.0.0.1:&lt;port&gt; and a persistent KahaDB store in
 * &lt;data dir&gt;, as in production. Prints {@code READY <port>} once it accepts connections and stops when its
 * standard input closes (the parent died) or on SIGTERM. Third argument: extra transport options for the STOMP URI
 * (default {@code transport.tcpNoDelay=true}, see doc/performance.md; "-" for none). Fourth argument (optional): a PEM
 * file with the broker's certificate and private key; the broker then also serves STOMP over TLS, as SOAR's does, on
 * a port of its own, and prints {@code READY <port> <tls port>}.
 */
public final class BenchBroker {

  private BenchBroker() {}

  public static void main(String[] args) throws Exception {
    String options = args.length > 2 ? args[2] : "transport.tcpNoDelay=true";
    BrokerService broker = new BrokerService();
    broker.setBrokerName("fn-misp-bench");
    broker.setUseJmx(false);
    broker.setAdvisorySupport(false);
    broker.setSchedulerSupport(false);
    broker.setUseShutdownHook(false);
    broker.setPersistent(true);
    broker.setDataDirectoryFile(new File(args[1]));
    TransportConnector stomp = broker.addConnector("stomp://127.0.0.1:" + args[0]
        + ("-".equals(options) ? "" : "?" + options));
    TransportConnector tls = null;
    if (args.length > 3) {
      HeldCertificate certificate = HeldCertificate.decode(Files.readString(Path.of(args[3])));
      HandshakeCertificates server = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
      broker.setSslContext(new SslContext(new KeyManager[] {server.keyManager()},
          new TrustManager[] {server.trustManager()}, new SecureRandom()));
      tls = broker.addConnector("stomp+ssl://127.0.0.1:0");
    }
    broker.start();
    broker.waitUntilStarted();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        broker.stop();
        broker.waitUntilStopped();
      } catch (Exception e) {
        e.printStackTrace();
      }
    }, "broker-stop"));
    System.out.println("READY " + stomp.getConnectUri().getPort()
        + (tls == null ? "" : " " + tls.getConnectUri().getPort()));
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to close our stdin
    }
    System.exit(0);
  }
}
