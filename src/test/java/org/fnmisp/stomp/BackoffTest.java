package org.fnmisp.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void shouldRetryFirstWithinOneSecondAndCapAtSixtySecondsByDefault() {
    Backoff backoff = Backoff.defaults();

    for (int i = 0; i < 100; i++) {
      assertThat(backoff.delay(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
      assertThat(backoff.delay(30)).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(60));
      assertThat(backoff.delay(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }
  }

  @Test
  void shouldGrowByTheFactorWithoutJitter() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 3.0, 0.0, new Random(7));

    assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(300));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(900));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldBeRepeatableWithAnInjectedRandom() {
    Backoff first = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5, new Random(42));
    Backoff second = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5, new Random(42));

    for (int attempt = 0; attempt < 10; attempt++) {
      assertThat(first.delay(attempt)).isEqualTo(second.delay(attempt));
    }
  }

  @Test
  void shouldRejectNonsensicalSettings() {
    Random random = new Random();
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0, random))
        .hasMessage("initial backoff must be positive, got PT0S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, random))
        .hasMessage("max backoff PT1S is shorter than the initial PT2S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0, random))
        .hasMessage("backoff factor must be at least 1, got 0.5");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5, random))
        .hasMessage("backoff jitter must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> Backoff.defaults().delay(-1)).hasMessage("attempt must be >= 0, got -1");
  }
}
