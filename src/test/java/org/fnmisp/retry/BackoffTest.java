package org.fnmisp.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void shouldGrowByTheFactorUpToTheCapWithoutJitter() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 3.0, 0.0, () -> 0.7);

    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(300));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(900));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldCutUpToTheJitterShareAtRandom() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2, () -> 0.5);

    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(900));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(1800));
  }

  @Test
  void shouldNeverExceedTheCapWithRandomJitter() {
    Backoff backoff = Backoff.of(Duration.ofMillis(500), Duration.ofSeconds(60), 1.5, 0.25);

    for (int i = 0; i < 100; i++) {
      assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
      assertThat(backoff.delay(40)).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(60));
    }
  }

  @Test
  void shouldBeRepeatableWithAnInjectedRandom() {
    Random a = new Random(42);
    Random b = new Random(42);
    Backoff first = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5, a::nextDouble);
    Backoff second = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5, b::nextDouble);

    for (int retry = 1; retry <= 10; retry++) {
      assertThat(first.delay(retry)).isEqualTo(second.delay(retry));
    }
  }

  @Test
  void shouldWaitNothingWhenNone() {
    assertThat(Backoff.none().delay(1)).isZero();
    assertThat(Backoff.none().delay(9)).isZero();
  }

  @Test
  void shouldRejectNonsensicalSettings() {
    assertThatThrownBy(() -> Backoff.of(Duration.ofMillis(-1), Duration.ofSeconds(1), 2, 0))
        .hasMessage("initial backoff must not be negative, got PT-0.001S");
    assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
        .hasMessage("max backoff PT1S is shorter than the initial PT2S");
    assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0))
        .hasMessage("backoff factor must be at least 1, got 0.5");
    assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5))
        .hasMessage("backoff jitter must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> Backoff.none().delay(0)).hasMessage("retry must be >= 1, got 0");
  }
}
