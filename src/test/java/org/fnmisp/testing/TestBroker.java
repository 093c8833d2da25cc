package org.fnmisp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.region.Subscription;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.command.ActiveMQTextMessage;
import org.apache.activemq.command.ConnectionId;
import org.apache.activemq.command.ConsumerInfo;
import org.apache.activemq.command.MessageId;
import org.apache.activemq.command.ProducerId;
import org.apache.activemq.command.ProducerInfo;
import org.apache.activemq.command.SessionId;
import org.apache.activemq.command.TransactionId;
import org.apache.activemq.filter.DestinationMapEntry;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.AuthorizationEntry;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.DefaultAuthorizationMap;
import org.apache.activemq.security.SimpleAuthenticationPlugin;
import org.apache.activemq.state.ProducerState;
import org.fnmisp.config.Secret;
import org.fnmisp.retry.Backoff;
import org.fnmisp.stomp.StompSettings;
import org.fnmisp.tls.TlsTrust;

/**
 * A real ActiveMQ broker inside the test JVM, shaped like SOAR's: STOMP over TLS with a self-signed certificate made
 * per broker, plus a plain STOMP transport, login required. The user {@link #USER} may use queues named
 * {@code actions.>}, {@code acks.>} and {@code test.>}; everything else (e.g. {@code forbidden.x}) is refused, so
 * an ERROR frame can be provoked. Transports can be stopped and restarted on the same ports to simulate a broker
 * drop; messages stay (the broker itself keeps running).
 */
public final class TestBroker implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String USER = "fn-misp-key";
  /** Contains a colon and a backslash on purpose: CONNECT header escaping must get it through intact. */
  public static final String PASSWORD = "pass:word\\1";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

  private static final ProducerId PRODUCER =
      new ProducerId(new SessionId(new ConnectionId("ID:test-producer-" + UUID.randomUUID()), 1), 1);

  private final BrokerService broker;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger commitsToRefuse;
  private final Set<String> unreadable;
  private final Path directory;
  private final Path certificatePem;
  private final HeldCertificate certificate;
  private final int sslPort;
  private final int plainPort;
  private final String sslOptions;
  private List<TransportConnector> transports;

  private TestBroker(BrokerService broker, Path directory, HeldCertificate certificate, Path certificatePem,
      String sslOptions, List<TransportConnector> transports, AtomicInteger commitsToRefuse, Set<String> unreadable)
      throws Exception {
    this.commitsToRefuse = commitsToRefuse;
    this.unreadable = unreadable;
    this.broker = broker;
    this.directory = directory;
    this.certificate = certificate;
    this.certificatePem = certificatePem;
    this.sslOptions = sslOptions;
    this.transports = transports;
    this.sslPort = transports.get(0).getConnectUri().getPort();
    this.plainPort = transports.get(1).getConnectUri().getPort();
  }

  /** Starts a broker with a {@code stomp+ssl} and a plain {@code stomp} transport on free loopback ports. */
  public static TestBroker start() {
    return start(null);
  }

  /** As {@link #start()}, but the TLS transport requires a client certificate issued by {@code clientCa}. */
  public static TestBroker startRequiringClientCertificates(HeldCertificate clientCa) {
    return start(clientCa);
  }

  private static TestBroker start(HeldCertificate clientCa) {
    Path directory = null;
    BrokerService broker = new BrokerService();
    AtomicInteger commitsToRefuse = new AtomicInteger();
    Set<String> unreadable = ConcurrentHashMap.newKeySet();
    try {
      directory = Files.createTempDirectory("fn-misp-broker");
      HeldCertificate certificate = new HeldCertificate.Builder()
          .commonName("fn-misp test broker")
          .addSubjectAlternativeName(HOST)
          .addSubjectAlternativeName("localhost")
          .duration(1, java.util.concurrent.TimeUnit.DAYS)
          .build();
      Path pem = directory.resolve("broker-ca.pem");
      Files.writeString(pem, certificate.certificatePem());
      HandshakeCertificates.Builder handshake = new HandshakeCertificates.Builder().heldCertificate(certificate);
      if (clientCa != null) {
        handshake.addTrustedCertificate(clientCa.certificate());
      }
      HandshakeCertificates serverCertificates = handshake.build();
      String sslOptions = clientCa == null ? "" : "?transport.needClientAuth=true";

      broker.setBrokerName("test-" + UUID.randomUUID());
      broker.setUseJmx(false);
      broker.setAdvisorySupport(false);
      broker.setSchedulerSupport(false);
      broker.setPersistent(false);
      broker.setUseShutdownHook(false);
      broker.setDataDirectoryFile(directory.toFile());
      broker.setSslContext(new SslContext(new KeyManager[] {serverCertificates.keyManager()},
          new TrustManager[] {serverCertificates.trustManager()}, new SecureRandom()));
      broker.setPlugins(new BrokerPlugin[] {authentication(), authorization(), refusals(commitsToRefuse, unreadable)});
      TransportConnector ssl = broker.addConnector("stomp+ssl://" + HOST + ":0" + sslOptions);
      TransportConnector plain = broker.addConnector("stomp://" + HOST + ":0");
      broker.start();
      broker.waitUntilStarted();
      return new TestBroker(broker, directory, certificate, pem, sslOptions, List.of(ssl, plain), commitsToRefuse,
          unreadable);
    } catch (Exception e) {
      stop(broker);
      delete(directory);
      throw new IllegalStateException("cannot start the test broker: " + e, e);
    }
  }

  public int stompSslPort() {
    return sslPort;
  }

  public int stompPort() {
    return plainPort;
  }

  /** The broker's self-signed certificate as PEM. */
  public String certificatePem() {
    return certificate.certificatePem();
  }

  /** A PEM file holding the broker's certificate, as {@code stomp_cafile} would name it. */
  public Path certificatePemFile() {
    return certificatePem;
  }

  /** TLS settings for {@link #USER} trusting exactly this broker's certificate, with test-sized timeouts. */
  public StompSettings tlsSettings() {
    return settings(true, TlsTrust.fromPemBundle("resilient", "stomp_cafile", certificatePem), USER, PASSWORD);
  }

  /** Settings with test-sized timeouts and a fast backoff (50 ms doubling to 500 ms). */
  public StompSettings settings(boolean tls, TlsTrust trust, String login, String passcode) {
    return new StompSettings(HOST, tls ? sslPort : plainPort, tls, trust, login, Secret.of(passcode),
        StompSettings.DEFAULT_HEART_BEAT, Duration.ofSeconds(5), Duration.ofSeconds(5),
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 2.0, 0.2, new Random(1)::nextDouble));
  }

  /** Stops every transport and drops its client connections, like a broker going away. */
  public synchronized void stopTransport() {
    try {
      for (TransportConnector transport : transports) {
        transport.stop();
        broker.removeConnector(transport);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the test broker's transports: " + e, e);
    }
  }

  /** Starts the transports again on the same ports. */
  public synchronized void startTransport() {
    try {
      TransportConnector ssl = broker.addConnector("stomp+ssl://" + HOST + ":" + sslPort + sslOptions);
      TransportConnector plain = broker.addConnector("stomp://" + HOST + ":" + plainPort);
      broker.startTransportConnector(ssl);
      broker.startTransportConnector(plain);
      transports = List.of(ssl, plain);
    } catch (Exception e) {
      throw new IllegalStateException("cannot restart the test broker's transports: " + e, e);
    }
  }

  /** Messages in the queue that are not yet ACKed (delivered-but-unACKed ones count). */
  public long queueSize(String queue) {
    try {
      return broker.getDestination(new ActiveMQQueue(queue)).getDestinationStatistics().getMessages().getCount();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the size of queue " + queue + ": " + e, e);
    }
  }

  /**
   * Puts a persistent text message on {@code queue} as SOAR's JMS producer does: {@code reply-to} (a queue name,
   * with or without {@code /queue/}) and {@code correlation-id} become the JMS fields, every other header a string
   * property. It goes straight into the broker (no JMS API), so the same code runs on ActiveMQ 5.x (javax.jms) and
   * 6.x (jakarta.jms).
   */
  public void sendMessage(String queue, Map<String, String> headers, String body) {
    try {
      ActiveMQTextMessage message = new ActiveMQTextMessage();
      message.setText(body);
      for (Map.Entry<String, String> header : headers.entrySet()) {
        switch (header.getKey()) {
          case "reply-to" -> message.setReplyTo(new ActiveMQQueue(header.getValue().replaceFirst("^/queue/", "")));
          case "correlation-id" -> message.setCorrelationId(header.getValue());
          default -> message.setStringProperty(header.getKey(), header.getValue());
        }
      }
      message.setDestination(new ActiveMQQueue(queue));
      message.setPersistent(true);
      message.setTimestamp(System.currentTimeMillis());
      message.setProducerId(PRODUCER);
      message.setMessageId(new MessageId(PRODUCER, sequence.incrementAndGet()));
      ProducerBrokerExchange exchange = new ProducerBrokerExchange();
      exchange.setConnectionContext(broker.getAdminConnectionContext());
      exchange.setMutable(true);
      exchange.setProducerState(new ProducerState(new ProducerInfo(PRODUCER)));
      broker.getBroker().send(exchange, message);
    } catch (Exception e) {
      throw new IllegalStateException("cannot send a test message to " + queue + ": " + e, e);
    }
  }

  /** The next {@code count} transaction COMMITs are refused, as a broker whose store fails would (STORE COMMIT FAILED). */
  public void refuseCommits(int count) {
    commitsToRefuse.set(count);
  }

  /**
   * From now on, {@link #USER} may not read {@code queue} (true) or may again (false): a SUBSCRIBE gets the ERROR an
   * authorization map gives, "User ... is not authorized to read from: queue://...".
   */
  public void refuseReads(String queue, boolean refuse) {
    if (refuse) {
      unreadable.add(queue);
    } else {
      unreadable.remove(queue);
    }
  }

  /**
   * A broker plugin that refuses on request: a COMMIT (the client gets an ERROR and nothing in the transaction
   * applies), or a subscription to a queue.
   */
  private static BrokerPlugin refusals(AtomicInteger commitsToRefuse, Set<String> unreadable) {
    return next -> new BrokerFilter(next) {
      @Override
      public Subscription addConsumer(ConnectionContext context, ConsumerInfo info) throws Exception {
        String queue = info.getDestination().getPhysicalName();
        if (unreadable.contains(queue) && USER.equals(context.getUserName())) {
          throw new SecurityException("User " + USER + " is not authorized to read from: queue://" + queue);
        }
        return super.addConsumer(context, info);
      }

      @Override
      public void commitTransaction(ConnectionContext context, TransactionId xid, boolean onePhase) throws Exception {
        if (commitsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          throw new IOException("STORE COMMIT FAILED (refused by the test broker)");
        }
        super.commitTransaction(context, xid, onePhase);
      }
    };
  }

  @Override
  public void close() {
    stop(broker);
    delete(directory);
  }

  private static SimpleAuthenticationPlugin authentication() {
    SimpleAuthenticationPlugin plugin = new SimpleAuthenticationPlugin(List.of(
        new AuthenticationUser(USER, PASSWORD, "users"),
        new AuthenticationUser(ADMIN, ADMIN_PASSWORD, "admins")));
    plugin.setAnonymousAccessAllowed(false);
    return plugin;
  }

  @SuppressWarnings("rawtypes") // DefaultAuthorizationMap takes a raw List<DestinationMapEntry>
  private static AuthorizationPlugin authorization() throws Exception {
    List<DestinationMapEntry> entries = List.of(
        queueEntry(">", "admins"),
        queueEntry("actions.>", "admins,users"),
        queueEntry("acks.>", "admins,users"),
        queueEntry("test.>", "admins,users"));
    return new AuthorizationPlugin(new DefaultAuthorizationMap(entries));
  }

  private static AuthorizationEntry queueEntry(String pattern, String groups) throws Exception {
    AuthorizationEntry entry = new AuthorizationEntry();
    entry.setQueue(pattern);
    entry.setRead(groups);
    entry.setWrite(groups);
    entry.setAdmin(groups);
    return entry;
  }

  private static void stop(BrokerService broker) {
    try {
      broker.stop();
      broker.waitUntilStopped();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the test broker: " + e, e);
    }
  }

  private static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
