package org.fnmisp.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.fnmisp.retry.Backoff;
import org.junit.jupiter.api.Test;

class StompSettingsTest {

  @Test
  void shouldNeverWaitMoreThanOneAndAHalfSecondsBetweenReconnectsSoTheFirstReplyComesWithinTwoSeconds() {
    // an outage of up to 5 minutes (and longer) never leaves more than 1.5 s between two attempts, so once the broker
    // is back, fn-misp is connected again within 1.5 s and its first reply follows at once
    Backoff backoff = StompSettings.DEFAULT_RECONNECT_BACKOFF;
    long waited = 0;
    int retry = 1;
    for (; waited < Duration.ofMinutes(5).toMillis(); retry++) {
      Duration delay = backoff.delay(retry);
      assertThat(delay).isLessThanOrEqualTo(Duration.ofMillis(1500));
      waited += delay.toMillis();
    }
    assertThat(backoff.delay(10_000)).isLessThanOrEqualTo(Duration.ofMillis(1500));
    assertThat(backoff.delay(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
    // at least one attempt every 0.75 s after the first seconds would hammer a broker that is down: the jitter stays
    // a share of the cap
    assertThat(retry).as("attempts in 5 minutes").isLessThan(500);
  }

  @Test
  void shouldSpreadTheReconnectsOfManyInstances() {
    Set<Duration> waits = new HashSet<>();
    for (int instance = 0; instance < 20; instance++) {
      waits.add(StompSettings.DEFAULT_RECONNECT_BACKOFF.delay(30));
    }
    assertThat(waits).hasSizeGreaterThan(10);
    assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(750), Duration.ofMillis(1500)));
  }
}
