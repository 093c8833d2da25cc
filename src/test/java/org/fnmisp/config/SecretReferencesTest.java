package org.fnmisp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {

  private static final Map<String, String> ENV = Map.of("SOAR_SECRET", "s3cr3t-value", "USER", "alice",
      "PROXY_PW", "pr0xy", "MISP_HOST", "misp.local");

  @Test
  void shouldResolveAWholeValueReferenceIntoASecret() {
    AppConfig config = AppConfig.parse("[resilient]\napi_key_secret = $SOAR_SECRET\n", "f", ENV);

    Secret secret = config.get(ResilientKeys.API_KEY_SECRET);
    assertThat(secret.reveal()).isEqualTo("s3cr3t-value");
    assertThat(secret).hasToString("[hidden]");
    assertThat(config.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void shouldResolveSeveralReferencesInsideOneValue() {
    AppConfig config = AppConfig.parse(
        "[integrations]\nhttps_proxy = http://${USER}:${PROXY_PW}@proxy:3128\n[fn_misp]\nmisp_url = https://${MISP_HOST}/\n",
        "f", ENV);

    assertThat(config.get(IntegrationsKeys.HTTPS_PROXY)).isEqualTo("http://alice:pr0xy@proxy:3128");
    assertThat(config.get(FnMispKeys.MISP_URL)).isEqualTo("https://misp.local/");
  }

  @Test
  void shouldLeaveDollarSignsThatAreNotReferencesAlone() {
    AppConfig config = AppConfig.parse("[resilient]\npassword = pa$$word\norg = $ 5 off\n", "f", ENV);

    assertThat(config.get(ResilientKeys.PASSWORD).reveal()).isEqualTo("pa$$word");
    assertThat(config.get(ResilientKeys.ORG)).isEqualTo("$ 5 off");
  }

  @Test
  void shouldFailNamingTheKeyAndVariableWhenAReferenceIsUnresolved() {
    assertThatThrownBy(() -> AppConfig.parse("[resilient]\napi_key_secret = $MISSING_SECRET\n", "f", ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("[resilient] api_key_secret refers to $MISSING_SECRET, but the environment variable"
            + " MISSING_SECRET is not set");
    assertThatThrownBy(() -> AppConfig.parse("[fn_misp]\nmisp_url = https://${USER}.${NOPE}\n", "f", ENV))
        .hasMessage("[fn_misp] misp_url refers to $NOPE, but the environment variable NOPE is not set");
  }

  @Test
  void shouldShowTheReferenceNotTheResolvedValueWhenAValueIsBad() {
    Map<String, String> env = Map.of("WORKERS", "0", "URL_WITH_SECRET", "ftp://user:hunter2@host");

    assertThatThrownBy(() -> AppConfig.parse("[resilient]\nnum_workers = $WORKERS\n", "f", env))
        .hasMessage("[resilient] num_workers = $WORKERS: must be between 1 and 2000");
    assertThatThrownBy(() -> AppConfig.parse("[fn_misp]\nmisp_url = $URL_WITH_SECRET\n", "f", env))
        .hasMessageContaining("misp_url = $URL_WITH_SECRET:")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldNotResolveReferencesInOtherAppsSections() {
    AppConfig config = AppConfig.parse("[fn_other_app]\ntoken = $NOT_SET_ANYWHERE\n", "f", ENV);

    assertThat(config.raw("fn_other_app", "token")).hasValue("$NOT_SET_ANYWHERE");
  }
}
