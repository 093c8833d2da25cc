package org.fnmisp.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The broker JVM ({@link BenchBroker}): started once, restarted on the same port and data directory on demand. */
final class BrokerProcess implements AutoCloseable {

  private final ChildProcess process;
  private final int port;
  private final int tlsPort;

  private BrokerProcess(ChildProcess process, int port, int tlsPort) {
    this.process = process;
    this.port = port;
    this.tlsPort = tlsPort;
  }

  /** {@code tlsKeyPem} (may be null): certificate and key of a STOMP over TLS transport on a port of its own. */
  static BrokerProcess start(String java, Path work, Path tlsKeyPem) throws Exception {
    return restart(java, work, 0, tlsKeyPem);
  }

  static BrokerProcess restart(String java, Path work, int port, Path tlsKeyPem) throws Exception {
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
    String extraJvm = System.getProperty("bench.brokerJvm", "").trim();
    if (!extraJvm.isEmpty()) {
      command.addAll(List.of(extraJvm.split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchBroker.class.getName(),
        Integer.toString(port), work.resolve("kahadb").toString(),
        System.getProperty("bench.brokerOptions", "transport.tcpNoDelay=true")));
    if (tlsKeyPem != null) {
      command.add(tlsKeyPem.toString());
    }
    ChildProcess process = ChildProcess.start("broker-" + System.currentTimeMillis(), command, work, "READY ");
    String ready = process.awaitReady(60_000);
    String[] ports = ready.substring("READY ".length()).trim().split(" ");
    return new BrokerProcess(process, Integer.parseInt(ports[0]), ports.length > 1 ? Integer.parseInt(ports[1]) : -1);
  }

  /** CPU seconds the broker JVM used so far. */
  double cpuSeconds() throws java.io.IOException {
    return process.cpuSeconds();
  }

  int port() {
    return port;
  }

  /** The STOMP over TLS port, or -1 when the broker was started without a certificate. */
  int tlsPort() {
    return tlsPort;
  }

  @Override
  public void close() {
    process.close();
  }
}
