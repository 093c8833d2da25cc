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
 */
public record StompSettings(String host, int port, boolean tls, TlsTrust trust, String login, Secret passcode,
    Duration heartBeatReceive, Duration connectTimeout, Duration receiptTimeout, Backoff reconnectBackoff) {

  public static final Duration DEFAULT_HEART_BEAT = Duration.ofSeconds(15);

  /**
   * First reconnect within 0.5 s, growing by half each time, capped at 60 s, up to 25 % jitter. The gentle growth keeps
   * the wait short after a broker restart of a few seconds, while a long outage still ends up at one attempt a minute.
   */
  public static final Backoff DEFAULT_RECONNECT_BACKOFF =
      Backoff.of(Duration.ofMillis(500), Duration.ofSeconds(60), 1.5, 0.25);

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
