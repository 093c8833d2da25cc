package org.fnmisp.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Decides which proxy, if any, a request to a given URL goes through. Pure: it reads only the raw values and the
 * environment map it was built from, and validates them all up front, so a bad value fails at start-up.
 *
 * <p>For each target scheme the first value found wins: the config sections in the order added (e.g.
 * {@code [fn_misp]}, then {@code [integrations]}), then the environment ({@code https_proxy}/{@code HTTPS_PROXY} for
 * https, {@code http_proxy}/{@code HTTP_PROXY} for http; lower case first, as curl and Python do). {@code NO_PROXY}
 * / {@code no_proxy} exempts hosts from environment proxies only, as in Python's requests.
 */
public final class ProxyResolver {

  private final Optional<ProxyConfig> http;
  private final Optional<ProxyConfig> https;
  private final boolean fromEnvironmentHttp;
  private final boolean fromEnvironmentHttps;
  private final List<String> noProxy;

  private ProxyResolver(Builder builder) {
    Optional<ProxyConfig> sectionHttp = firstSection(builder, false);
    Optional<ProxyConfig> sectionHttps = firstSection(builder, true);
    this.fromEnvironmentHttp = sectionHttp.isEmpty();
    this.fromEnvironmentHttps = sectionHttps.isEmpty();
    this.http = sectionHttp.or(() -> fromEnvironment(builder.environment, "http_proxy"));
    this.https = sectionHttps.or(() -> fromEnvironment(builder.environment, "https_proxy"));
    this.noProxy = noProxyList(builder.environment);
  }

  private ProxyResolver(ProxyConfig proxy) {
    this.http = Optional.of(proxy);
    this.https = Optional.of(proxy);
    this.fromEnvironmentHttp = false;
    this.fromEnvironmentHttps = false;
    this.noProxy = List.of();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every request through {@code proxy}, whatever the environment says. */
  public static ProxyResolver always(ProxyConfig proxy) {
    return new ProxyResolver(proxy);
  }

  /** Goes direct to every host. */
  public static ProxyResolver direct() {
    return builder().build();
  }

  /** The proxy for this URL, or empty to connect directly. */
  public Optional<ProxyConfig> proxyFor(HttpUrl url) {
    boolean secure = url.isHttps();
    Optional<ProxyConfig> proxy = secure ? https : http;
    boolean environmental = secure ? fromEnvironmentHttps : fromEnvironmentHttp;
    if (proxy.isPresent() && environmental && exempt(url)) {
      return Optional.empty();
    }
    return proxy;
  }

  private boolean exempt(HttpUrl url) {
    String host = url.host().toLowerCase(Locale.ROOT);
    for (String rule : noProxy) {
      if (rule.equals("*")) {
        return true;
      }
      String ruleHost = rule;
      int colon = rule.lastIndexOf(':');
      if (colon > 0 && rule.indexOf(':') == colon) {
        if (!rule.substring(colon + 1).equals(Integer.toString(url.port()))) {
          continue;
        }
        ruleHost = rule.substring(0, colon);
      }
      String domain = ruleHost.startsWith(".") ? ruleHost.substring(1) : ruleHost;
      if (host.equals(domain) || host.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<ProxyConfig> firstSection(Builder builder, boolean secure) {
    for (Section section : builder.sections) {
      String value = secure ? section.httpsProxy : section.httpProxy;
      if (value != null && !value.isBlank()) {
        String key = secure ? "https_proxy" : "http_proxy";
        return Optional.of(ProxyConfig.parse("[" + section.name + "] " + key, value));
      }
    }
    return Optional.empty();
  }

  private static Optional<ProxyConfig> fromEnvironment(Map<String, String> env, String lowerName) {
    for (String name : List.of(lowerName, lowerName.toUpperCase(Locale.ROOT))) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(ProxyConfig.parse("environment variable " + name, value));
      }
    }
    return Optional.empty();
  }

  private static List<String> noProxyList(Map<String, String> env) {
    String value = env.getOrDefault("no_proxy", env.get("NO_PROXY"));
    List<String> rules = new ArrayList<>();
    if (value != null) {
      for (String rule : value.split("[,\\s]+", -1)) {
        if (!rule.isBlank()) {
          rules.add(rule.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return List.copyOf(rules);
  }

  /** Collects the raw values; {@link #build()} validates them. */
  public static final class Builder {

    private final List<Section> sections = new ArrayList<>();
    private Map<String, String> environment = Map.of();

    private Builder() {}

    /** A config section's {@code http_proxy} and {@code https_proxy} (null or blank = not set); earlier wins. */
    public Builder section(String name, String httpProxy, String httpsProxy) {
      sections.add(new Section(name, httpProxy, httpsProxy));
      return this;
    }

    /** The process environment, e.g. {@code System.getenv()}; consulted after every section. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * The resolver of the settings given so far.
     *
     * @throws org.fnmisp.config.ConfigException naming the key or variable of a value that is not a usable proxy
     */
    public ProxyResolver build() {
      return new ProxyResolver(this);
    }
  }

  private record Section(String name, String httpProxy, String httpsProxy) {}
}
