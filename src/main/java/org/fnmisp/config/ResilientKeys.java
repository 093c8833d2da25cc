package org.fnmisp.config;

import static org.fnmisp.config.ValueTypes.DECIMAL;
import static org.fnmisp.config.ValueTypes.INTEGER;
import static org.fnmisp.config.ValueTypes.SECONDS;
import static org.fnmisp.config.ValueTypes.SECRET;
import static org.fnmisp.config.ValueTypes.STRING;
import static org.fnmisp.config.ValueTypes.TLS_TRUST;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code [resilient]} section: the SOAR connection, the worker pool and logging, as resilient-circuits reads it.
 */
public final class ResilientKeys {

  public static final String SECTION = "resilient";

  public static final ConfigKey<String> HOST = key("host", STRING)
      .doc("SOAR host name; also the STOMP host unless stomp_host is set. Required.")
      .template("soar.example.com").build();
  public static final ConfigKey<Integer> PORT = key("port", INTEGER).defaultValue(443)
      .constraint(Constraint.between(1, 65535)).doc("SOAR REST port.").template("443").build();
  public static final ConfigKey<String> ORG = key("org", STRING)
      .doc("SOAR organization, matched by cloud account, uuid or name. Required.")
      .template("Example Org").build();
  public static final ConfigKey<String> API_KEY_ID = key("api_key_id", STRING)
      .doc("API key id; with api_key_secret it wins over email/password for REST and STOMP.")
      .template("<api key id>").build();
  public static final ConfigKey<Secret> API_KEY_SECRET = key("api_key_secret", SECRET).secret()
      .doc("API key secret; best given as a reference such as $SOAR_API_KEY_SECRET.")
      .template("<api key secret>").build();
  public static final ConfigKey<String> EMAIL = key("email", STRING)
      .doc("Login email (deprecated; use an API key).").build();
  public static final ConfigKey<Secret> PASSWORD = key("password", SECRET).secret()
      .doc("Login password (deprecated; use an API key).").build();
  public static final ConfigKey<String> CAFILE = key("cafile", TLS_TRUST)
      .doc("Trust for the SOAR certificate: true (JVM trust store), false (no verification) or a PEM CA bundle.")
      .commentedTemplate("/path/to/soar-ca.pem").build();
  public static final ConfigKey<String> CLIENT_AUTH_CERT = key("client_auth_cert", STRING)
      .doc("Client certificate (PEM, with its chain) shown to SOAR REST and to the STOMP broker when they ask for"
          + " one (mutual TLS).")
      .build();
  public static final ConfigKey<String> CLIENT_AUTH_KEY = key("client_auth_key", STRING)
      .doc("Unencrypted PEM private key of client_auth_cert: PKCS#8 (BEGIN PRIVATE KEY), RSA or EC (BEGIN RSA/EC"
          + " PRIVATE KEY); when unset, it is read from the client_auth_cert file.")
      .build();
  public static final ConfigKey<String> PROXY_HOST = key("proxy_host", STRING)
      .doc("Proxy host for SOAR REST; ignored when HTTPS_PROXY/HTTP_PROXY are set.").build();
  public static final ConfigKey<Integer> PROXY_PORT = key("proxy_port", INTEGER).defaultValue(0)
      .constraint(Constraint.between(0, 65535)).doc("Proxy port for SOAR REST.").build();
  public static final ConfigKey<String> PROXY_USER = key("proxy_user", STRING).doc("Proxy user name.").build();
  public static final ConfigKey<Secret> PROXY_PASSWORD = key("proxy_password", SECRET).secret()
      .doc("Proxy password.").build();
  public static final ConfigKey<String> RESOURCE_PREFIX = key("resource_prefix", STRING)
      .doc("Path prefix of the REST API, e.g. /api/respond on Cloud Pak for Security.").build();
  public static final ConfigKey<Integer> MAX_CONNECTION_RETRIES = key("max_connection_retries", INTEGER)
      .defaultValue(-1).constraint(Constraint.atLeast(-1))
      .doc("Connection attempts before giving up; -1 or 0 means unlimited.").build();
  public static final ConfigKey<Integer> REQUEST_MAX_RETRIES = key("request_max_retries", INTEGER).defaultValue(5)
      .constraint(Constraint.atLeast(0)).doc("Retries of a failed REST request.").build();
  public static final ConfigKey<Duration> REQUEST_RETRY_DELAY = key("request_retry_delay", SECONDS)
      .defaultValue(Duration.ofSeconds(2)).constraint(Constraint.nonNegativeSeconds())
      .doc("Seconds before the first REST retry.").build();
  public static final ConfigKey<Double> REQUEST_RETRY_BACKOFF = key("request_retry_backoff", DECIMAL)
      .defaultValue(2.0).constraint(Constraint.atLeast(1.0)).doc("Factor by which the REST retry delay grows.").build();
  public static final ConfigKey<String> STOMP_HOST = key("stomp_host", STRING).fallback(HOST)
      .doc("STOMP (message broker) host.").commentedTemplate("soar.example.com").build();
  public static final ConfigKey<Integer> STOMP_PORT = key("stomp_port", INTEGER).defaultValue(65001)
      .constraint(Constraint.between(1, 65535)).doc("STOMP port.").commentedTemplate("65001").build();
  public static final ConfigKey<String> STOMP_CAFILE = key("stomp_cafile", TLS_TRUST).fallback(CAFILE)
      .doc("Trust for the STOMP certificate: true, false or a PEM CA bundle.")
      .commentedTemplate("/path/to/soar-ca.pem").build();
  public static final ConfigKey<Duration> STOMP_TIMEOUT = key("stomp_timeout", SECONDS)
      .defaultValue(Duration.ofSeconds(60)).constraint(Constraint.positiveSeconds())
      .doc("Seconds to wait for the STOMP connection and for a receipt; a broker that does not confirm a reply in "
          + "time is reconnected.")
      .commentedTemplate("60").build();
  public static final ConfigKey<Integer> STOMP_MAX_RETRIES = key("stomp_max_retries", INTEGER).defaultValue(3)
      .constraint(Constraint.atLeast(0))
      .doc("Refusals of a call's reply by the broker (a failed COMMIT) before the call goes to the broker's"
          + " dead-letter queue; it is redelivered and its kept reply sent again in between.")
      .build();
  public static final ConfigKey<Integer> NUM_WORKERS = key("num_workers", INTEGER).defaultValue(25)
      .constraint(Constraint.between(1, 2000)).doc("Function calls run at the same time.").template("25").build();
  public static final ConfigKey<Integer> STOMP_PREFETCH_LIMIT = key("stomp_prefetch_limit", INTEGER)
      .fallback(NUM_WORKERS).constraint(Constraint.between(1, 2000))
      .doc("Messages the broker hands over before they are acknowledged (one subscription of one message each);"
          + " at most num_workers and 200, a larger value is lowered with a warning.")
      .build();
  public static final ConfigKey<Duration> SHUTDOWN_GRACE_S = key("shutdown_grace_s", SECONDS)
      .defaultValue(Duration.ofSeconds(30)).constraint(Constraint.nonNegativeSeconds())
      .doc("Seconds in-flight calls may take to finish on SIGTERM; the rest are redelivered.").build();
  public static final ConfigKey<Duration> SELFTEST_TIMEOUT = key("selftest_timeout", SECONDS)
      .defaultValue(Duration.ofSeconds(10)).constraint(Constraint.positiveSeconds())
      .doc("Seconds selftest waits for the STOMP subscription.").build();
  public static final ConfigKey<String> LOGDIR = key("logdir", STRING).environmentDefault("APP_LOG_DIR")
      .defaultValue("logs").doc("Directory of the log file.").template("logs").build();
  public static final ConfigKey<String> LOGFILE = key("logfile", STRING).defaultValue("app.log")
      .doc("Log file name in logdir.").template("app.log").build();
  public static final ConfigKey<String> LOGLEVEL = key("loglevel", ValueTypes.LOG_LEVEL).defaultValue("INFO")
      .environmentOverride("LOGLEVEL").doc("Log level; --loglevel wins over it.").template("INFO").build();
  public static final ConfigKey<Integer> LOG_MAX_BYTES = key("log_max_bytes", INTEGER).defaultValue(10_000_000)
      .constraint(Constraint.zeroOrAtLeast(100_000)).doc("Size at which the log file rotates; 0 never rotates.")
      .build();
  public static final ConfigKey<Integer> LOG_BACKUP_COUNT = key("log_backup_count", INTEGER).defaultValue(10)
      .constraint(Constraint.atLeast(0)).doc("Rotated log files kept (at most 20 are kept).").build();

  /** resilient-circuits keys fn-misp accepts without effect, so a shared app.config draws no warning. */
  public static final List<ConfigKey<String>> COMPATIBILITY = Stream.of("componentsdir", "noload", "test_actions",
      "test_host", "test_port", "trap_exception", "cache_ttl", "heartbeat_timeout_threshold",
      "stomp_timer_interval", "stomp", "no_prompt_password", "ignore_message_failure",
      "rc_use_persistent_sessions",
      "log_http_responses", "resilient_mock", "pam_type", "multitenancy", "multi_org_function_json",
      "actions_component", "low_code_queues_list")
      .map(name -> ConfigKey.compatibility(SECTION, name)).toList();

  /** Every key of the section, in template order. */
  public static final List<ConfigKey<?>> ALL = Stream.concat(Stream.of(HOST, PORT, ORG, API_KEY_ID, API_KEY_SECRET,
      EMAIL, PASSWORD, CAFILE, CLIENT_AUTH_CERT, CLIENT_AUTH_KEY, PROXY_HOST, PROXY_PORT, PROXY_USER,
      PROXY_PASSWORD, RESOURCE_PREFIX, MAX_CONNECTION_RETRIES, REQUEST_MAX_RETRIES, REQUEST_RETRY_DELAY,
      REQUEST_RETRY_BACKOFF, STOMP_HOST, STOMP_PORT, STOMP_CAFILE, STOMP_TIMEOUT, STOMP_MAX_RETRIES, NUM_WORKERS,
      STOMP_PREFETCH_LIMIT, SHUTDOWN_GRACE_S, SELFTEST_TIMEOUT, LOGDIR, LOGFILE, LOGLEVEL, LOG_MAX_BYTES,
      LOG_BACKUP_COUNT), COMPATIBILITY.stream())
      .<ConfigKey<?>>map(key -> key).toList();

  private ResilientKeys() {}

  private static <T> ConfigKey.Builder<T> key(String name, ValueType<T> type) {
    return ConfigKey.builder(SECTION, name, type);
  }
}
