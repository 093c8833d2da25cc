package org.fnmisp.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The broker JVM ({@link BenchBroker}): started once, restarted on the same port and data directory on demand. */
final class BrokerProcess implements AutoCloseable {

  private final ChildProcess process;
  private final int port;

  private BrokerProcess(ChildProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  static BrokerProcess start(String java, Path work) throws Exception {
    return restart(java, work, 0);
  }

  static BrokerProcess restart(String java, Path work, int port) throws Exception {
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
    String extraJvm = System.getProperty("bench.brokerJvm", "").trim();
    if (!extraJvm.isEmpty()) {
      command.addAll(List.of(extraJvm.split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchBroker.class.getName(),
        Integer.toString(port), work.resolve("kahadb").toString(),
        System.getProperty("bench.brokerOptions", "transport.tcpNoDelay=true")));
    ChildProcess process = ChildProcess.start("broker-" + System.currentTimeMillis(), command, work, "READY ");
    String ready = process.awaitReady(60_000);
    return new BrokerProcess(process, Integer.parseInt(ready.substring("READY ".length()).trim()));
  }

  /** CPU seconds the broker JVM used so far. */
  double cpuSeconds() throws java.io.IOException {
    return process.cpuSeconds();
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    process.close();
  }
}
