package org.fnmisp.broker;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * An embedded ActiveMQ broker with one plain STOMP transport, for {@code run --local}: lets a newcomer try the whole
 * path without SOAR. No JMX, no advisory topics; persistent only when given a data directory.
 */
public final class LocalBroker implements AutoCloseable {

  private static final Logger log = Loggers.BROKER;

  private static final String KAHA_DB = "org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter";

  private final BrokerService broker;
  private final String host;
  private final int stompPort;

  private LocalBroker(BrokerService broker, String host, int stompPort) {
    this.broker = broker;
    this.host = host;
    this.stompPort = stompPort;
  }

  /**
   * Starts a broker listening for STOMP on {@code host}:{@code port} (port 0 = any free port).
   *
   * @param dataDirectory where messages survive a restart; null keeps them in memory only
   * @throws IOException when the broker cannot start, e.g. the port is taken
   */
  public static LocalBroker start(String host, int port, Path dataDirectory) throws IOException {
    if (dataDirectory != null && !canPersist()) {
      throw new IOException("cannot start the local ActiveMQ broker on " + host + ":" + port + " with data in "
          + dataDirectory + ": persistence needs " + KAHA_DB + " (artifact org.apache.activemq:activemq-kahadb-store)"
          + " on the classpath; start it without a data directory to keep messages in memory");
    }
    BrokerService broker = new BrokerService();
    try {
      broker.setBrokerName("fn-misp-local");
      broker.setUseJmx(false);
      broker.setAdvisorySupport(false);
      broker.setSchedulerSupport(false);
      broker.setUseShutdownHook(false);
      broker.setPersistent(dataDirectory != null);
      if (dataDirectory != null) {
        broker.setDataDirectoryFile(dataDirectory.toFile());
      }
      // After setPersistent: asking for the usage creates the store. ActiveMQ's 1 GB default would exceed a small
      // fn-misp heap; a try-out broker needs little.
      broker.getSystemUsage().getMemoryUsage().setLimit(32L * 1024 * 1024);
      // Without tcpNoDelay, Nagle holds each RECEIPT and MESSAGE for the peer's delayed ACK: 40 ms per call.
      TransportConnector stomp = broker.addConnector("stomp://" + host + ":" + port + "?transport.tcpNoDelay=true");
      broker.start();
      broker.waitUntilStarted();
      int bound = stomp.getConnectUri().getPort();
      log.info("Local ActiveMQ broker listening for STOMP on {}:{} ({})", host, bound,
          dataDirectory == null ? "in memory" : "data in " + dataDirectory);
      return new LocalBroker(broker, host, bound);
    } catch (Exception e) {
      stopQuietly(broker);
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException) {
          BindException taken = new BindException("cannot start the local ActiveMQ broker on " + host + ":" + port
              + ": port " + port + " is already in use (another `fn-misp run --local`?)");
          taken.initCause(e);
          throw taken;
        }
      }
      throw new IOException("cannot start the local ActiveMQ broker on " + host + ":" + port + ": " + e.getMessage(),
          e);
    }
  }

  public String host() {
    return host;
  }

  /** The bound STOMP port (the real one when 0 was asked for). */
  public int stompPort() {
    return stompPort;
  }

  /** Stops the broker and waits until it has stopped. */
  @Override
  public void close() {
    stopQuietly(broker);
    log.info("Local ActiveMQ broker stopped");
  }

  /** True when the KahaDB store ActiveMQ uses for persistent brokers is on the classpath. */
  public static boolean canPersist() {
    try {
      Class.forName(KAHA_DB, false, LocalBroker.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void stopQuietly(BrokerService broker) {
    try {
      broker.stop();
      broker.waitUntilStopped();
    } catch (Exception e) {
      log.warn("Stopping the local ActiveMQ broker failed: {}", e.toString());
    }
  }
}
