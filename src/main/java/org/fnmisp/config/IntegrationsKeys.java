package org.fnmisp.config;

import java.time.Duration;
import java.util.List;

/** The {@code [integrations]} section: outbound HTTP settings shared by all apps on the integration server. */
public final class IntegrationsKeys {

  public static final String SECTION = "integrations";

  public static final ConfigKey<String> HTTP_PROXY = ConfigKey.builder(SECTION, "http_proxy", ValueTypes.PROXY_URL)
      .doc("Proxy for http:// calls of every app.").commentedTemplate("http://proxy.example.org:3128").build();
  public static final ConfigKey<String> HTTPS_PROXY = ConfigKey.builder(SECTION, "https_proxy", ValueTypes.PROXY_URL)
      .doc("Proxy for https:// calls of every app.").commentedTemplate("http://proxy.example.org:3128").build();
  public static final ConfigKey<Duration> TIMEOUT = ConfigKey.builder(SECTION, "timeout", ValueTypes.SECONDS)
      .defaultValue(Duration.ofSeconds(30)).constraint(Constraint.positiveSeconds())
      .doc("Seconds an outbound HTTP request may take.").template("30").build();

  /** Every key of the section, in template order. */
  public static final List<ConfigKey<?>> ALL = List.of(TIMEOUT, HTTP_PROXY, HTTPS_PROXY);

  private IntegrationsKeys() {}
}
