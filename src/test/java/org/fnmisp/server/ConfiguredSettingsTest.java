package org.fnmisp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigException;
import org.fnmisp.misp.MispSettings;
import org.fnmisp.soar.ApiKey;
import org.fnmisp.soar.UserPassword;
import org.fnmisp.stomp.StompSettings;
import org.fnmisp.worker.WorkerSettings;
import org.junit.jupiter.api.Test;

class ConfiguredSettingsTest {

  private static AppConfig config(String text) {
    return AppConfig.parse(text, "app.config", Map.of());
  }

  @Test
  void shouldLogInWithTheApiKeyWhenBothItsIdAndSecretAreSetEvenWithEmailAndPassword() {
    AppConfig config = config("""
        [resilient]
        host = soar.example.com
        api_key_id = key-1
        api_key_secret = key-secret
        email = soc@example.com
        password = pw
        """);

    StompSettings stomp = ConfiguredSettings.stomp(config);

    assertThat(ConfiguredSettings.credentials(config)).isEqualTo(new ApiKey("key-1",
        org.fnmisp.config.Secret.of("key-secret")));
    assertThat(stomp.login()).isEqualTo("key-1");
    assertThat(stomp.passcode().reveal()).isEqualTo("key-secret");
  }

  @Test
  void shouldLogInWithEmailAndPasswordWhenTheApiKeyIsIncomplete() {
    AppConfig config = config("""
        [resilient]
        host = soar.example.com
        api_key_id = key-1
        email = soc@example.com
        password = pw
        """);

    assertThat(ConfiguredSettings.credentials(config)).isInstanceOf(UserPassword.class);
    assertThat(ConfiguredSettings.stomp(config).login()).isEqualTo("soc@example.com");
  }

  @Test
  void shouldNameTheMissingCredentials() {
    assertThatThrownBy(() -> ConfiguredSettings.stomp(config("[resilient]\nhost = soar\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("[resilient] has no credentials: set api_key_id and api_key_secret (or email and password)");
  }

  @Test
  void shouldConnectToTheStompHostAndPortOverTlsFallingBackToHostAndCafile() {
    AppConfig config = config("""
        [resilient]
        host = soar.example.com
        api_key_id = key-1
        api_key_secret = s
        cafile = false
        """);

    StompSettings stomp = ConfiguredSettings.stomp(config);

    assertThat(stomp.address()).isEqualTo("soar.example.com:65001");
    assertThat(stomp.tls()).isTrue();
    assertThat(stomp.trust().isVerifying()).isFalse();
  }

  @Test
  void shouldPrefetchAsManyMessagesAsThereAreWorkersUnlessSet() {
    assertThat(ConfiguredSettings.worker(config("[resilient]\nnum_workers = 7\n"), null))
        .extracting(WorkerSettings::numWorkers, WorkerSettings::prefetch).containsExactly(7, 7);
    assertThat(ConfiguredSettings.worker(config("[resilient]\nnum_workers = 7\n"), 12))
        .extracting(WorkerSettings::numWorkers, WorkerSettings::prefetch).containsExactly(12, 12);
    assertThat(ConfiguredSettings.worker(config("[resilient]\nnum_workers = 7\nstomp_prefetch_limit = 3\n"), 12))
        .extracting(WorkerSettings::numWorkers, WorkerSettings::prefetch).containsExactly(12, 3);
    assertThatThrownBy(() -> ConfiguredSettings.worker(config("[resilient]\n"), 0))
        .hasMessage("--num-workers 0: must be between 1 and 2000");
  }

  @Test
  void shouldTakeTheMispTimeoutFromIntegrationsWhenFnMispHasNone() {
    AppConfig config = config("""
        [integrations]
        timeout = 12
        [fn_misp]
        misp_url = https://misp.example.org
        misp_key = %s
        """.formatted("fake".repeat(10)));

    MispSettings misp = ConfiguredSettings.misp(config, Map.of());

    assertThat(misp.timeout().toSeconds()).isEqualTo(12);
    assertThat(misp.url().host()).isEqualTo("misp.example.org");
    assertThat(misp.trust().isVerifying()).isTrue();
  }
}
