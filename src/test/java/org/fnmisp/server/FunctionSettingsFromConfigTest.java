package org.fnmisp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.ValueTypes;
import org.fnmisp.functions.FunctionSettings;
import org.fnmisp.verdict.TagPattern;
import org.junit.jupiter.api.Test;

class FunctionSettingsFromConfigTest {

  private static AppConfig config(String fnMisp) {
    return AppConfig.parse("[fn_misp]\nmisp_url = https://misp.example.org\n" + fnMisp, "app.config", Map.of());
  }

  @Test
  void shouldReadTheSearchBoundsAndVerdictRules() {
    FunctionSettings settings = ConfiguredSettings.functions(config("""
        search_limit = 200
        enrich_limit = 20
        verdict_malicious_tags = my-org:verdict="bad", misp-galaxy:x="a, b"
        verdict_suspicious_tags =
        verdict_benign_tags = my-org:verdict="good"
        verdict_warninglist = IGNORE
        verdict_decay_threshold = 25.5
        verdict_trusted_orgs = CIRCL, Our CERT
        verdict_ignored_orgs = Noisy Feed
        """));

    assertThat(settings.searchLimit()).isEqualTo(200);
    assertThat(settings.enrichLimit()).isEqualTo(20);
    assertThat(settings.rules().malicious()).map(TagPattern::toString)
        .containsExactly("my-org:verdict=\"bad\"", "misp-galaxy:x=\"a, b\"");
    assertThat(settings.rules().suspicious()).as("an empty value means the default").hasSize(4);
    assertThat(settings.rules().benign()).map(TagPattern::toString).containsExactly("my-org:verdict=\"good\"");
    assertThat(settings.rules().warninglistBenign()).isFalse();
    assertThat(settings.rules().decayThreshold()).isEqualTo(25.5);
    assertThat(settings.rules().trustedOrgs()).isEqualTo(Set.of("circl", "our cert"));
    assertThat(settings.rules().ignoredOrgs()).isEqualTo(Set.of("noisy feed"));
  }

  @Test
  void shouldDefaultToAllEventsFiftyAttributesAndTheBundledRules() {
    FunctionSettings settings = ConfiguredSettings.functions(config(""));

    assertThat(settings).isEqualTo(FunctionSettings.defaults());
    assertThat(settings.searchLimit()).isNull();
    assertThat(settings.enrichLimit()).isEqualTo(50);
    assertThat(settings.rules().warninglistBenign()).isTrue();
    assertThat(settings.rules().malicious()).map(TagPattern::toString).contains("malware_classification:*");
    assertThat(settings.rules().trustedOrgs()).isEmpty();
  }

  @Test
  void shouldRefuseBadValuesNamingTheKeyAndTheValue() {
    assertThatThrownBy(() -> config("search_limit = 0\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("search_limit").hasMessageContaining("0").hasMessageContaining("at least 1");
    assertThatThrownBy(() -> config("enrich_limit = lots\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("enrich_limit").hasMessageContaining("lots");
    assertThatThrownBy(() -> config("verdict_warninglist = hide\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("verdict_warninglist").hasMessageContaining("hide")
        .hasMessageContaining("one of benign, ignore");
    assertThatThrownBy(() -> config("verdict_decay_threshold = -1\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("verdict_decay_threshold");
  }

  @Test
  void shouldSplitListsAtCommasOutsideQuotes() {
    assertThat(ValueTypes.splitList(" a , b,,\"c, d\" , x=\"e,f\" ")).containsExactly("a", "b", "\"c, d\"",
        "x=\"e,f\"");
    assertThat(ValueTypes.splitList(" , ")).isEqualTo(List.of());
  }
}
