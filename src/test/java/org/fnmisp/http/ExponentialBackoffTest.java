package org.fnmisp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  @Test
  void shouldDoubleFromTheBaseUpToTheCap() {
    ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofMillis(500), 0, () -> 0.7);

    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delay(60)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void shouldCutUpToTheJitterShareAtRandom() {
    ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(1000), Duration.ofSeconds(30), 0.2, () -> 0.5);

    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(900));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(1800));
  }

  @Test
  void shouldRejectNonsense() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, () -> 0))
        .hasMessageContaining("0 <= base <= max");
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ZERO, 1.5, () -> 0))
        .hasMessageContaining("jitter");
  }
}
