package org.fnmisp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigException;
import org.fnmisp.misp.FakeMisp;
import org.fnmisp.misp.MispSettings;
import org.junit.jupiter.api.Test;

/** The HTTP limits of MISP calls as app.config sets them. */
class ConfiguredHttpSettingsTest {

  private static final String MISP = """
      [fn_misp]
      misp_url = https://misp.example.org
      misp_key = %s
      """.formatted(FakeMisp.KEY);

  private static MispSettings misp(String extra) {
    return ConfiguredSettings.misp(AppConfig.parse(MISP + extra, "app.config", Map.of()), Map.of());
  }

  @Test
  void shouldReadAnswersOfUpTo2MibAndEndACallAfterFiveTimeoutsByDefault() {
    MispSettings settings = misp("");

    assertThat(settings.maxResponseBytes()).isEqualTo(2L << 20);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.deadline()).as("(max_retries 3 + 2) x timeout").isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void shouldTakeMaxResponseMbInMibAndTheDeadlineFromTimeoutAndMaxRetries() {
    MispSettings settings = misp("max_response_mb = 64\ntimeout = 5\nmax_retries = 0\n");

    assertThat(settings.maxResponseBytes()).isEqualTo(64L << 20);
    assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldRefuseAMaxResponseMbOutOfRange() {
    assertThatThrownBy(() -> misp("max_response_mb = 0\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("[fn_misp] max_response_mb = 0").hasMessageContaining("between 1 and 1024");
  }
}
