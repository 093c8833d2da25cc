package org.fnmisp.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagPatternTest {

  @Test
  void shouldMatchAWholeNameIgnoringCase() {
    TagPattern pattern = TagPattern.of("false-positive:risk=\"high\"");
    assertThat(pattern.matches("False-Positive:risk=\"HIGH\"")).isTrue();
    assertThat(pattern.matches("false-positive:risk=\"high\" ")).isTrue();
    assertThat(pattern.matches("false-positive:risk=\"higher\"")).isFalse();
    assertThat(pattern.matches("x-false-positive:risk=\"high\"")).isFalse();
  }

  @Test
  void shouldTakeAStarForAnyText() {
    TagPattern pattern = TagPattern.of("misp-galaxy:threat-actor=*");
    assertThat(pattern.matches("misp-galaxy:threat-actor=\"APT 28\"")).isTrue();
    assertThat(pattern.matches("misp-galaxy:threat-actor=")).isTrue();
    assertThat(pattern.matches("misp-galaxy:threat-actors=\"APT 28\"")).isFalse();
    assertThat(TagPattern.of("*:risk=*").matches("false-positive:risk=\"low\"")).isTrue();
  }

  @Test
  void shouldTakeOtherRegexCharactersLiterally() {
    assertThat(TagPattern.of("a.b(c)+").matches("a.b(c)+")).isTrue();
    assertThat(TagPattern.of("a.b").matches("axb")).isFalse();
  }

  @Test
  void shouldKnowHandlingMarkings() {
    assertThat(TagPattern.isHandlingMarking("tlp:amber")).isTrue();
    assertThat(TagPattern.isHandlingMarking("TLP:RED")).isTrue();
    assertThat(TagPattern.isHandlingMarking("PAP:GREEN")).isTrue();
    assertThat(TagPattern.isHandlingMarking("tlpx:amber")).isFalse();
  }
}
