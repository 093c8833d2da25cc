package org.fnmisp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every value type refuses a bad value with a message naming section, key, value and reason. */
class ConfigValidationTest {

  @TempDir
  Path temp;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "resilient | num_workers | 0 | [resilient] num_workers = 0: must be between 1 and 2000",
      "resilient | num_workers | many | [resilient] num_workers = many: not a whole number",
      "resilient | port | 70000 | [resilient] port = 70000: must be between 1 and 65535",
      "resilient | stomp_prefetch_limit | 2001 | [resilient] stomp_prefetch_limit = 2001: must be between 1 and 2000",
      "resilient | log_max_bytes | 5000 | [resilient] log_max_bytes = 5000: must be 0 or at least 100000",
      "resilient | request_max_retries | -1 | [resilient] request_max_retries = -1: must be at least 0",
      "resilient | stomp_timeout | 0 | [resilient] stomp_timeout = 0: must be more than 0 seconds",
      "resilient | stomp_timeout | soon | [resilient] stomp_timeout = soon: not a number of seconds (e.g. 30 or 2.5)",
      "resilient | request_retry_backoff | x | [resilient] request_retry_backoff = x: not a number",
      "resilient | request_retry_backoff | 0.5 | [resilient] request_retry_backoff = 0.5: must be at least 1",
      "resilient | loglevel | LOUD | [resilient] loglevel = LOUD: must be one of DEBUG, INFO, WARNING, WARN, ERROR, CRITICAL",
      "fn_misp | misp_url | misp.local | [fn_misp] misp_url = misp.local: must start with http://, https://",
      "fn_misp | misp_url | https:// | [fn_misp] misp_url = https://: not a valid URL: Expected authority",
      "fn_misp | misp_url | https://misp.local:70000 | [fn_misp] misp_url = https://misp.local:70000: not an http:// or https:// URL",
      "fn_misp | max_retries | 11 | [fn_misp] max_retries = 11: must be between 0 and 10",
      "fn_misp | https_proxy | <https_proxy_server> | [fn_misp] https_proxy = <https_proxy_server>: still the template placeholder <https_proxy_server>; replace it with the real value",
      "fn_misp | http_proxy | ftp://proxy:21 | [fn_misp] http_proxy = ftp://proxy:21: must start with http://, https://, socks5://",
      "fn_misp | verify_cert | /no/such/ca.pem | [fn_misp] verify_cert = /no/such/ca.pem: no such file (expected true, false or the path of a PEM CA bundle)",
      "integrations | timeout | -3 | [integrations] timeout = -3: must be more than 0 seconds",
  })
  void shouldNameSectionKeyValueAndReason(String section, String key, String value, String message) {
    assertThatThrownBy(() -> parse("[" + section + "]\n" + key + " = " + value + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void shouldAcceptPythonBooleanWordsAndExistingBundlesForTrust() throws IOException {
    Path bundle = Files.writeString(temp.resolve("ca.pem"), "not checked here");

    assertThat(parse("[fn_misp]\nverify_cert = FALSE\n").get(FnMispKeys.VERIFY_CERT)).isEqualTo("FALSE");
    assertThat(parse("[fn_misp]\nverify_cert = " + bundle + "\n").get(FnMispKeys.VERIFY_CERT))
        .isEqualTo(bundle.toString());
  }

  @Test
  void shouldAcceptProxyWithoutSchemeAndLogLevelsInAnyCase() {
    AppConfig config = parse("[integrations]\nhttp_proxy = proxy:3128\n[resilient]\nloglevel = warning\n"
        + "log_max_bytes = 0\n");

    assertThat(config.get(IntegrationsKeys.HTTP_PROXY)).isEqualTo("http://proxy:3128");
    assertThat(config.get(ResilientKeys.LOGLEVEL)).isEqualTo("WARNING");
    assertThat(config.get(ResilientKeys.LOG_MAX_BYTES)).isZero();
  }

  @Test
  void shouldReportEveryBadValueInOneMessage() {
    assertThatThrownBy(() -> parse("[resilient]\nport = x\nnum_workers = 0\n[fn_misp]\nmax_retries = 99\n"))
        .hasMessage("[resilient] port = x: not a whole number; [resilient] num_workers = 0: must be between 1 and 2000;"
            + " [fn_misp] max_retries = 99: must be between 0 and 10");
  }

  @Test
  void shouldMaskThePasswordOfAProxyUrl() {
    assertThatThrownBy(() -> parse("[fn_misp]\nhttps_proxy = ftp://user:pr0xyPass@proxy:21\n"))
        .hasMessage("[fn_misp] https_proxy = ftp://user:***@proxy:21: must start with http://, https://, socks5://")
        .hasMessageNotContaining("pr0xyPass");
  }

  @Test
  void shouldRejectTheMispKeyPlaceholderWithoutCallingItASecret() {
    assertThatThrownBy(() -> parse("[fn_misp]\nmisp_key = <your key>\n"))
        .hasMessage("[fn_misp] misp_key = [hidden]: still the template placeholder <your key>; replace it with the"
            + " real value");
  }

  @Test
  void shouldCheckAnEnvironmentOverrideToo() {
    assertThatThrownBy(() -> AppConfig.parse("[resilient]\n", "f", Map.of("LOGLEVEL", "chatty")))
        .hasMessage("[resilient] loglevel = $LOGLEVEL chatty: must be one of DEBUG, INFO, WARNING, WARN, ERROR,"
            + " CRITICAL");
  }

  @Test
  void shouldNotCheckKeysOfOtherSections() {
    assertThat(parse("[fn_other_app]\nnum_workers = 0\nport = x\n").raw("fn_other_app", "port")).hasValue("x");
  }

  private static AppConfig parse(String text) {
    return AppConfig.parse(text, "app.config", Map.of());
  }
}
