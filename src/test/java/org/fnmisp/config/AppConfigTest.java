package org.fnmisp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

  @TempDir
  Path temp;

  @Test
  void shouldReturnTypedValuesAndDefaults() {
    AppConfig config = parse("[resilient]\nhost = soar.local\nnum_workers = 40\nstomp_timeout = 2.5\n");

    assertThat(config.get(ResilientKeys.HOST)).isEqualTo("soar.local");
    assertThat(config.get(ResilientKeys.NUM_WORKERS)).isEqualTo(40);
    assertThat(config.get(ResilientKeys.STOMP_TIMEOUT)).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.get(ResilientKeys.PORT)).isEqualTo(443);
    assertThat(config.get(ResilientKeys.LOGFILE)).isEqualTo("app.log");
    assertThat(config.get(FnMispKeys.VERIFY_CERT)).isEqualTo("true");
    assertThat(config.get(ResilientKeys.ORG)).isNull();
  }

  @Test
  void shouldTreatAnEmptyValueAsAbsent() {
    AppConfig config = parse("[resilient]\nport =\nproxy_host =\n");

    assertThat(config.get(ResilientKeys.PORT)).isEqualTo(443);
    assertThat(config.get(ResilientKeys.PROXY_HOST)).isNull();
  }

  @Test
  void shouldFallBackToTheRelatedKey() {
    AppConfig config = parse("[resilient]\nhost = soar.local\nnum_workers = 7\ncafile = false\n"
        + "[integrations]\ntimeout = 12\nhttps_proxy = http://proxy:3128\n[fn_misp]\n");

    assertThat(config.get(ResilientKeys.STOMP_HOST)).isEqualTo("soar.local");
    assertThat(config.get(ResilientKeys.STOMP_PREFETCH_LIMIT)).isEqualTo(7);
    assertThat(config.get(ResilientKeys.STOMP_CAFILE)).isEqualTo("false");
    assertThat(config.get(FnMispKeys.TIMEOUT)).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.get(FnMispKeys.HTTPS_PROXY)).isEqualTo("http://proxy:3128");
    assertThat(config.get(FnMispKeys.HTTP_PROXY)).isNull();
    assertThat(parse("[fn_misp]\n").get(FnMispKeys.TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldLetTheOwnValueWinOverTheFallback() {
    AppConfig config = parse("[resilient]\nhost = a\nstomp_host = b\n[integrations]\ntimeout = 12\n"
        + "[fn_misp]\ntimeout = 5\n");

    assertThat(config.get(ResilientKeys.STOMP_HOST)).isEqualTo("b");
    assertThat(config.get(FnMispKeys.TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shouldLetLoglevelFromTheEnvironmentWinAndLogdirFromTheEnvironmentBeTheDefault() {
    Map<String, String> env = Map.of("LOGLEVEL", "debug", "APP_LOG_DIR", "/var/log/rescircuits");

    assertThat(AppConfig.parse("[resilient]\nloglevel = ERROR\n", "f", env).get(ResilientKeys.LOGLEVEL))
        .isEqualTo("DEBUG");
    assertThat(AppConfig.parse("[resilient]\n", "f", env).get(ResilientKeys.LOGDIR))
        .isEqualTo("/var/log/rescircuits");
    assertThat(AppConfig.parse("[resilient]\nlogdir = mine\n", "f", env).get(ResilientKeys.LOGDIR))
        .isEqualTo("mine");
    assertThat(parse("[resilient]\n").get(ResilientKeys.LOGDIR)).isEqualTo("logs");
  }

  @Test
  void shouldNameSectionKeyAndHintWhenARequiredKeyIsMissing() {
    AppConfig config = parse("[resilient]\nhost =\n");

    assertThatThrownBy(() -> config.require(ResilientKeys.HOST))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("[resilient] host is not set: add it to app.config (SOAR host name");
    assertThatThrownBy(() -> config.require(FnMispKeys.MISP_KEY))
        .hasMessageStartingWith("[fn_misp] misp_key is not set");
  }

  @Test
  void shouldKeepOtherSectionsAndUnknownKeysAsRawText() {
    AppConfig config = parse("[fn_other_app]\nsecret = $NOT_RESOLVED_HERE\n[resilient]\nCustom_Key = 1\n");

    assertThat(config.hasSection("fn_other_app")).isTrue();
    assertThat(config.hasSection("fn_misp")).isFalse();
    assertThat(config.raw("fn_other_app", "secret")).hasValue("$NOT_RESOLVED_HERE");
    assertThat(config.raw("resilient", "custom_key")).hasValue("1");
    assertThat(config.raw("resilient", "nothing")).isEmpty();
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void shouldWarnAboutAProbablyMisspelledKeyWithoutItsValue() {
    AppConfig config = parse("[resilient]\nnum_worker = 4\napi_key_secrett = s3cr3t\ncomponentsdir = x\n"
        + "[fn_misp]\nmisp_ulr = https://m\n");

    assertThat(config.warnings()).containsExactly(
        "[resilient] num_worker is not a key fn-misp knows; did you mean num_workers? (kept as it is)",
        "[resilient] api_key_secrett is not a key fn-misp knows; did you mean api_key_secret? (kept as it is)",
        "[fn_misp] misp_ulr is not a key fn-misp knows; did you mean misp_url? (kept as it is)");
    assertThat(config.raw("resilient", "num_worker")).hasValue("4");
    assertThat(String.join("\n", config.warnings())).doesNotContain("s3cr3t");
  }

  @Test
  void shouldLoadAFileAndNameItAsTheSource() throws IOException {
    Path file = Files.writeString(temp.resolve("app.config"), "\uFEFF[resilient]\nhost = h\n");

    AppConfig config = AppConfig.load(file, Map.of());

    assertThat(config.source()).isEqualTo(file);
    assertThat(config.get(ResilientKeys.HOST)).isEqualTo("h");
    assertThat(config).hasToString("AppConfig[" + file + "]");
  }

  @Test
  void shouldRefuseAnUnreadableOrNonUtf8File() throws IOException {
    Path latin1 =
        Files.write(temp.resolve("latin1.config"), "[s]\nk = caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> AppConfig.load(latin1, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot read the config file " + latin1 + ": it is not UTF-8 text");
    assertThatThrownBy(() -> AppConfig.load(temp.resolve("none"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot read the config file " + temp.resolve("none"));
  }

  @Test
  void shouldLetACommandLineValueWinAndTheKeysThatFallBackToItFollow() {
    AppConfig config = parse("[resilient]\nnum_workers = 7\n").with(ResilientKeys.NUM_WORKERS, 12, "--num-workers");

    assertThat(config.get(ResilientKeys.NUM_WORKERS)).isEqualTo(12);
    assertThat(config.get(ResilientKeys.STOMP_PREFETCH_LIMIT)).isEqualTo(12);
  }

  @Test
  void shouldCheckACommandLineValueWithTheKeysConstraintNamingTheOption() {
    AppConfig config = parse("[resilient]\nnum_workers = 7\n");

    assertThatThrownBy(() -> config.with(ResilientKeys.NUM_WORKERS, 2001, "--num-workers"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--num-workers 2001: must be between 1 and 2000");
  }

  @Test
  void shouldNameTheKeyWhoseValueApplies() {
    assertThat(parse("[resilient]\ncafile = false\n").decidingKey(ResilientKeys.STOMP_CAFILE))
        .isEqualTo(ResilientKeys.CAFILE);
    assertThat(parse("[resilient]\nstomp_cafile = false\n").decidingKey(ResilientKeys.STOMP_CAFILE))
        .isEqualTo(ResilientKeys.STOMP_CAFILE);
    assertThat(parse("[resilient]\nstomp_cafile =\ncafile = false\n").decidingKey(ResilientKeys.STOMP_CAFILE))
        .isEqualTo(ResilientKeys.CAFILE);
    assertThat(parse("[resilient]\n").decidingKey(ResilientKeys.HOST)).isEqualTo(ResilientKeys.HOST);
  }

  private static AppConfig parse(String text) {
    return AppConfig.parse(text, "app.config", Map.of());
  }
}
