package org.fnmisp.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.Secret;

/**
 * One HTTP proxy, parsed from a value such as {@code http://user:pass@proxy.corp:3128}. {@code origin} says where the
 * value came from ({@code [fn_misp] https_proxy}, {@code environment HTTPS_PROXY}) for messages. The password is a
 * {@link Secret}: {@link #toString()} shows {@code http://user:[hidden]@proxy.corp:3128}.
 */
public record ProxyConfig(String origin, String host, int port, Optional<String> username, Optional<Secret> password) {

  /**
   * Parses a proxy URL; a bare {@code host:port} means {@code http://}.
   *
   * @throws ConfigException naming {@code origin} and the value (password hidden) when it is not a usable HTTP proxy
   */
  public static ProxyConfig parse(String origin, String value) {
    String text = value.trim();
    String shown = redact(text);
    if (text.contains("<") || text.contains(">")) {
      throw bad(origin, shown,
          "this is the template placeholder; set the proxy URL, e.g. http://proxy.example.org:3128,"
              + " or remove the key");
    }
    String withScheme = text.contains("://") ? text : "http://" + text;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw bad(origin, shown, "not a proxy URL (expected http://[user:password@]host:port)");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw bad(origin, shown, "only http:// proxies are supported (the proxy is reached over plain HTTP; HTTPS to"
          + " MISP is tunnelled through it)");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw bad(origin, shown, "no proxy host (expected http://[user:password@]host:port)");
    }
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    Optional<String> user = Optional.empty();
    Optional<Secret> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      password = Optional.of(Secret.of(colon < 0 ? "" : decode(userInfo.substring(colon + 1))));
    }
    return new ProxyConfig(origin, uri.getHost(), port, user, password);
  }

  public boolean hasCredentials() {
    return username.isPresent();
  }

  @Override
  public String toString() {
    String credentials = username.map(user -> user + ":[hidden]@").orElse("");
    return "http://" + credentials + host + ":" + port;
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The value as it may appear in a message: any password replaced. */
  private static String redact(String text) {
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return text;
    }
    int scheme = text.indexOf("://");
    int colon = text.indexOf(':', scheme < 0 ? 0 : scheme + 3);
    return colon >= 0 && colon < at ? text.substring(0, colon + 1) + "[hidden]" + text.substring(at) : text;
  }

  private static ConfigException bad(String origin, String shown, String reason) {
    return new ConfigException(origin + " = " + shown + ": " + reason);
  }
}
