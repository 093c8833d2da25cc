package org.fnmisp.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.ConfigKey;
import org.fnmisp.config.FnMispKeys;
import org.fnmisp.config.IntegrationsKeys;
import org.fnmisp.config.ResilientKeys;
import org.fnmisp.config.Secret;
import org.fnmisp.functions.FunctionSettings;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.misp.MispSettings;
import org.fnmisp.soar.ApiKey;
import org.fnmisp.soar.SoarCredentials;
import org.fnmisp.soar.SoarProxy;
import org.fnmisp.soar.SoarSettings;
import org.fnmisp.soar.UserPassword;
import org.fnmisp.stomp.StompSettings;
import org.fnmisp.tls.ClientCertificate;
import org.fnmisp.tls.TlsTrust;
import org.fnmisp.verdict.VerdictRules;
import org.fnmisp.worker.WorkerSettings;

/** Turns a validated app.config into the settings of each part: MISP, SOAR REST, STOMP and the worker. */
public final class ConfiguredSettings {

  private ConfiguredSettings() {}

  public static MispSettings misp(AppConfig config, Map<String, String> environment) {
    ProxyResolver proxies = ProxyResolver.builder()
        .section(FnMispKeys.SECTION, config.get(FnMispKeys.HTTP_PROXY), config.get(FnMispKeys.HTTPS_PROXY))
        .section(IntegrationsKeys.SECTION, config.get(IntegrationsKeys.HTTP_PROXY),
            config.get(IntegrationsKeys.HTTPS_PROXY))
        .environment(environment)
        .build();
    // The catalogue's HTTP_URL type has checked that OkHttp takes the URL.
    return new MispSettings(HttpUrl.get(config.require(FnMispKeys.MISP_URL)), config.require(FnMispKeys.MISP_KEY),
        trust(config, FnMispKeys.VERIFY_CERT), proxies, config.get(FnMispKeys.TIMEOUT),
        config.get(FnMispKeys.MAX_RETRIES), MispSettings.DEFAULT_BACKOFF_BASE,
        (long) config.get(FnMispKeys.MAX_RESPONSE_MB) << 20);
  }

  /** What the functions read from {@code [fn_misp]} besides the connection: search bounds and verdict rules. */
  public static FunctionSettings functions(AppConfig config) {
    return new FunctionSettings(config.get(FnMispKeys.SEARCH_LIMIT), config.get(FnMispKeys.ENRICH_LIMIT),
        VerdictRules.of(config.get(FnMispKeys.VERDICT_MALICIOUS_TAGS), config.get(FnMispKeys.VERDICT_SUSPICIOUS_TAGS),
            config.get(FnMispKeys.VERDICT_BENIGN_TAGS), config.get(FnMispKeys.VERDICT_WARNINGLIST).equals("benign"),
            config.get(FnMispKeys.VERDICT_DECAY_THRESHOLD), orNone(config.get(FnMispKeys.VERDICT_TRUSTED_ORGS)),
            orNone(config.get(FnMispKeys.VERDICT_IGNORED_ORGS))));
  }

  private static List<String> orNone(List<String> list) {
    return list == null ? List.of() : list;
  }

  public static SoarSettings soar(AppConfig config) {
    return soar(config, config.get(ResilientKeys.MAX_CONNECTION_RETRIES));
  }

  /** As {@link #soar(AppConfig)}, with a bound on login attempts (selftest must not wait for ever). */
  public static SoarSettings soar(AppConfig config, int maxConnectionRetries) {
    String proxyHost = config.get(ResilientKeys.PROXY_HOST);
    SoarProxy proxy = proxyHost == null || proxyHost.isBlank() ? null
        : new SoarProxy(proxyHost, config.get(ResilientKeys.PROXY_PORT), config.get(ResilientKeys.PROXY_USER),
            config.get(ResilientKeys.PROXY_PASSWORD));
    return new SoarSettings(config.require(ResilientKeys.HOST), config.get(ResilientKeys.PORT),
        config.get(ResilientKeys.RESOURCE_PREFIX), config.require(ResilientKeys.ORG), credentials(config),
        withClientCertificate(config, trust(config, ResilientKeys.CAFILE)),
        proxy,
        Duration.ofSeconds(60), config.get(ResilientKeys.REQUEST_MAX_RETRIES),
        config.get(ResilientKeys.REQUEST_RETRY_DELAY), config.get(ResilientKeys.REQUEST_RETRY_BACKOFF),
        maxConnectionRetries, "https");
  }

  /** The broker of SOAR: TLS always, trust from {@code stomp_cafile}, else {@code cafile}, else the JVM. */
  public static StompSettings stomp(AppConfig config) {
    SoarCredentials credentials = credentials(config);
    Duration timeout = config.get(ResilientKeys.STOMP_TIMEOUT);
    return new StompSettings(config.require(ResilientKeys.STOMP_HOST), config.get(ResilientKeys.STOMP_PORT), true,
        withClientCertificate(config, trust(config, ResilientKeys.STOMP_CAFILE)),
        login(credentials),
        passcode(credentials), StompSettings.DEFAULT_HEART_BEAT, timeout, timeout,
        StompSettings.DEFAULT_RECONNECT_BACKOFF);
  }

  /** A plain-TCP broker on this machine, for {@code run --local}. */
  public static StompSettings localStomp(String host, int port) {
    return StompSettings.of(host, port, false, null, "fn-misp", Secret.of(""));
  }

  /** The worker pool; {@code numWorkersOverride} ({@code --num-workers}, null when not given) wins over the file. */
  public static WorkerSettings worker(AppConfig config, Integer numWorkersOverride) {
    AppConfig effective = numWorkersOverride == null ? config
        : config.with(ResilientKeys.NUM_WORKERS, numWorkersOverride, "--num-workers");
    return new WorkerSettings(effective.get(ResilientKeys.NUM_WORKERS),
        effective.get(ResilientKeys.STOMP_PREFETCH_LIMIT), effective.get(ResilientKeys.STOMP_MAX_RETRIES) + 1,
        effective.get(ResilientKeys.STOMP_TIMEOUT), WorkerSettings.DEFAULT_REMEMBER_FOR,
        WorkerSettings.DEFAULT_REMEMBER_AT_MOST);
  }

  /** API key when both its id and secret are set (even to placeholders, as resilient-circuits does), else email. */
  static SoarCredentials credentials(AppConfig config) {
    String keyId = config.get(ResilientKeys.API_KEY_ID);
    Secret keySecret = config.get(ResilientKeys.API_KEY_SECRET);
    if (keyId != null && keySecret != null) {
      return new ApiKey(keyId, keySecret);
    }
    String email = config.get(ResilientKeys.EMAIL);
    Secret password = config.get(ResilientKeys.PASSWORD);
    if (email != null && password != null) {
      return new UserPassword(email, password);
    }
    throw new ConfigException("[resilient] has no credentials: set api_key_id and api_key_secret (or email and "
        + "password)");
  }

  /** The trust a key sets; a message names the key whose value it is ({@code stomp_cafile} or its fallback). */
  private static TlsTrust trust(AppConfig config, ConfigKey<String> key) {
    ConfigKey<String> deciding = config.decidingKey(key);
    return TlsTrust.fromConfig(deciding.section(), deciding.name(), config.get(key));
  }

  /** resilient-circuits shows {@code client_auth_cert} to SOAR's REST API and to its broker alike. */
  private static TlsTrust withClientCertificate(AppConfig config, TlsTrust trust) {
    return ClientCertificate.fromConfig(ResilientKeys.SECTION, config.get(ResilientKeys.CLIENT_AUTH_CERT),
        config.get(ResilientKeys.CLIENT_AUTH_KEY)).map(trust::withClientCertificate).orElse(trust);
  }

  private static String login(SoarCredentials credentials) {
    return credentials instanceof ApiKey key ? key.id() : ((UserPassword) credentials).email();
  }

  private static Secret passcode(SoarCredentials credentials) {
    return credentials instanceof ApiKey key ? key.secret() : ((UserPassword) credentials).password();
  }
}
