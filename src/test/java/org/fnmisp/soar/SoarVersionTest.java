package org.fnmisp.soar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoarVersionTest {

  @Test
  void readsMajorAndMinorFromTheStartOfTheText() {
    assertThat(SoarVersion.parse("51.0.2.0.1234")).contains(new SoarVersion(51, 0));
    assertThat(SoarVersion.parse("v44")).contains(new SoarVersion(44, 0));
    assertThat(SoarVersion.parse(" 49.1")).contains(new SoarVersion(49, 1));
    assertThat(SoarVersion.parse("unknown")).isEmpty();
    assertThat(SoarVersion.parse("")).isEmpty();
  }

  @Test
  void comparesMajorThenMinor() {
    assertThat(new SoarVersion(48, 9).isOlderThan(new SoarVersion(49, 0))).isTrue();
    assertThat(new SoarVersion(49, 0).isOlderThan(new SoarVersion(49, 0))).isFalse();
    assertThat(new SoarVersion(50, 0).isOlderThan(new SoarVersion(49, 3))).isFalse();
    assertThat(new SoarVersion(49, 0)).hasToString("49.0");
  }
}
