package org.fnmisp.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.fnmisp.retry.Backoff;
import org.junit.jupiter.api.Test;

class StompSettingsTest {

  @Test
  void shouldNeverWaitMoreThanOneSecondBetweenReconnectsSoTheFirstReplyComesWithinTwoSeconds() {
    // an outage of up to 5 minutes (and longer) never leaves more than 1 s between two attempts, so once the broker
    // is back, fn-misp is connected again within 1 s and its first reply follows at once
    Backoff backoff = StompSettings.DEFAULT_RECONNECT_BACKOFF;
    long waited = 0;
    int retry = 1;
    for (; waited < Duration.ofMinutes(5).toMillis(); retry++) {
      Duration delay = backoff.delay(retry);
      assertThat(delay).isLessThanOrEqualTo(Duration.ofSeconds(1));
      waited += delay.toMillis();
    }
    assertThat(backoff.delay(10_000)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
    // the jitter only ever shortens a wait, by at most half: no more than about 2 attempts a second
    assertThat(retry).as("attempts in 5 minutes").isLessThan(700);
  }

  @Test
  void shouldSpreadTheReconnectsOfManyInstances() {
    Set<Duration> waits = new HashSet<>();
    for (int instance = 0; instance < 20; instance++) {
      waits.add(StompSettings.DEFAULT_RECONNECT_BACKOFF.delay(30));
    }
    assertThat(waits).hasSizeGreaterThan(10);
    assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
  }
}
