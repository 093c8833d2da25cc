package org.fnmisp.stomp;

import java.time.Duration;
import java.util.Objects;
import org.fnmisp.config.Secret;
import org.fnmisp.retry.Backoff;
import org.fnmisp.tls.TlsTrust;

/**
 * Connection settings.
 *
 * @param trust which server certificates to accept; ignored when {@code tls} is false
 * @param heartBeatReceive how often the broker should send heart-beats (server to client); ZERO = none. The
 *     connection is declared dead after twice the negotiated interval of silence.
 * @param connectTimeout the budget for TCP connect + TLS handshake + the CONNECTED answer
 * @param receiptTimeout how long {@link StompClient#sendWithReceipt} waits for the RECEIPT
 * @param reconnectBackoff the wait before each reconnect, and before a refused SUBSCRIBE is tried again
 * @param maxBodyBytes the largest frame body kept; a larger one is read past and handed on marked as incomplete
 *     (default: ActiveMQ's {@code maxFrameSize}, 100 MiB)
 */
public record StompSettings(String host, int port, boolean tls, TlsTrust trust, String login, Secret passcode,
    Duration heartBeatReceive, Duration connectTimeout, Duration receiptTimeout, Backoff reconnectBackoff,
    int maxBodyBytes) {

  public static final Duration DEFAULT_HEART_BEAT = Duration.ofSeconds(15);

  /**
   * First reconnect after 0.2 s, growing by half each time to at most 1 s, up to half of each wait cut at random.
   * The cap is what makes the first reply come well within 2 s after a broker is back, however long it was away
   * (an attempt to a broker that is down costs one refused TCP connect); the jitter keeps many instances from
   * reconnecting in step after the same outage.
   */
  public static final Backoff DEFAULT_RECONNECT_BACKOFF =
      Backoff.of(Duration.ofMillis(200), Duration.ofSeconds(1), 1.5, 0.5);

  /** ActiveMQ's default {@code maxFrameSize}: the broker accepts no larger STOMP frame, so we keep no larger body. */
  public static final int DEFAULT_MAX_BODY_BYTES = FrameDecoder.DEFAULT_MAX_BODY;

  public StompSettings {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("STOMP port must be 1..65535, got " + port);
    }
    if (tls) {
      Objects.requireNonNull(trust, "trust");
    }
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(passcode, "passcode");
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("receiptTimeout", receiptTimeout);
    Objects.requireNonNull(heartBeatReceive, "heartBeatReceive");
    if (heartBeatReceive.isNegative()) {
      throw new IllegalArgumentException("heartBeatReceive must not be negative, got " + heartBeatReceive);
    }
    Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
  }

  /** Settings that keep bodies up to {@link #DEFAULT_MAX_BODY_BYTES}. */
  public StompSettings(String host, int port, boolean tls, TlsTrust trust, String login, Secret passcode,
      Duration heartBeatReceive, Duration connectTimeout, Duration receiptTimeout, Backoff reconnectBackoff) {
    this(host, port, tls, trust, login, passcode, heartBeatReceive, connectTimeout, receiptTimeout, reconnectBackoff,
        DEFAULT_MAX_BODY_BYTES);
  }

  /** The same settings with another body limit. */
  public StompSettings withMaxBodyBytes(int limit) {
    return new StompSettings(host, port, tls, trust, login, passcode, heartBeatReceive, connectTimeout,
        receiptTimeout, reconnectBackoff, limit);
  }

  /** Settings with the defaults: 15 s heart-beat, 60 s connect timeout, 30 s receipt timeout, default backoff. */
  public static StompSettings of(String host, int port, boolean tls, TlsTrust trust, String login, Secret passcode) {
    return new StompSettings(host, port, tls, trust, login, passcode, DEFAULT_HEART_BEAT, Duration.ofSeconds(60),
        Duration.ofSeconds(30), DEFAULT_RECONNECT_BACKOFF);
  }

  /** {@code host:port}, the way every message names the broker. */
  public String address() {
    return host + ":" + port;
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
